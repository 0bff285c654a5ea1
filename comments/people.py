"""Moderators' memory of people: suspended and banned mailboxes, and trusted addresses.

Rules this module owns:
- **A suspension or ban belongs to a mailbox**, every spelling of one inbox together (case,
  `+tags`, Gmail's dots: comments/mailboxes.py), so `troll+2@` is refused like `troll@`. The
  table keeps only a keyed hash of the mailbox (HMAC with SECRET_KEY), never the address: a
  copy of the table names nobody. An end time makes a suspension; none makes a ban.
- **A refused post is told so**, next to the form, with the reader's text kept. The answer says
  that the address may not comment (and until when), never why: the reason goes only to the
  address, by mail, when the editor decides (through the outbox).
- **Trust belongs to one address an editor marked** (`CommenterAddress.trusted_at`). Its
  comments skip pre-moderation (the first-comment hold and `COMMENTS_HOLD_ALL`), but nothing
  about their content: blocked words, too many links, a burst from one client and a copy sent
  from another browser still hold or reject them, and the browser must still have proved it
  owns the address (confirmation.py), or anyone typing a trusted address would be published.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import outbox
from .commenters import CommenterAddress, Subscription
from .mailboxes import mailbox, normalize_email

SUSPENSION_DAYS = 7
MAIL_PURPOSE = "restriction"


def mailbox_key(email):
    """A keyed hash of the mailbox `email` is delivered to: stable for this site, meaningless
    without SECRET_KEY."""
    return salted_hmac("comments.mailbox", mailbox(email), algorithm="sha256").hexdigest()


class RestrictionQuerySet(models.QuerySet):
    def in_force(self, now=None):
        return self.filter(Q(ends_at=None) | Q(ends_at__gt=now or timezone.now()))

    def for_email(self, email):
        return self.filter(mailbox_key=mailbox_key(email))


class CommenterRestriction(models.Model):
    """A mailbox that may not comment: until `ends_at` (a suspension) or for good (a ban)."""

    mailbox_key = models.CharField(
        verbose_name=gettext_lazy("mailbox key"), max_length=64, db_index=True, editable=False
    )
    ends_at = models.DateTimeField(
        verbose_name=gettext_lazy("ends at"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Empty: banned for good. Set a time in the past to lift a suspension or ban."
        ),
    )
    reason = models.TextField(
        verbose_name=gettext_lazy("reason"),
        help_text=gettext_lazy("Mailed to the commenter when the restriction is made."),
    )
    comment = models.ForeignKey(
        "comments.Comment",
        verbose_name=gettext_lazy("comment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=gettext_lazy("The comment the editor acted on, if any."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(
        verbose_name=gettext_lazy("created at"), default=timezone.now, editable=False
    )

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        verbose_name = gettext_lazy("suspension or ban")
        verbose_name_plural = gettext_lazy("suspensions and bans")

    def __str__(self):
        if self.ends_at is None:
            return _("Ban of %(created)s") % {"created": self._when(self.created_at)}
        return _("Suspension until %(ends)s") % {"ends": self._when(self.ends_at)}

    @staticmethod
    def _when(moment):
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")

    def is_ban(self):
        return self.ends_at is None

    def is_in_force(self, now=None):
        return self.ends_at is None or self.ends_at > (now or timezone.now())

    is_in_force.boolean = True
    is_in_force.short_description = gettext_lazy("in force")


def restriction_for(email, now=None):
    """The suspension or ban in force for `email`'s mailbox (a ban first, then the one that
    lasts longest), or None."""
    return (
        CommenterRestriction.objects.in_force(now)
        .for_email(email)
        .order_by(F("ends_at").desc(nulls_first=True))
        .first()
    )


def refusal(restriction):
    """The error shown above the form when a restricted address posts."""
    if restriction.is_ban():
        message = _(
            "Comments from this email address are not accepted on this site. Your comment "
            "was not posted."
        )
    else:
        message = _(
            "Comments from this email address are suspended until %(time)s. Your comment was "
            "not posted; you can send it again after that time."
        ) % {"time": CommenterRestriction._when(restriction.ends_at)}
    return ValidationError(message, code="restricted")


def restrict(comments, reason, days=None, by=None):
    """Suspend for `days` (None: ban for good) the mailboxes `comments` were posted from, and
    mail each address the reason. Returns how many mailboxes were restricted."""
    ends_at = timezone.now() + timedelta(days=days) if days else None
    done = set()
    with transaction.atomic():
        for comment in comments:
            key = mailbox_key(comment.email)
            if key in done:
                continue
            done.add(key)
            CommenterRestriction.objects.create(
                mailbox_key=key, ends_at=ends_at, reason=reason, comment=comment, created_by=by
            )
            _tell(comment, reason, ends_at)
    return len(done)


def _language_of(email):
    # The language the reader last subscribed in, the nearest thing to the one they read in.
    language = (
        Subscription.objects.filter(address__email=normalize_email(email))
        .exclude(language="")
        .values_list("language", flat=True)
        .first()
    )
    return language or settings.LANGUAGE_CODE


def _tell(comment, reason, ends_at):
    with translation.override(_language_of(comment.email)):
        if ends_at is None:
            subject = _("[%(site)s] You can no longer comment") % {"site": settings.SITE_NAME}
            decision = _("An editor has stopped comments from this email address for good.")
        else:
            subject = _("[%(site)s] Your comments are suspended") % {"site": settings.SITE_NAME}
            decision = _(
                "An editor has suspended comments from this email address until %(time)s."
            ) % {"time": CommenterRestriction._when(ends_at)}
        body = "\n".join(
            [
                _("Hello %(name)s,") % {"name": comment.name},
                "",
                decision,
                "",
                _("The reason:"),
                reason,
                "",
                _("This concerns your comment on “%(headline)s”:")
                % {"headline": comment.article.headline},
                comment.excerpt,
            ]
        )
    outbox.enqueue(comment.email, subject, body, purpose=MAIL_PURPOSE)


def set_trust(emails, trusted):
    """Mark the addresses `emails` trusted (or no longer); returns how many changed."""
    emails = {normalize_email(email) for email in emails}
    for email in emails:
        CommenterAddress.objects.for_email(email)
    addresses = CommenterAddress.objects.filter(email__in=emails)
    if trusted:
        return addresses.filter(trusted_at=None).update(trusted_at=timezone.now())
    return addresses.exclude(trusted_at=None).update(trusted_at=None)


def is_trusted(email):
    return CommenterAddress.objects.filter(
        email=normalize_email(email), trusted_at__isnull=False
    ).exists()
