"""Telling editors that a comment waits for them.

Mail goes into the outbox (comments/outbox.py), one message per editor, in the transaction
that stores the comment; `deliver_mail` sends it. Recipients are `COMMENTS_NOTIFY_EMAILS`, or
every active staff member with an address when that is empty. The message names the story
and the reason the comment was held, and links to the moderation queue; it leaves the
commenter's email out, since editors read it in the admin.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from . import outbox


def editor_addresses():
    if settings.COMMENTS_NOTIFY_EMAILS:
        return list(settings.COMMENTS_NOTIFY_EMAILS)
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(staff.values_list("email", flat=True)))


def notify_editors_of_pending(comment, site_root):
    """Queue a mail to each editor about `comment`; a mail server's troubles come later, in
    `deliver_mail`, and never reach the reader.

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
    subject = f"[{settings.SITE_NAME}] Comment awaiting moderation"
    for recipient in recipients:
        outbox.enqueue(recipient, subject, body, purpose="moderation")
