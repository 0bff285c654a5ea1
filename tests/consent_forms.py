"""Helpers for the consent tests: post a choice, and read the banner and switches off a page."""

import re

from django.urls import reverse

from consent.catalogue import get_catalogue
from tests.html import find_all, parse

OPTIONAL = ["functional", "analytical", "performance", "advertisement"]
UPDATE_URL = reverse("consent:update")


def html_of(response):
    return response.content.decode()


def banner_of(html):
    """The consent banner's <section> element, or None."""
    return parse(html).find("section", class_="consent-banner")


def switches(html):
    """{slug: (checked, disabled)} for the category switches on a page."""
    found = {}
    for switch in find_all(html, "input", type="checkbox", role="switch"):
        slug = re.fullmatch(r"consent-(?:dialog|page)-(\w+)", switch["id"]).group(1)
        found[slug] = (switch.has("checked"), switch.has("disabled"))
    return found


def current_policy(language=None):
    """The policy version a page drawn now carries in its consent forms."""
    return get_catalogue(language).version


def decide(client, action, categories=(), next_path="/", **extra):
    data = {
        "action": action,
        "categories": list(categories),
        "next": next_path,
        "policy": current_policy(),
        **extra,
    }
    return client.post(UPDATE_URL, data)
