"""Articles: categories, stories, and the reader pages that show them."""

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache invalidation receivers)
