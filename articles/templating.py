"""Functions for reader templates: structured data for search engines and social cards, page
links (newsroom/templating.py)."""

import json
from collections import namedtuple

from django.conf import settings
from jinja2 import pass_context
from markupsafe import Markup

from newsroom.addresses import url_setting
from newsroom.templating import drawn_once, drawn_once_as, static

from .body_pictures import body_with_pictures
from .context_processors import site_categories
from .picture_markup import lead_picture, teaser_picture
from .renditions import fallback_format, renditions_of, social_card

# What the masthead shows of a section.
NavSection = namedtuple("NavSection", "pk slug name language")

# The same escapes Django's json_script uses, so a headline cannot close the script tag.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def page_url(request, number):
    """A link to page `number` of the current list that keeps its other parameters (a search's
    query and filters)."""
    parameters = request.GET.copy()
    parameters["page"] = number
    return f"?{parameters.urlencode()}"


def news_article_json_ld(request, article, corrections=()):
    """A schema.org NewsArticle block describing `article` and its `corrections` (newest
    first), ready to put in <head>."""
    # The site's own addresses share one scheme and host, checked once.
    site = request.build_absolute_uri("/")[:-1]
    author = {"@type": "Person", "name": article.byline}
    if article.author_url:
        author["url"] = site + article.author_url
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": site + article.get_absolute_url(),
        "headline": article.headline,
        "description": article.standfirst,
        "articleSection": article.category.name,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at, article.published_at).isoformat(),
        "author": [author],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": site + "/",
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.png")),
            },
        },
    }
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{correction.get_kind_display()}: {correction.text}",
                "datePublished": correction.published_at.isoformat(),
                "url": site + correction.get_absolute_url(),
            }
            for correction in corrections
        ]
    if article.lead_image:
        # Google asks for 16:9, 4:3 and 1:1 versions; the 1.91:1 card stands in for 4:3.
        source = article.lead_source
        largest = [
            renditions_of(source, crop, fallback_format(source))[-1] for crop in ("16x9", "1x1")
        ]
        data["image"] = [
            request.build_absolute_uri(rendition.url)
            for rendition in (*largest, social_card(source))
        ]
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return Markup(f'<script type="application/ld+json">{payload}</script>')


@pass_context
def site_header(context):
    """The masthead: the site's name, the search box and the sections, the one being shown
    (a section page's, a story's) marked. It depends on nothing else, so it is drawn once per
    process for each list of sections and current section (newsroom.templating.drawn_once)."""
    category, article = context.get("category"), context.get("article")
    sections = tuple(
        NavSection(section.pk, section.slug, section.name, section.language)
        for section in site_categories(context["request"])
    )
    return drawn_once(
        context.environment,
        "includes/site_header.html",
        # The links depend on the URLconf and the prefix the site is mounted under too.
        addresses=url_setting(),
        site_name=settings.SITE_NAME,
        sections=sections,
        current_section=getattr(category, "pk", None) or getattr(article, "category_id", None),
    )


@pass_context
def search_form(context, form):
    """The search page's form (a SearchForm). Its fields, their values and their errors depend
    only on the sections and on what the reader sent, so it is drawn once per process for each
    of those (newsroom.templating.drawn_once_as): the same searches are asked again and again."""
    sent = tuple((name, tuple(form.data.getlist(name))) for name in form.fields)
    key = (url_setting(), tuple(form.fields["section"].choices), form.is_bound and sent)
    return drawn_once_as(context.environment, "articles/search_form.html", key, {"form": form})


GLOBALS = {
    "lead_picture": lead_picture,
    "social_card": social_card,
    "body_with_pictures": body_with_pictures,
    "teaser_picture": teaser_picture,
    "news_article_json_ld": news_article_json_ld,
    "page_url": page_url,
    "search_form": search_form,
    "site_header": site_header,
}
