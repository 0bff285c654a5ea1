"""Comments app."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from newsroom.pagecache import register_personal_cookie

        from . import editing, held, remember, signals
        from .models import Comment

        # Pages shown with a reader's remembered details or held comment are theirs alone.
        register_personal_cookie(remember.COOKIE_NAME)
        register_personal_cookie(held.COOKIE_NAME)
        # Pages shown to a comment's author carry its edit and delete controls.
        register_personal_cookie(editing.COOKIE_NAME)
        post_save.connect(signals.comment_changed, Comment, dispatch_uid="comments-save")
        post_delete.connect(signals.comment_changed, Comment, dispatch_uid="comments-delete")
