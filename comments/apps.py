"""Comments app."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from articles.pagecache import renew_per_reader

        from . import signals, spam
        from .models import Comment

        # The form's issue time must be the time each reader was served the page.
        renew_per_reader("token")(lambda request, token: spam.renew_form_token(token))
        post_save.connect(signals.comment_changed, Comment, dispatch_uid="comments-save")
        post_delete.connect(signals.comment_changed, Comment, dispatch_uid="comments-delete")
