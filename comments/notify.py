"""Telling editors that a comment waits for them.

Mail goes through Django's email backend (the console in development, see EMAIL_URL) to
`COMMENTS_NOTIFY_EMAILS`, or to every active staff member with an address when that is
empty. The message names the story and the reason the comment was held, and links to the
moderation queue; it leaves the commenter's email out, since editors read it in the admin.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

logger = logging.getLogger(__name__)


def editor_addresses():
    if settings.COMMENTS_NOTIFY_EMAILS:
        return list(settings.COMMENTS_NOTIFY_EMAILS)
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(staff.values_list("email", flat=True)))


def notify_editors_of_pending(comment, site_root):
    """Email the editors about `comment`; a mail failure is logged, never shown to the reader.

    `site_root` ("https://news.example/") makes the link to the moderation queue absolute.
    """
    recipients = editor_addresses()
    if not recipients:
        return
    queue = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    body = "\n".join(
        [
            f"A comment on “{comment.article.headline}” is waiting for moderation.",
            "",
            f"From: {comment.name}",
            f"Why it was held: {comment.held_reason or 'not recorded'}",
            "",
            comment.excerpt,
            "",
            f"Moderate it: {site_root.rstrip('/')}{queue}",
        ]
    )
    try:
        send_mail(
            f"[{settings.SITE_NAME}] Comment awaiting moderation",
            body,
            None,
            recipients,
        )
    except Exception:
        # The comment is already stored and visible in the admin queue; a broken mail server
        # must not turn the reader's successful post into an error page.
        logger.exception("Could not notify editors about comment %s", comment.pk)
