from django.urls import path

from newsroom.page_numbers import page_numbers_checked
from newsroom.pagecache import cached_page

from . import feeds, views

app_name = "articles"


def shared_page(view, **options):
    """`view` served through the page cache, a page number too long to be one refused first
    (the cache reads it as a number too)."""
    return page_numbers_checked(cached_page(view, **options))


urlpatterns = [
    path("", shared_page(views.HomeView.as_view()), name="home"),
    path("category/<slug:slug>/", shared_page(views.CategoryView.as_view()), name="category"),
    path("author/<str:slug>/", shared_page(views.AuthorView.as_view()), name="author"),
    # Not in the page cache, which shares only list pages: answers are kept by articles/search.py.
    path("search/", views.search, name="search"),
    path(
        "story/<slug:slug>/",
        shared_page(views.ArticleDetailView.as_view(), story_kwarg="slug"),
        name="article",
    ),
    path("feeds/rss/", shared_page(feeds.LatestStoriesFeed(), per_reader=False), name="feed-rss"),
    path(
        "feeds/atom/",
        shared_page(feeds.LatestStoriesAtomFeed(), per_reader=False),
        name="feed-atom",
    ),
    path(
        "feeds/category/<slug:slug>/rss/",
        shared_page(feeds.CategoryFeed(), per_reader=False),
        name="category-feed-rss",
    ),
    path(
        "feeds/category/<slug:slug>/atom/",
        shared_page(feeds.CategoryAtomFeed(), per_reader=False),
        name="category-feed-atom",
    ),
]
