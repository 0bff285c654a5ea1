"""Cache invalidation: an edited category or declaration must show on the very next page.

Connected in ConsentConfig.ready(). Clearing the catalogue also gives the policy a new version
(it is computed from the catalogue), which is what makes visitors be asked again.
"""

from newsroom.pagecache import retire_site_pages

from .catalogue import forget_catalogue


def catalogue_changed(sender, **kwargs):
    forget_catalogue()
    # Every cached page carries the banner and dialog, and not every change (the order of the
    # categories) gives the policy a new version, which the page cache keys on.
    retire_site_pages()


def migrations_applied(sender, **kwargs):
    # Data migrations use historical models, which send no model signals.
    forget_catalogue()
