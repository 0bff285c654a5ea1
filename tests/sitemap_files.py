"""Read the sitemap as a search engine does: the index, then every file it names."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_files(client):
    """The addresses of the files sitemap.xml names, in its order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def sitemap_entries(client):
    """Every <url> element of every file the index names."""
    entries = []
    for address in sitemap_files(client):
        parts = urlsplit(address)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200, address
        entries += ElementTree.fromstring(response.content).iter(f"{SITEMAP}url")
    return entries


def sitemap_locations(client):
    return [entry.findtext(f"{SITEMAP}loc") for entry in sitemap_entries(client)]
