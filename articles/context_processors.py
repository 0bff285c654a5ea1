"""Values every page template needs, and the sections every page shows."""

from django.conf import settings

from newsroom.copies import is_list_of, kept
from newsroom.models import SITE_SCOPE
from newsroom.pagecache import generation

from .models import Category


def site_categories(request):
    """Every section, read once per request (the navigation and views share it) and kept per
    site generation, which a change to any section starts anew. Anything else found under the
    key is a miss."""
    if not hasattr(request, "_site_categories"):
        request._site_categories = kept(
            "sections",
            is_list_of(Category),
            lambda: list(Category.objects.all()),
            generations=[generation(request, SITE_SCOPE)],
        )
    return request._site_categories


def site(request):
    # The sections are read by the masthead itself (site_header in templating.py), so pages
    # that never draw it (feeds, robots.txt) run no query.
    return {"site_name": settings.SITE_NAME}
