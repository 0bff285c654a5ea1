"""The sitemap index of every public page, and the Google News sitemap of recent stories.

`sitemap.xml` is an index (search engines accept at most 50,000 addresses per file): it names
one file for the home page, sections and authors each, and as many files of stories as the
story ids need (ADDRESSES_PER_FILE each). A story file holds the stories of one band of ids,
so a file's content stays put as new stories arrive (a search engine re-reads only the newest
file), and drawing any file reads one band of the primary key, never the whole table.
"""

from datetime import UTC, datetime, time, timedelta
from html import escape
from itertools import groupby
from operator import itemgetter
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Exists, Max, OuterRef
from django.http import Http404, HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS, http_date
from django.views.generic import ListView

from newsroom.addresses import url

from .bylines import Byline
from .models import Article, Category

# Google News only wants stories from the last two days.
NEWS_SITEMAP_WINDOW = timedelta(hours=48)
# Addresses in one file of stories: 500 stories in three languages. The protocol allows
# 50,000, but a file that size takes seconds to draw (every address with its alternates) and
# weighs 30 MB, while an index may name 50,000 files; Yoast SEO writes 1,000 per file.
ADDRESSES_PER_FILE = 1_500


class PerLanguageSitemap(Sitemap):
    """Every page once per language, each listing its versions in the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        """The addresses of file `page`, as Django's Sitemap.get_urls gives them, with each
        page's path, date and alternates worked out once for all its languages. Django works
        out every address and every alternate on its own, under a language switched on and
        off: 15,000 addresses for 1,000 stories, most of a file's 300 ms."""
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        prefix = get_script_prefix()
        urls = []
        # A page's path is the same in every language but for the prefix (newsroom/urls.py:
        # the site's language has none), so it is reversed once, in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            for item, pairs in groupby(self.paginator.page(page).object_list, key=itemgetter(0)):
                path = self.location(item)
                paths = {
                    language: path
                    if language == settings.LANGUAGE_CODE
                    else f"{prefix}{language}/{path.removeprefix(prefix)}"
                    for language in self._languages()
                }
                alternates = [
                    {"location": origin + language_path, "lang_code": language}
                    for language, language_path in paths.items()
                ] + [{"location": origin + path, "lang_code": "x-default"}]
                priority = self._get("priority", (item, None))
                details = {
                    "lastmod": self._get("lastmod", (item, None)),
                    "changefreq": self._get("changefreq", (item, None)),
                    "priority": str(priority if priority is not None else ""),
                    "alternates": alternates,
                }
                urls += [
                    {"item": pair, "location": origin + paths[pair[1]], **details} for pair in pairs
                ]
        dates = [url["lastmod"] for url in urls]
        if urls and None not in dates:
            # Django's sitemap view turns this into the file's Last-Modified header.
            self.latest_lastmod = max(dates)
        return urls


