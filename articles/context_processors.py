"""Values every page template needs: the site name and the section navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Category


def site(request):
    # Lazy, so pages that never draw the navigation (feeds, robots.txt) run no query.
    return {
        "site_name": settings.SITE_NAME,
        "nav_categories": SimpleLazyObject(lambda: list(Category.objects.all())),
    }
