from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import SITEMAPS, NewsSitemapView
from articles.views import RobotsView
from consent.views import gpc_declaration

urlpatterns = [
    path("admin/", admin.site.urls),
    path("tinymce/", include("tinymce.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-news.xml", NewsSitemapView.as_view(), name="sitemap-news"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path(".well-known/gpc.json", gpc_declaration, name="gpc-declaration"),
    path("consent/", include("consent.urls")),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
