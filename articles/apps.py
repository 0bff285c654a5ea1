"""Articles: categories, stories, and the reader pages that show them."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import signals  # connects the cache invalidation receivers

        post_migrate.connect(signals.retire_pages_after_migrate, sender=self)
