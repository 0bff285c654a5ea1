"""Which language a request is answered in.

Rules this module owns:
- A reader page's language is in its URL: /de/…, /fr/…, or no prefix for the default language
  (LANGUAGE_CODE). Nothing else (cookie, Accept-Language) changes what a reader URL shows, so
  the page cache and any HTTP cache in front can share one copy per URL.
- The one exception is the bare home page, `/`: a visitor who chose another language with the
  switcher (Django's language cookie, declared Necessary) is sent to that language's home page.
  The redirect is private; the English home page itself stays shared.
- Pages outside the reader URLs (the admin) follow the visitor: the language cookie, then the
  browser's Accept-Language, then the default.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.i18n import set_language

from .addresses import url
from .crossorigin import reader_form


def is_admin_path(path):
    try:
        return path.startswith(url("admin:index"))
    except NoReverseMatch:  # a URL configuration without the admin (some tests')
        return False


def chosen_language(request):
    """The language the visitor picked with the switcher, if it is one the site has."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else None


class ReaderLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        path = request.path_info
        if is_admin_path(path):
            language = translation.get_language_from_request(request, check_path=False)
        else:
            language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        chosen = chosen_language(request)
        if (
            path == "/"
            and request.method in ("GET", "HEAD")
            and chosen
            and chosen != settings.LANGUAGE_CODE
        ):
            with translation.override(chosen):
                response = HttpResponseRedirect(reverse("articles:home"))
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, private=True)
            return response
        return None

    def process_response(self, request, response):
        if is_admin_path(request.path_info):
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


@reader_form
def switch_language(request):
    """Django's set_language (sets the language cookie, redirects to the same page in the
    chosen language), reading the page it came from in that page's own language so that its
    address can be translated."""
    came_from = request.POST.get("next", "")
    translation.activate(translation.get_language_from_path(came_from) or settings.LANGUAGE_CODE)
    return set_language(request)
