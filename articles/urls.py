from django.urls import path

from newsroom.page_numbers import page_numbers_checked
from newsroom.pagecache import cached_page

from . import feeds, views
from .old_addresses import OldAddress, redirects_old_addresses

app_name = "articles"


def shared_page(view, **options):
    """`view` served through the page cache, a page number too long to be one refused first
    (the cache reads it as a number too)."""
    return page_numbers_checked(cached_page(view, **options))


def moved_page(view, kind, **options):
    """A shared page of a story or section, its old addresses redirected (looked up only when
    the page would be a 404, and never stored by the page cache)."""
    return shared_page(redirects_old_addresses(view, kind), **options)


STORY, SECTION = OldAddress.Kind.STORY, OldAddress.Kind.SECTION


urlpatterns = [
    path("", shared_page(views.HomeView.as_view()), name="home"),
    path(
        "category/<slug:slug>/",
        moved_page(views.CategoryView.as_view(), SECTION),
        name="category",
    ),
    path("author/<str:slug>/", shared_page(views.AuthorView.as_view()), name="author"),
    # Not in the page cache, which shares only list pages: answers are kept by articles/search.py.
    path("search/", views.search, name="search"),
    path(
        "story/<slug:slug>/",
        moved_page(views.ArticleDetailView.as_view(), STORY, story_kwarg="slug"),
        name="article",
    ),
    path("corrections/", shared_page(views.CorrectionsView.as_view()), name="corrections"),
    path("feeds/rss/", shared_page(feeds.LatestStoriesFeed(), per_reader=False), name="feed-rss"),
    path(
        "feeds/atom/",
        shared_page(feeds.LatestStoriesAtomFeed(), per_reader=False),
        name="feed-atom",
    ),
    path(
        "feeds/category/<slug:slug>/rss/",
        moved_page(feeds.CategoryFeed(), SECTION, per_reader=False),
        name="category-feed-rss",
    ),
    path(
        "feeds/category/<slug:slug>/atom/",
        moved_page(feeds.CategoryAtomFeed(), SECTION, per_reader=False),
        name="category-feed-atom",
    ),
    path(
        "feeds/corrections/rss/",
        shared_page(feeds.CorrectionsFeed(), per_reader=False),
        name="corrections-feed-rss",
    ),
    path(
        "feeds/corrections/atom/",
        shared_page(feeds.CorrectionsAtomFeed(), per_reader=False),
        name="corrections-feed-atom",
    ),
]
