"""Cache invalidation: an edited category, declaration, tag or Consent Mode mapping must show on
the very next page; and the tag hosts the Content-Security-Policy allows.

Connected in ConsentConfig.ready(). Clearing the catalogue also gives the policy a new version
(it is computed from the catalogue), which is what makes visitors be asked again.
"""

import logging

from django.db import DatabaseError

from newsroom.pagecache import retire_site_pages

from .catalogue import forget_catalogue, get_catalogue

logger = logging.getLogger("consent.catalogue")


def catalogue_changed(sender, **kwargs):
    forget_catalogue()
    # Every cached page carries the banner and dialog, and not every change (the order of the
    # categories) gives the policy a new version, which the page cache keys on.
    retire_site_pages()


def migrations_applied(sender, **kwargs):
    # Data migrations use historical models, which send no model signals.
    forget_catalogue()


def tag_policy_sources():
    """The origins active tags load from, for newsroom.security's policy."""
    try:
        return get_catalogue().tag_policy_sources()
    except DatabaseError:
        # No catalogue, no tags: the strict policy stands (fail closed).
        logger.exception("Cookie catalogue unavailable; no tag hosts in the CSP.")
        return {}
