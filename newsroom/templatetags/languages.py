"""The same page in the site's other languages: `hreflang` alternates and the switcher.

Both depend only on the URL, never on the reader, so shared pages can carry them.
"""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

register = template.Library()


def _page_versions(request):
    """[(language code, language name, path), ...] for the page being shown, or [] when the
    page is not one of the reader URLs (an error page, say)."""
    if request is None:
        return []
    try:
        resolve(request.path_info)
    except Resolver404:
        return []
    path = request.get_full_path()
    versions = []
    for code, _name in settings.LANGUAGES:
        translated = translate_url(path, code)
        if code != translation.get_language() and translated == path:
            return []  # not a page that exists per language
        versions.append((code, translation.get_language_info(code)["name_local"], translated))
    return versions


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """<link rel="alternate" hreflang=…> for every language, and x-default (the default
    language's URL, which needs no prefix)."""
    request = context.get("request")
    versions = _page_versions(request)
    links = [(code, request.build_absolute_uri(path)) for code, _name, path in versions]
    default = dict(links).get(settings.LANGUAGE_CODE)
    return {"alternates": links, "x_default": default}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A form with one button per other language: it works without JavaScript (Django's
    set_language view sets the language cookie and redirects to the page in that language)."""
    request = context.get("request")
    current = translation.get_language()
    versions = _page_versions(request)
    return {
        "current_language": current,
        "next_path": request.get_full_path() if versions else "/",
        "languages": [
            (code, translation.get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES
            if code != current
        ],
        "user": context.get("user"),
    }
