"""Consent app: cookie categories and declarations, the consent dialog, its records and the
enforcement of visitors' choices on the site's own cookies."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "consent"
    verbose_name = _("Cookie consent")

    def page_policy_sources(self, request):
        """Hosts a page's Content-Security-Policy lets scripts load from (newsroom/security.py):
        those of the tags an editor configured, only while a tag is."""
        from .signals import tag_policy_sources

        return tag_policy_sources(request)

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers itself)
        from .catalogue import CATALOGUE_MODELS

        for model in CATALOGUE_MODELS:
            uid = f"consent-{model.__name__}"
            post_save.connect(signals.catalogue_changed, model, dispatch_uid=f"{uid}-save")
            post_delete.connect(signals.catalogue_changed, model, dispatch_uid=f"{uid}-delete")
        from articles.models import Article

        from .embedding import story_saved
        from .models import Embed

        post_save.connect(story_saved, Article, dispatch_uid="consent-embed-pasted")
        post_save.connect(signals.embed_changed, Embed, dispatch_uid="consent-embed-save")
        post_delete.connect(signals.embed_changed, Embed, dispatch_uid="consent-embed-delete")
        post_migrate.connect(signals.migrations_applied, self, dispatch_uid="consent-migrate")
