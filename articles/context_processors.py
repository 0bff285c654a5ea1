"""Values every page template needs, and the sections every page shows."""

from django.conf import settings
from django.utils import translation

from newsroom.copies import is_list_of, kept
from newsroom.models import SITE_SCOPE
from newsroom.pagecache import generation

from .models import Category


def site_categories(request):
    """Every section in the reader's language, read once per request (the navigation and views
    share it) and kept per site generation and language: a change to any section or its
    translations starts a new generation. Anything else found under the key is a miss."""
    if not hasattr(request, "_site_categories"):
        language = translation.get_language() or settings.LANGUAGE_CODE
        request._site_categories = kept(
            "sections",
            is_list_of(Category),
            lambda: Category.objects.in_language(language),
            generations=[generation(request, SITE_SCOPE)],
            language=language,
        )
    return request._site_categories


def show_sections_in_language(request, stories):
    """Give each of `stories` its section as the reader's language shows it (site_categories),
    in place of the English one read with the story: no query for it. A section made since they
    were read keeps its English name."""
    sections = {category.pk: category for category in site_categories(request)}
    for story in stories:
        if story.category_id in sections:
            story.category = sections[story.category_id]
    return stories


def site(request):
    # The sections are read by the masthead itself (site_header in templating.py), so pages
    # that never draw it (feeds, robots.txt) run no query.
    return {"site_name": settings.SITE_NAME}
