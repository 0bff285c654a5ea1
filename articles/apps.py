"""Articles: categories, stories, and the reader pages that show them."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def next_site_pages_change(self):
        """When the site's pages next change by themselves, or None: the next scheduled story
        goes live (newsroom/models.py keys cached pages on it)."""
        from .models import Article

        return Article.objects.next_scheduled_time()

    def ready(self):
        from . import signals  # connects the cache invalidation receivers

        post_migrate.connect(signals.retire_pages_after_migrate, sender=self)
