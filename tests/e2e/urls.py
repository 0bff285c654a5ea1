"""The site's URLs plus uploaded media, for the live server behind the browser tests.

The live server runs with DEBUG off, where the site leaves media to the web server; browser
tests still want lead images to load. MEDIA_ROOT is read per request because every test gets
its own throwaway media folder.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve_media),
    *site_urlpatterns,
]
