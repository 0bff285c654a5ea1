"""Mail leaves the site from a table, never from inside a request.

Code that wants a mail sent calls `enqueue()`, usually inside the transaction that made the
mail necessary: the mail exists exactly when the change that caused it does. The
`deliver_mail` command (a worker loop; `--once` for cron or tests) sends what is due.

Rules this module owns:
- **Nothing is lost.** A mail stays in the table until the mail server accepts it; a refusal
  or a timeout records the error and schedules another attempt, with a growing pause
  (`RETRY_DELAYS`). After the last attempt the mail is marked failed, kept for the editors.
- **Nothing is sent twice.** Each mail is picked with a row lock that other workers skip
  (`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL), then claimed by a conditional UPDATE
  of its attempt count (which on SQLite also takes the database's one write lock, so a second
  worker waits, then finds the count changed and leaves the mail alone). It is marked sent in
  the same transaction. Two workers never send one mail.
  (Only a crash between the server's "250 OK" and our commit could repeat one: SMTP has no
  way to make that atomic, and a repeat is better than a loss.)
- **Posting never waits for SMTP.** Requests only insert rows.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Pause before the 2nd, 3rd... attempt. About a day in all: long enough to outlast a mail
# server's maintenance window, short enough that a confirmation link has not expired.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=4),
    timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class OutgoingMailQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(sent_at=None, failed=False, next_attempt_at__lte=now)


class OutgoingMail(models.Model):
    """One message waiting for, or done with, delivery."""

    to = models.EmailField(
        verbose_name=_("to"), max_length=254, help_text=_("The one recipient of this message.")
    )
    subject = models.CharField(verbose_name=_("subject"), max_length=300)
    body = models.TextField(verbose_name=_("body"))
    headers = models.JSONField(verbose_name=_("headers"), default=dict, blank=True)
    purpose = models.CharField(
        verbose_name=_("purpose"),
        max_length=40,
        help_text=_("Why the site sent it: confirmation, notification..."),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(
        verbose_name=_("next attempt at"), default=timezone.now, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(verbose_name=_("attempts"), default=0)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True, blank=True)
    failed = models.BooleanField(
        verbose_name=_("failed"),
        default=False,
        help_text=_("Every attempt failed; the site no longer tries."),
    )
    last_error = models.CharField(verbose_name=_("last error"), max_length=500, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        # The outbox list in the admin, in its order, however much mail has gone out.
        indexes = [models.Index(fields=["created_at", "id"], name="mail_time_idx")]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")

    def __str__(self):
        return f"{self.subject} → {self.to}"

    def as_message(self, connection):
        return EmailMessage(
            self.subject,
            self.body,
            settings.DEFAULT_FROM_EMAIL,
            [self.to],
            headers=self.headers or None,
            connection=connection,
        )


def enqueue(to, subject, body, purpose, headers=None, send_at=None):
    """Put one mail in the outbox; it is sent when the transaction around this call commits,
    or at `send_at` if that is later."""
    # A line break in a subject is refused by the mail library at every attempt; a name typed
    # by a commenter (or stored before names were checked) must never make a mail undeliverable.
    subject = " ".join(subject.split())
    return OutgoingMail.objects.create(
        to=to,
        subject=subject[:300],
        body=body,
        purpose=purpose,
        headers=headers or {},
        next_attempt_at=send_at or timezone.now(),
    )


def claim(mail):
    """Take `mail` for this worker, as read; False if another worker got to it first."""
    taken = OutgoingMail.objects.filter(pk=mail.pk, attempts=mail.attempts, sent_at=None).update(
        attempts=F("attempts") + 1
    )
    mail.attempts += 1
    return bool(taken)


def _pick_next(now):
    # skip_locked: another worker's mail is its business, not a reason to wait.
    return (
        OutgoingMail.objects.due(now)
        .select_for_update(skip_locked=True)
        .order_by("next_attempt_at", "pk")
        .first()
    )


def deliver_due(limit=100, now=None):
    """Send up to `limit` due mails, one transaction each. Returns (sent, failed attempts)."""
    sent = failures = 0
    connection = get_connection(fail_silently=False)
    try:
        for _ in range(limit):
            with transaction.atomic():
                mail = _pick_next(now or timezone.now())
                if mail is None:
                    break
                if not claim(mail):
                    continue
                try:
                    mail.as_message(connection).send()
                except Exception as error:  # any failure of the mail server: try again later
                    failures += 1
                    _schedule_retry(mail, error)
                    # The connection may be half-broken; the next mail opens a fresh one.
                    _close_quietly(connection)
                else:
                    sent += 1
                    mail.sent_at = timezone.now()
                    mail.last_error = ""
                mail.save(update_fields=["sent_at", "last_error", "next_attempt_at", "failed"])
    finally:
        _close_quietly(connection)
    return sent, failures


def _close_quietly(connection):
    try:
        connection.close()
    except Exception:  # a server that hung up has nothing more to say
        logger.debug("Mail connection closed uncleanly", exc_info=True)


def _schedule_retry(mail, error):
    mail.last_error = f"{type(error).__name__}: {error}"[:500]
    if mail.attempts >= MAX_ATTEMPTS:
        mail.failed = True
        logger.error("Giving up on mail %s after %s attempts: %s", mail.pk, mail.attempts, error)
    else:
        mail.next_attempt_at = timezone.now() + RETRY_DELAYS[mail.attempts - 1]
        logger.warning("Mail %s not delivered (attempt %s): %s", mail.pk, mail.attempts, error)
