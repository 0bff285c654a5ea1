"""Replies the site itself posts under a reader's comment, written by an editor in the admin.

A site reply is an ordinary comment, stored through Comment.save() like any other, so the
story's cached pages are retired by the same signal (signals.py) and the commenter's
"email me replies" subscription hears of it (subscriptions.py). What sets it apart:
- it is approved at once: an editor wrote it;
- it carries the site's name (`COMMENTS_SITE_REPLY_NAME`, or `SITE_NAME`) and `by_staff`,
  which readers see as a "Staff" badge: anyone can type the site's name into the form, only
  the desk can give the badge;
- its address is the site's sending address, which, like every commenter's, is never shown.
"""

from email.utils import parseaddr

from django.conf import settings
from django.db import transaction

from . import subscriptions
from .models import Comment


def site_reply_name():
    return settings.COMMENTS_SITE_REPLY_NAME or settings.SITE_NAME


def site_reply_email():
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "webmaster@localhost"


def can_reply_to(comment):
    """Whether a reply can sit under `comment`: threads stop at MAX_DEPTH levels."""
    return comment.accepts_replies


def reply_as_site(comment, text, site_root):
    """Post `text` as the site's reply to `comment`, public at once; returns the reply."""
    with transaction.atomic():
        reply = Comment.objects.create(
            article=comment.article,
            parent=comment,
            name=site_reply_name(),
            email=site_reply_email(),
            text=text,
            status=Comment.Status.APPROVED,
            by_staff=True,
        )
        subscriptions.announce(reply, site_root)
    return reply
