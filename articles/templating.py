"""Functions for reader templates: structured data for search engines and social cards, page
links (newsroom/templating.py)."""

import json

from django.conf import settings
from django.templatetags.static import static
from markupsafe import Markup

# The same escapes Django's json_script uses, so a headline cannot close the script tag.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def page_url(request, number):
    """A link to page `number` of the current list that keeps its other parameters (a search's
    query and filters)."""
    parameters = request.GET.copy()
    parameters["page"] = number
    return f"?{parameters.urlencode()}"


def news_article_json_ld(request, article):
    """A schema.org NewsArticle block describing `article`, ready to put in <head>."""
    author = {"@type": "Person", "name": article.byline}
    if article.author_url:
        author["url"] = request.build_absolute_uri(article.author_url)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
        "headline": article.headline,
        "description": article.standfirst,
        "articleSection": article.category.name,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at, article.published_at).isoformat(),
        "author": [author],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": request.build_absolute_uri("/"),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.png")),
            },
        },
    }
    if article.lead_image:
        data["image"] = [request.build_absolute_uri(article.lead_image.url)]
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return Markup(f'<script type="application/ld+json">{payload}</script>')


GLOBALS = {"news_article_json_ld": news_article_json_ld, "page_url": page_url}
