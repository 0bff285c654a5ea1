"""RSS and Atom feeds of the latest published stories, site-wide and per category, and of the
latest corrections, clarifications and updates."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from newsroom.translations import SOURCE_LANGUAGE

from .models import Article, Category, Correction

FEED_LENGTH = 30


class LatestStoriesFeed(Feed):
    """Feeds speak the URL's language (/de/feeds/rss/ is German): Django's Feed declares the
    active language, and the stories themselves stay in the language they were written in."""

    def title(self):
        return gettext("%(site)s: latest stories") % {"site": settings.SITE_NAME}

    def link(self):
        return reverse("articles:home")

    def description(self):
        return gettext("The latest stories from %(site)s.") % {"site": settings.SITE_NAME}

    def items(self):
        stories = list(Article.objects.published().for_listing()[:FEED_LENGTH])
        # Section names in the feed's language: one query more, only in the other languages.
        if get_language() != SOURCE_LANGUAGE:
            sections = {
                section.pk: section for section in Category.objects.in_language(get_language())
            }
            for story in stories:
                story.category = sections.get(story.category_id, story.category)
        return stories

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_author_name(self, item):
        return item.byline

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at if item.was_updated else item.published_at

    def item_categories(self, item):
        return [item.category.name]


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description


class CategoryFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        # The section as readers of the feed's language see it.
        sections = Category.objects.filter(slug=slug).in_language(get_language())
        if not sections:
            raise Http404("No such section.")
        return sections[0]

    def title(self, category):
        return f"{settings.SITE_NAME}: {category.name}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or gettext("The latest %(section)s stories.") % {
            "section": category.name
        }

    def items(self, category):
        stories = Article.objects.published().for_listing().filter(category=category)
        stories = list(stories[:FEED_LENGTH])
        for story in stories:
            story.category = category
        return stories


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.description


class CorrectionsFeed(Feed):
    """The latest notes added to live stories, newest first (the /corrections/ page's feed)."""

    def title(self):
        return gettext("%(site)s: corrections and clarifications") % {"site": settings.SITE_NAME}

    def link(self):
        return reverse("articles:corrections")

    def description(self):
        return gettext("What %(site)s corrected, clarified or updated in its stories.") % {
            "site": settings.SITE_NAME
        }

    def items(self):
        return Correction.objects.public().for_listing()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return item.text

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
    subtitle = CorrectionsFeed.description
