"""Functions for reader templates: optional code loaded only with the visitor's consent, and
the parts of the banner and dialog every page carries (newsroom/templating.py)."""

from django.forms.utils import flatatt
from django.utils.html import format_html
from jinja2 import pass_context
from markupsafe import Markup

from newsroom.templating import drawn_once


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

    Drawn once per process for each catalogue and set of allowed categories, which is all it
    depends on (newsroom.templating.drawn_once); a form sent back with errors (`form`) is
    drawn for its reader.
    """
    choices = tuple(context["consent"].categories)
    if form is not None and form.is_bound:
        template = context.environment.get_template("consent/categories.html")
        return Markup(
            template.render(
                choices=choices, id_prefix=id_prefix, category_tag=category_tag, consent_form=form
            )
        )
    return drawn_once(
        context.environment,
        "consent/categories.html",
        choices=choices,
        id_prefix=id_prefix,
        category_tag=category_tag,
    )


@pass_context
def consent_banner_text(context):
    """The banner's explanation: why we ask, and which optional cookies we would use. Drawn
    once per process for each reason and wording, which is all it depends on."""
    consent = context["consent"]
    return drawn_once(
        context.environment,
        "consent/banner_text.html",
        ask_reason=consent.ask_reason,
        changes=tuple(consent.changes),
        optional_category_names=consent.optional_category_names,
    )


GLOBALS = {
    "consent_banner_text": consent_banner_text,
    "consent_categories": consent_categories,
    "consent_script": consent_script,
}
