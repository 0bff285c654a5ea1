"""Comments app."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    @property
    def personal_cookies(self):
        """Cookies that make a page its reader's own, never shared by the page cache
        (newsroom/pagecache.py)."""
        from . import editing, held, remember

        # Pages shown with a reader's remembered details or held comment are theirs alone;
        # pages shown to a comment's author carry its edit and delete controls.
        return (remember.COOKIE_NAME, held.COOKIE_NAME, editing.COOKIE_NAME)

    def ready(self):
        from . import signals
        from .models import Comment

        post_save.connect(signals.comment_changed, Comment, dispatch_uid="comments-save")
        post_delete.connect(signals.comment_changed, Comment, dispatch_uid="comments-delete")
