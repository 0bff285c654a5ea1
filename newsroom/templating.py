"""The Jinja2 environment of reader pages (templates/), and the helpers every page uses.

Reader pages are Jinja2 rather than Django's template language because a signed-in editor's
story page (consent dialog, comment form, fifty comments) spent most of its 11 ms in Django's
template engine; Jinja2 compiles each template to Python once. The admin keeps Django's
language (Django's own templates are written in it).

Jinja2 differs from Django's templates in ways that matter here:
- methods are called with `()`; missing values are empty, as in Django's (ChainableUndefined);
- `_()` translates, and `{% trans %}` blocks are always trimmed, so their message ids are the
  ones Django's `{% blocktranslate trimmed %}` made; a literal % in `_()` is written %%;
- Django's Jinja2 backend lets the context processors overwrite a view's context, the other
  way round from Django's language, so a view never reuses a name a processor sets
  (`consent_next`, `site_name`, ...);
- `make messages` reads the templates' messages with Babel (scripts/messages.sh).

Pages nobody's cache serves (a signed-in editor's, a search) are drawn for each request, so
what every page repeats is remembered: addresses, static addresses, formatted times, and with
`drawn_once()` whole pieces that depend on a few values only (the masthead, the consent
banner's text and the dialog's categories). docs/performance.md, "Rendering".
"""

import threading
from collections import OrderedDict, defaultdict
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.forms.renderers import Jinja2 as Jinja2FormRenderer
from django.template.backends.utils import csrf_input
from django.template.defaultfilters import capfirst
from django.template.defaultfilters import date as format_date
from django.templatetags.static import static as static_address
from django.urls import Resolver404, resolve, translate_url
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from jinja2 import BaseLoader, ChainableUndefined, Environment, TemplateNotFound
from jinja2.loaders import split_template_path
from markupsafe import Markup

from .addresses import url, url_setting

# Reader forms draw their fields with Django's Jinja2 widget templates, a few times faster than
# the same templates in Django's language (which the admin's own widgets need).
READER_FORMS = Jinja2FormRenderer()


def date(value, format=None):
    """Django's `date` filter, in the current time zone as Django's templates show times.

    Times are remembered: a list page shows each story's time two or three ways, and Django
    works a format out afresh each time."""
    return date_in_place()(value, format)


def date_in_place():
    """date() with the language and time zone looked up now, once: for a piece that shows
    many times (a page of comments), where looking them up for each was most of the cost."""
    language, zone = translation.get_language(), timezone.get_current_timezone_name()

    def formatted(value, format=None):
        if not isinstance(value, datetime):
            return format_date(value, format)
        return _formatted_time(value, format, language, zone)

    return formatted


@lru_cache(maxsize=4096)
def _formatted_time(value, format, language, zone):
    return format_date(timezone.template_localtime(value), format)


def static(path):
    """The address of a static file, remembered: the manifest lookup behind it costs more than
    the rest of a page's link."""
    return _static(path, settings.STATIC_URL)


@lru_cache(maxsize=256)
def _static(path, static_url):
    return static_address(path)


def drawn_once(environment, template_name, **values):
    """`template_name` rendered with `values`, remembered per process for the active language.

    For pieces every page carries that depend on a few values only (the masthead, the consent
    banner's text and dialog): `values` must be hashable and be everything the piece shows,
    so a change to any of them is a new entry, never a stale one.
    """
    return drawn_once_as(environment, template_name, tuple(values.items()), values)


# Per template: a few languages times a few sections or consent states, or the searches being
# asked. Each template has its own memo, so what readers send (a search) only ever pushes out
# other drawings of the same piece, never the masthead or the banner.
DRAWN_LIMIT = 512
_drawn = defaultdict(OrderedDict)
_drawn_lock = threading.Lock()


