"""The site's URLs plus what only browser tests need, for the live server behind them.

- Uploaded media: the live server runs with DEBUG off, where the site leaves media to the web
  server; browser tests still want lead images to load. MEDIA_ROOT is read per request because
  every test gets its own throwaway media folder.
- A stand-in for an embed provider's player (tests/e2e/test_consent_embeds.py), framed from the
  site's other host name, as a provider's frame would be.
- The test page that sets cookies on demand (tests/urls.py), standing in for a feature of a
  consent category (an analytics tag, say): the consent middleware must let it through only
  once allowed.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import re_path
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.static import serve

from tests.urls import urlpatterns as test_urlpatterns


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@xframe_options_exempt
def provider_player(request, clip):
    response = HttpResponse(
        f"<!DOCTYPE html><html lang='en'><title>Player</title><p>Playing clip {clip}</p></html>"
    )
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors *"
    return response


urlpatterns = [
    # Renditions not made yet go on to the site's own view (articles/media_views.py).
    re_path(r"^media/(?!renditions/)(?P<path>.*)$", serve_media),
    re_path(r"^e2e-provider/(?P<clip>[\w-]+)/$", provider_player),
    *test_urlpatterns,
]
