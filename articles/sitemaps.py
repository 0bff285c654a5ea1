"""The XML sitemap of every public page, and the Google News sitemap of recent stories."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ListView

from .bylines import Byline
from .models import Article, Category

# Google News only wants stories from the last two days.
NEWS_SITEMAP_WINDOW = timedelta(hours=48)


class PerLanguageSitemap(Sitemap):
    """Every page once per language, each listing its versions in the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True


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


class ArticleSitemap(PerLanguageSitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at")

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)


class AuthorSitemap(PerLanguageSitemap):
    """Author pages, only of writers with a published story: the others answer 404."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Byline.objects.filter(user__articles__in=Article.objects.published()).distinct()


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
