"""Cache invalidation: an edited category, declaration, tag or Consent Mode mapping must show on
the very next page; and the tag hosts the Content-Security-Policy allows.

Connected in ConsentConfig.ready(). Clearing the catalogue also gives the policy a new version
(it is computed from the catalogue), which is what makes visitors be asked again.
"""

import logging

from django.db import DatabaseError

from newsroom.models import CATALOGUE_SCOPE, SITE_SCOPE, PageGeneration

from .catalogue import get_catalogue

logger = logging.getLogger("consent.catalogue")


def retire_catalogue():
    """Retire the kept catalogue and every page (they all carry the banner and dialog), once
    the change commits."""
    PageGeneration.objects.bump(CATALOGUE_SCOPE)


def catalogue_changed(sender, **kwargs):
    retire_catalogue()


def embed_changed(sender, **kwargs):
    """An embed's title, thumbnail or provider shows on its story's page."""
    PageGeneration.objects.bump(SITE_SCOPE)


def migrations_applied(sender, **kwargs):
    # Data migrations use historical models, which send no model signals.
    retire_catalogue()


def tag_policy_sources(request):
    """The origins active tags load from, for newsroom.security's policy."""
    try:
        return get_catalogue(request=request).tag_policy_sources()
    except DatabaseError:
        # No catalogue, no tags: the strict policy stands (fail closed).
        logger.exception("Cookie catalogue unavailable; no tag hosts in the CSP.")
        return {}
