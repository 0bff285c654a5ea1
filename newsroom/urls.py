import re
from urllib.parse import urlsplit

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve

from articles.media_views import FOREVER, rendition
from articles.sitemaps import SITEMAPS, NewsSitemapView, sitemap_file
from articles.views import RobotsView
from consent.views import gpc_declaration

from .health import healthz
from .locale import switch_language

# A database that cannot be reached is a 503 with Retry-After (newsroom/unavailable.py).
handler500 = "newsroom.unavailable.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # An index of files, each within the protocol's 50,000 addresses (articles/sitemaps.py).
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-news.xml", NewsSitemapView.as_view(), name="sitemap-news"),
    path("sitemap-<section>.xml", sitemap_file, name="sitemap-section"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path(".well-known/gpc.json", gpc_declaration, name="gpc-declaration"),
    # The language switcher posts here from reader pages, which carry no CSRF token.
    path("language/", switch_language, name="set_language"),
]
# Reader pages: /de/… and /fr/…, the default language without a prefix (newsroom/locale.py).
urlpatterns += i18n_patterns(
    path("consent/", include("consent.urls")),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

# A rendition is made the first time it is asked for; nginx or a CDN serves the stored file
# from then on, passing here only what it does not have yet (docs/pictures.md).
media_path = re.escape(urlsplit(settings.MEDIA_URL).path.lstrip("/"))
urlpatterns.append(re_path(rf"^{media_path}(?P<name>renditions/.+)$", rendition))

if settings.SERVE_MEDIA and not settings.MEDIA_URL.startswith(("http://", "https://")):
    # Only for one machine with nothing in front; scaled out, uploads live on shared storage
    # that the CDN or web server serves (see docs/deploying.md).
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))

    def serve_media(request, path):
        try:
            response = serve(request, path, document_root=settings.MEDIA_ROOT)
        except OSError as error:  # a name the file system refuses (too long, say)
            raise Http404("No such file.") from error
        # Uploads are stored under names made from their content: a name never changes meaning.
        response["Cache-Control"] = FOREVER
        return response

    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media))
