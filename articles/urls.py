from django.urls import path

from newsroom.pagecache import cached_page

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path("category/<slug:slug>/", cached_page(views.CategoryView.as_view()), name="category"),
    path("author/<str:slug>/", cached_page(views.AuthorView.as_view()), name="author"),
    # Not in the page cache, which shares only list pages: answers are kept by articles/search.py.
    path("search/", views.search, name="search"),
    path(
        "story/<slug:slug>/",
        cached_page(views.ArticleDetailView.as_view(), story_kwarg="slug"),
        name="article",
    ),
    path("feeds/rss/", cached_page(feeds.LatestStoriesFeed(), per_reader=False), name="feed-rss"),
    path(
        "feeds/atom/",
        cached_page(feeds.LatestStoriesAtomFeed(), per_reader=False),
        name="feed-atom",
    ),
    path(
        "feeds/category/<slug:slug>/rss/",
        cached_page(feeds.CategoryFeed(), per_reader=False),
        name="category-feed-rss",
    ),
    path(
        "feeds/category/<slug:slug>/atom/",
        cached_page(feeds.CategoryAtomFeed(), per_reader=False),
        name="category-feed-atom",
    ),
]
