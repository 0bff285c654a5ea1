"""When a story accepts new comments.

Editors can close a story by hand (`Article.comments_open`), and every story closes on its
own `COMMENTS_CLOSE_AFTER_DAYS` after publication (0 keeps stories open for good): old
stories attract spam and few readers, and nobody is watching their threads any more.
Existing comments stay visible after closing.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def closes_at(article):
    """When `article` stops taking comments automatically, or None if it never does."""
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    return article.published_at + timedelta(days=days) if days else None


def accepts_comments(article, now=None):
    if not article.comments_open or not article.is_published():
        return False
    deadline = closes_at(article)
    return deadline is None or (now or timezone.now()) < deadline
