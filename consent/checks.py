"""System checks for the consent settings: `manage.py check` (and every `migrate` a deployment
runs) refuses a consent lifetime the law does not allow, or a log that would lose live proof."""

from django.conf import settings
from django.core import checks

from .policy import MAX_AGE_LIMIT_DAYS


@checks.register()
def check_consent_settings(app_configs, **kwargs):
    errors = []
    max_age = settings.CONSENT_MAX_AGE_DAYS
    if not 1 <= max_age <= MAX_AGE_LIMIT_DAYS:
        errors.append(
            checks.Error(
                f"CONSENT_MAX_AGE_DAYS must be between 1 and {MAX_AGE_LIMIT_DAYS} (13 months).",
                id="consent.E001",
            )
        )
    if max_age > settings.CONSENT_LOG_RETENTION_DAYS:
        errors.append(
            checks.Error(
                "CONSENT_LOG_RETENTION_DAYS must be at least CONSENT_MAX_AGE_DAYS: every live "
                "consent has to keep its proof.",
                id="consent.E002",
            )
        )
    return errors