def drawn_once_as(environment, template_name, key, context):
    """`template_name` rendered with `context`, remembered per process under `key` for the
    active language: as drawn_once(), for a piece drawn from objects that are not hashable (a
    bound form) but whose HTML depends on a few values only, which `key` must hold."""
    key = (environment, translation.get_language(), key)
    with _drawn_lock:
        drawings = _drawn[template_name]
        html = drawings.get(key)
        if html is not None:
            drawings.move_to_end(key)
            return html
    html = Markup(environment.get_template(template_name).render(context))
    with _drawn_lock:
        drawings[key] = html
        while len(drawings) > DRAWN_LIMIT:
            drawings.popitem(last=False)
    return html


def this_year():
    """The year it is in the site's time zone, for the footer."""
    return timezone.localtime().year


def _page_versions(request):
    """[(language code, language name, path), ...] for the page being shown, or [] when the
    page is not one of the reader URLs (an error page, say)."""
    if request is None:
        return []
    # The query string (a search's words, a page number) is the same in every language, so it
    # is added after: one entry per page, however many searches are asked.
    path, mark, query = request.get_full_path().partition("?")
    versions = _versions_of(request.path_info, path, *url_setting())
    return [(code, name, translated + mark + query) for code, name, translated in versions]


# Few entries: one per page address.
@lru_cache(maxsize=512)
def _versions_of(path_info, path, language, urlconf, prefix):
    try:
        resolve(path_info, urlconf)
    except Resolver404:
        return []
    versions = []
    for code, _name in settings.LANGUAGES:
        translated = translate_url(path, code)
        if code != translation.get_language() and translated == path:
            return []  # not a page that exists per language
        versions.append((code, translation.get_language_info(code)["name_local"], translated))
    return versions


def language_alternates(request):
    """(hreflang links [(code, absolute URL)], x-default URL) for the page being shown. Both
    depend only on the URL, never on the reader, so shared pages can carry them."""
    versions = _page_versions(request)
    links = [(code, request.build_absolute_uri(path)) for code, _name, path in versions]
    return links, dict(links).get(settings.LANGUAGE_CODE)


def language_switcher(request):
    """(where to go back to, [(code, name)] of the other languages) for the switcher, a form
    that works without JavaScript (Django's set_language view redirects to the page in the
    chosen language)."""
    current = translation.get_language()
    languages = [
        (code, translation.get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
        if code != current
    ]
    return (request.get_full_path() if _page_versions(request) else "/"), languages


def csrf_input_once(request):
    """A context processor: the CSRF field, masked once per page.

    Django's Jinja2 backend masks the token afresh each time a page writes `csrf_input`, and a
    signed-in editor's story page writes it in four forms. One masked copy serves them all.
    """
    return {"csrf_input": SimpleLazyObject(lambda: csrf_input(request))}


# Folders of templates/ written in Django's template language: where Django's documentation
# tells people to override the admin's templates (templates/admin/login.html, ...). Django's
# engine reads them (settings.TEMPLATES); Jinja2, asked first for every name, must not.
DJANGO_LANGUAGE_FOLDERS = frozenset({"admin", "registration"})


class ReaderTemplates(BaseLoader):
    """The templates `loader` finds, except those in DJANGO_LANGUAGE_FOLDERS: for those Jinja2
    answers "not found", and Django's engine, next in line, finds them."""

    def __init__(self, loader):
        self.loader = loader

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        if pieces and pieces[0] in DJANGO_LANGUAGE_FOLDERS:
            raise TemplateNotFound(template)
        return self.loader.get_source(environment, template)

    def list_templates(self):
        return [
            name
            for name in self.loader.list_templates()
            if name.split("/")[0] not in DJANGO_LANGUAGE_FOLDERS
        ]


def environment(globals=(), **options):
    """The environment Django's Jinja2 backend renders with; `globals` lists the dotted paths
    of dictionaries of functions the apps offer to templates (settings.TEMPLATES)."""
    options["undefined"] = ChainableUndefined
    options["loader"] = ReaderTemplates(options["loader"])
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(capfirst=capfirst, date=date)
    env.globals.update(
        get_language=translation.get_language,
        language_alternates=language_alternates,
        language_switcher=language_switcher,
        this_year=this_year,
        static=static,
        url=url,
    )
    for path in globals:
        env.globals.update(import_string(path))
    return env
