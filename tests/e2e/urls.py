"""The site's URLs plus what only browser tests need, for the live server behind them.

- Uploaded media: the live server runs with DEBUG off, where the site leaves media to the web
  server; browser tests still want lead images to load. MEDIA_ROOT is read per request because
  every test gets its own throwaway media folder.
- A page that tries to set a cookie by name, standing in for a feature of a consent category
  (an analytics tag, say): the consent middleware must let it through only once allowed.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def set_test_cookie(request, name):
    response = HttpResponse(
        f"<!DOCTYPE html><html lang='en'><title>Cookie</title><p>Tried to set {name}.</p></html>"
    )
    response.set_cookie(name, "set-by-the-site", max_age=3600, samesite="Lax")
    return response


urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve_media),
    path("e2e/set-cookie/<slug:name>/", set_test_cookie),
    *site_urlpatterns,
]
