"""Functions for reader templates that load optional code only with the visitor's consent
(newsroom/templating.py)."""

from functools import lru_cache

from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.translation import get_language
from jinja2 import pass_context
from markupsafe import Markup

from .visitor import CategoryChoice


@pass_context
def consent_script(context, category, src, **attributes):
    """A <script src> tag when the visitor allows `category`, and nothing otherwise.

    {{ consent_script("analytical", "/static/stats.js", defer=True) }}
    Attribute names use underscores for dashes (data_domain="..." gives data-domain).
    """
    consent = context.get("consent")
    if consent is None or not consent.allows(category):
        return ""
    attrs = {name.replace("_", "-"): value for name, value in attributes.items()}
    return format_html('<script src="{}"{}></script>', src, flatatt(attrs))


@pass_context
def consent_categories(context, id_prefix, category_tag, form=None):
    """The dialog's categories, each with its switch (on where the visitor allows it) and the
    cookies it covers: most of the dialog, which every page carries.

    Drawn once per process for each catalogue, language and set of allowed categories, which
    is all it depends on; a form sent back with errors (`form`) is drawn for its reader.
    """
    consent = context["consent"]
    environment = context.environment
    if form is not None and form.is_bound:
        return Markup(
            environment.get_template("consent/categories.html").render(
                choices=consent.categories,
                id_prefix=id_prefix,
                category_tag=category_tag,
                consent_form=form,
            )
        )
    return _categories_html(
        environment,
        get_language(),
        consent.catalogue,
        frozenset(consent.allowed_slugs),
        id_prefix,
        category_tag,
    )


# Keyed on the catalogue itself (equal catalogues, equal texts): an edit is a new key, never a
# stale entry. A few languages times a few consent states.
@lru_cache(maxsize=128)
def _categories_html(environment, language, catalogue, allowed, id_prefix, category_tag):
    choices = [
        CategoryChoice(category, category.slug in allowed) for category in catalogue.categories
    ]
    html = environment.get_template("consent/categories.html").render(
        choices=choices, id_prefix=id_prefix, category_tag=category_tag
    )
    return Markup(html)


@pass_context
def consent_banner_text(context):
    """The banner's explanation: why we ask, and which optional cookies we would use. Drawn
    once per process for each language, reason and wording, which is all it depends on."""
    consent = context["consent"]
    return _banner_text_html(
        context.environment,
        get_language(),
        consent.ask_reason,
        tuple(consent.changes),
        consent.optional_category_names,
    )


@lru_cache(maxsize=64)
def _banner_text_html(environment, language, ask_reason, changes, optional_category_names):
    html = environment.get_template("consent/banner_text.html").render(
        ask_reason=ask_reason, changes=changes, optional_category_names=optional_category_names
    )
    return Markup(html)


GLOBALS = {
    "consent_banner_text": consent_banner_text,
    "consent_categories": consent_categories,
    "consent_script": consent_script,
}
