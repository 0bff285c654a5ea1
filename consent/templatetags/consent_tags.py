"""Template tags that load optional code only with the visitor's consent."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def consent_script(context, category, src, **attributes):
    """A <script src> tag when the visitor allows `category`, and nothing otherwise.

    {% consent_script "analytical" "/static/stats.js" defer=True %}
    Attribute names use underscores for dashes (data_domain="..." gives data-domain).
    """
    consent = context.get("consent")
    if consent is None or not consent.allows(category):
        return ""
    attrs = {name.replace("_", "-"): value for name, value in attributes.items()}
    return format_html('<script src="{}"{}></script>', src, flatatt(attrs))
