"""The site's URLs plus one bare view: the framework's ceiling that every page is compared to."""

from django.http import HttpResponse
from django.urls import path

from bench import BARE_VIEW_PATH
from newsroom.urls import urlpatterns as site_urlpatterns


def bare_view(request):
    """A tiny constant response that still passes through every middleware the site uses."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_VIEW_PATH, bare_view, name="bench-bare"), *site_urlpatterns]
