"""What other apps' templates use: `consent` in the context and `consent_script()`."""

import pytest
from django.template import engines
from django.test import RequestFactory

from consent.catalogue import get_catalogue
from consent.context_processors import consent as consent_context
from consent.models import Action
from consent.visitor import VisitorConsent
from tests.factories import signed_consent_cookie

pytestmark = pytest.mark.django_db

GATED = (
    "{% if consent.analytical %}[analytics on]{% endif %}"
    "{% if consent.necessary %}[necessary on]{% endif %}"
    '{{ consent_script("analytical", "/static/stats.js", defer=True, data_site="news") }}'
)


def render(source, context):
    return engines["jinja2"].from_string(source).render(context)


def render_for(cookie=None):
    request = RequestFactory().get("/story/x/")
    if cookie:
        request.COOKIES["newsroom_consent"] = cookie
    return render(GATED, consent_context(request))


def test_templates_without_consent_get_no_optional_script():
    assert render_for() == "[necessary on]"


@pytest.mark.usefixtures("every_category_in_use")
def test_templates_with_consent_get_the_script():
    html = render_for(signed_consent_cookie(["analytical"], Action.CUSTOM))
    assert html == (
        '[analytics on][necessary on]<script src="/static/stats.js" data-site="news" defer>'
        "</script>"
    )


def test_script_tag_escapes_its_address():
    source = '{{ consent_script("necessary", src) }}'
    html = render(source, {"consent": VisitorConsent(get_catalogue()), "src": '"><b>'})
    assert html == '<script src="&quot;&gt;&lt;b&gt;"></script>'


def test_context_processor_gives_the_way_back_to_the_page():
    request = RequestFactory().get("/category/local/?page=2")
    assert consent_context(request)["consent_next"] == "/category/local/?page=2"
