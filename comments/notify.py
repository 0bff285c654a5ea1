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
from django.utils import translation
from django.utils.translation import gettext as _

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
    # Editors read the site's own language, whatever language the commenter was reading.
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n".join(
            [
                _("A comment on “%(headline)s” is waiting for moderation.")
                % {"headline": comment.article.headline},
                "",
                _("From: %(name)s") % {"name": comment.name},
                _("Why it was held: %(reason)s")
                % {"reason": comment.held_reason or _("not recorded")},
                "",
                comment.excerpt,
                "",
                _("Moderate it: %(link)s") % {"link": f"{site_root.rstrip('/')}{queue}"},
            ]
        )
        subject = _("[%(site)s] Comment awaiting moderation") % {"site": settings.SITE_NAME}
    for recipient in recipients:
        outbox.enqueue(recipient, subject, body, purpose="moderation")
