"""Functions for reader templates that load optional code only with the visitor's consent
(newsroom/templating.py)."""

from django.forms.utils import flatatt
from django.utils.html import format_html
from jinja2 import pass_context


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


GLOBALS = {"consent_script": consent_script}