class HomeSitemap(PerLanguageSitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(PerLanguageSitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class IdBandPages:
    """Files of stories by bands of ids: file n lists the published stories whose id lies in
    [(n - 1) * width, n * width), each once per language, so no file passes `per_file`
    addresses. Stands in for Django's Paginator, which would load every story for every file."""

    def __init__(self, stories, languages, per_file):
        self.stories = stories
        self.languages = languages
        self.width = max(1, per_file // len(languages))

    @cached_property
    def num_pages(self):
        # Over every story, drafts too: the top of the primary key index, one row read.
        highest = Article.objects.using(self.stories.db).aggregate(top=Max("pk"))["top"] or 0
        return highest // self.width + 1

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(number) from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage(number)
        low = (number - 1) * self.width
        band = self.stories.filter(pk__gte=low, pk__lt=low + self.width).order_by("pk")
        return SimpleNamespace(
            object_list=[(story, language) for story in band for language in self.languages]
        )


class SlugPaths:
    """For the sitemap of one kind of page whose path is one pattern around its slug (`route`):
    the pattern is reversed once per file, not once per page, which looked up the language
    and prefix each time (a third of a story file's time, half of the authors file's)."""

    route = None

    @cached_property
    def _around_slug(self):
        head, _, tail = url(self.route, "the-slug").rpartition("the-slug")
        return head, tail

    def location(self, item):
        head, tail = self._around_slug
        # Quoted as reverse() quotes it: a byline's slug may be in any script.
        return f"{head}{quote(item.slug, safe=RFC3986_SUBDELIMS + '/~:@')}{tail}"


class ArticleSitemap(SlugPaths, PerLanguageSitemap):
    changefreq = "daily"
    priority = 0.8
    limit = ADDRESSES_PER_FILE
    route = "articles:article"

    def items(self):
        # Rows, not stories: building 1,000 model instances took a third of a file's time.
        stories = Article.objects.published()
        return stories.values_list("slug", "updated_at", "published_at", named=True)

    @property
    def paginator(self):
        return IdBandPages(self.items(), self._languages(), self.limit)

    @cached_property
    def _zone(self):
        return timezone.get_current_timezone()

    def lastmod(self, story):
        # A day in the site's time zone, as Django's own sitemap template writes it.
        return max(story.updated_at, story.published_at).astimezone(self._zone).date()

    def get_latest_lastmod(self):
        # The index names no date for the story files: finding the latest would read every
        # story (no index orders by updated_at), on every fetch of sitemap.xml.
        return None


class AuthorSitemap(SlugPaths, PerLanguageSitemap):
    """Author pages, only of writers with a published story: the others answer 404."""

    changefreq = "daily"
    priority = 0.5
    route = "articles:author"

    def items(self):
        # One probe of the byline index per writer, not a join over every published story.
        stories = Article.objects.published().filter(author=OuterRef("user"))
        return Byline.objects.filter(Exists(stories)).order_by("pk")


SITEMAPS = {
    "home": HomeSitemap,
    "categories": CategorySitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
}


@x_robots_tag
def sitemap_file(request, section):
    """One file the index names: Django's sitemap view, written without a template."""
    if section not in SITEMAPS:
        raise Http404("No such sitemap")
    sitemap = SITEMAPS[section]()
    try:
        urls = sitemap.get_urls(
            page=request.GET.get("p", 1), site=get_current_site(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page of this sitemap") from None
    response = HttpResponse(urlset_xml(urls), content_type="application/xml")
    latest = getattr(sitemap, "latest_lastmod", None)
    if latest is not None:
        response.headers["Last-Modified"] = http_date(
            datetime.combine(latest, time.min, tzinfo=UTC).timestamp()
        )
    return response


def urlset_xml(urls):
    """The XML of Django's sitemap.xml template with hreflang alternates. A template took
    140 ms to draw 3,000 addresses with four alternates each; this takes a tenth of that."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    # Every language of a page shares its alternates: each list is written once.
    written = {}
    for entry in urls:
        parts.append(f"<url><loc>{escape(entry['location'])}</loc>")
        if entry["lastmod"]:
            parts.append(f"<lastmod>{entry['lastmod'].isoformat()}</lastmod>")
        if entry["changefreq"]:
            parts.append(f"<changefreq>{entry['changefreq']}</changefreq>")
        if entry["priority"]:
            parts.append(f"<priority>{entry['priority']}</priority>")
        alternates = entry["alternates"]
        if id(alternates) not in written:
            written[id(alternates)] = "".join(
                f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" '
                f'href="{escape(alternate["location"])}"/>'
                for alternate in alternates
            )
        parts.append(f"{written[id(alternates)]}</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


class NewsSitemapView(ListView):
    """Stories of the last 48 hours in Google News' sitemap format."""

    template_name = "sitemaps/news.xml"
    content_type = "application/xml; charset=utf-8"
    context_object_name = "articles"

    def get_queryset(self):
        since = timezone.now() - NEWS_SITEMAP_WINDOW
        return Article.objects.published().filter(published_at__gte=since)[:1000]
