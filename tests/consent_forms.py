"""Helpers for the consent tests: post a choice, and read the banner and switches off a page."""

import re

from django.urls import reverse

OPTIONAL = ["functional", "analytical", "performance", "advertisement"]
UPDATE_URL = reverse("consent:update")


def html_of(response):
    return response.content.decode()


def banner_of(html):
    match = re.search(r'<section class="consent-banner".*?</section>', html, re.S)
    return match.group(0) if match else None


def switches(html):
    """{slug: (checked, disabled)} for the category switches on a page."""
    found = {}
    for tag in re.findall(r'<input type="checkbox" role="switch"[^>]*>', html):
        slug = re.search(r'id="consent-(?:dialog|page)-(\w+)"', tag).group(1)
        found[slug] = (" checked" in tag, " disabled" in tag)
    return found


def decide(client, action, categories=(), next_path="/", **extra):
    data = {"action": action, "categories": list(categories), "next": next_path, **extra}
    return client.post(UPDATE_URL, data)
