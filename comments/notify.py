"""Telling editors that a comment waits for them.

Mail goes into the outbox (comments/outbox.py), one message per editor, in the transaction
that stores the comment; `deliver_mail` sends it. Recipients are `COMMENTS_NOTIFY_EMAILS`, or
every active staff member with an address when that is empty. The message names the story
and the reason the comment was held, and links to the moderation queue; it leaves the
commenter's email out, since editors read it in the admin.

A flood must not become a flood of mail to every editor: the first `NOTICES_PER_PERIOD` held
comments of a period are mailed one by one; past that, each editor gets one summary at the
end of the period saying how many more were held (counted in the database). Every held
comment goes through the same steps, whether or not editors are to hear about it, so the time
a post takes says nothing about its address (a first comment is announced, a comment only
waiting for its address's confirmation is not).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsroom.models import Counter

from . import held_reasons, outbox

NOTICES_PER_PERIOD = 5
NOTICE_PERIOD = 3600
DIGEST_PURPOSE = "moderation digest"


def editor_addresses():
    if settings.COMMENTS_NOTIFY_EMAILS:
        return list(settings.COMMENTS_NOTIFY_EMAILS)
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(staff.values_list("email", flat=True)))


def _queue_link(site_root):
    queue = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    return f"{site_root.rstrip('/')}{queue}"


def comment_held(comment, site_root, tell_editors):
    """Count held `comment` and, if `tell_editors`, queue a mail about it to each editor, or
    add it to the period's summary once the period has had its share of single mails.
    A mail server's troubles come later, in `deliver_mail`, and never reach the reader.

    `site_root` ("https://news.example/") makes the link to the moderation queue absolute.
    """
    recipients = editor_addresses()
    held_in_period = Counter.objects.hit("comments:editor-notices", NOTICE_PERIOD)
    if held_in_period > NOTICES_PER_PERIOD:
        _add_to_summary(held_in_period - NOTICES_PER_PERIOD, recipients, site_root)
    elif tell_editors:
        _notify_each(comment, recipients, site_root)


def _add_to_summary(more, recipients, site_root):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[%(site)s] More comments awaiting moderation") % {"site": settings.SITE_NAME}
        body = "\n".join(
            [
                ngettext(
                    "%(count)d more comment was held for moderation in the last hour; to keep "
                    "your inbox usable it is not mailed on its own.",
                    "%(count)d more comments were held for moderation in the last hour; to keep "
                    "your inbox usable they are not mailed one by one.",
                    more,
                )
                % {"count": more},
                "",
                _("Moderate them: %(link)s") % {"link": _queue_link(site_root)},
            ]
        )
    unsent = outbox.OutgoingMail.objects.filter(purpose=DIGEST_PURPOSE, sent_at=None, attempts=0)
    if more > 1 and unsent.update(body=body):
        return
    # The period's first comment past the single mails starts the summary, sent at its end.
    send_at = timezone.now() + timedelta(seconds=NOTICE_PERIOD)
    for recipient in recipients:
        outbox.enqueue(recipient, subject, body, purpose=DIGEST_PURPOSE, send_at=send_at)


def _notify_each(comment, recipients, site_root):
    # Editors read the site's own language, whatever language the commenter was reading.
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n".join(
            [
                _("A comment on “%(headline)s” is waiting for moderation.")
                % {"headline": comment.article.headline},
                "",
                _("From: %(name)s") % {"name": comment.name},
                _("Why it was held: %(reason)s")
                % {"reason": held_reasons.describe(comment.held_reason) or _("not recorded")},
                "",
                comment.excerpt,
                "",
                _("Moderate it: %(link)s") % {"link": _queue_link(site_root)},
            ]
        )
        subject = _("[%(site)s] Comment awaiting moderation") % {"site": settings.SITE_NAME}
    for recipient in recipients:
        outbox.enqueue(recipient, subject, body, purpose="moderation")
