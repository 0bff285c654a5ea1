"""The sitemap index of every public page, and the Google News sitemap of recent stories.

`sitemap.xml` is an index (search engines accept at most 50,000 addresses per file): it names
one file for the home page, sections and authors each, and as many files of stories as the
story ids need (ADDRESSES_PER_FILE each). A story file holds the stories of one band of ids,
so a file's content stays put as new stories arrive (a search engine re-reads only the newest
file), and drawing any file reads one band of the primary key, never the whole table.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Exists, Max, OuterRef
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.views.generic import ListView

from .bylines import Byline
from .models import Article, Category

# Google News only wants stories from the last two days.
NEWS_SITEMAP_WINDOW = timedelta(hours=48)
# Addresses in one file of stories: 1,000 stories in three languages. The protocol allows
# 50,000, but a file that size takes seconds to draw (every address with its alternates) and
# weighs 30 MB; an index may name 50,000 files.
ADDRESSES_PER_FILE = 3_000


class PerLanguageSitemap(Sitemap):
    """Every page once per language, each listing its versions in the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True

    @cached_property
    def _paths(self):
        return {}

    def _location(self, item, force_lang_code=None):
        # A page's path is the same in every language but for the prefix (newsroom/urls.py:
        # the site's language has none), so it is reversed once, in the site's language, and
        # prefixed for the others. Reversing it for each address and each alternate, under a
        # language switched on and off each time, took 0.9 ms an address: 3 s for 1,000 stories.
        page, language = item
        language = force_lang_code or language
        path = self._paths.get(id(page))
        if path is None:
            with translation.override(settings.LANGUAGE_CODE):
                path = self._paths[id(page)] = self._get("location", (page, language))
        if language == settings.LANGUAGE_CODE:
            return path
        prefix = get_script_prefix()
        return f"{prefix}{language}/{path.removeprefix(prefix)}"


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


class ArticleSitemap(PerLanguageSitemap):
    changefreq = "daily"
    priority = 0.8
    limit = ADDRESSES_PER_FILE

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at")

    @property
    def paginator(self):
        return IdBandPages(self.items(), self._languages(), self.limit)

    def lastmod(self, article):
        # A day in the site's time zone, as Django's own sitemap template writes it.
        return timezone.localdate(max(article.updated_at, article.published_at))

    def get_latest_lastmod(self):
        # The index names no date for the story files: finding the latest would read every
        # story (no index orders by updated_at), on every fetch of sitemap.xml.
        return None


class AuthorSitemap(PerLanguageSitemap):
    """Author pages, only of writers with a published story: the others answer 404."""

    changefreq = "daily"
    priority = 0.5

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


class NewsSitemapView(ListView):
    """Stories of the last 48 hours in Google News' sitemap format."""

    template_name = "sitemaps/news.xml"
    content_type = "application/xml; charset=utf-8"
    context_object_name = "articles"

    def get_queryset(self):
        since = timezone.now() - NEWS_SITEMAP_WINDOW
        return Article.objects.published().filter(published_at__gte=since)[:1000]
