"""Articles: categories, stories, and the reader pages that show them."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from newsroom.models import when_site_pages_change_by_themselves

        from . import signals  # connects the cache invalidation receivers
        from .models import Article

        post_migrate.connect(signals.retire_pages_after_migrate, sender=self)
        when_site_pages_change_by_themselves(Article.objects.next_scheduled_time)
