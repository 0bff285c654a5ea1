"""Values every page template needs: the site name and the section navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Category


def site_categories(request):
    """Every section, fetched at most once per request (the navigation and views share it)."""
    if not hasattr(request, "_site_categories"):
        request._site_categories = list(Category.objects.all())
    return request._site_categories


def site(request):
    # Lazy, so pages that never draw the navigation (feeds, robots.txt) run no query.
    return {
        "site_name": settings.SITE_NAME,
        "nav_categories": SimpleLazyObject(lambda: site_categories(request)),
    }
