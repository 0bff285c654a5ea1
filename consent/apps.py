"""Consent app: cookie categories and declarations, the consent dialog, its records and the
enforcement of visitors' choices on the site's own cookies."""

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_delete, post_migrate, post_save


class ConsentConfig(AppConfig):
    name = "consent"
    verbose_name = "Cookie consent"

    def ready(self):
        from newsroom.security import register_policy_sources

        from . import signals
        from .models import ConsentModeType, CookieCategory, CookieDeclaration, Tag
        from .policy import MAX_AGE_LIMIT_DAYS

        for model in (CookieCategory, CookieDeclaration, Tag, ConsentModeType):
            uid = f"consent-{model.__name__}"
            post_save.connect(signals.catalogue_changed, model, dispatch_uid=f"{uid}-save")
            post_delete.connect(signals.catalogue_changed, model, dispatch_uid=f"{uid}-delete")
        post_migrate.connect(signals.migrations_applied, self, dispatch_uid="consent-migrate")
        # Tag hosts join the Content-Security-Policy only while a tag is configured.
        register_policy_sources(signals.tag_policy_sources)

        max_age = settings.CONSENT_MAX_AGE_DAYS
        if not 1 <= max_age <= MAX_AGE_LIMIT_DAYS:
            raise ImproperlyConfigured(
                f"CONSENT_MAX_AGE_DAYS must be between 1 and {MAX_AGE_LIMIT_DAYS} (13 months)."
            )
        if max_age > settings.CONSENT_LOG_RETENTION_DAYS:
            raise ImproperlyConfigured(
                "CONSENT_LOG_RETENTION_DAYS must be at least CONSENT_MAX_AGE_DAYS: every live "
                "consent has to keep its proof."
            )
