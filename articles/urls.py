from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("author/<str:username>/", views.AuthorView.as_view(), name="author"),
    path("story/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("feeds/rss/", feeds.LatestStoriesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestStoriesAtomFeed(), name="feed-atom"),
    path("feeds/category/<slug:slug>/rss/", feeds.CategoryFeed(), name="category-feed-rss"),
    path("feeds/category/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category-feed-atom"),
]
