"""A URLconf whose views fail the way outages make them fail, with the site's 500 handler."""

from django.db import OperationalError
from django.urls import path


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def bug(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("database-gone/", database_gone), path("bug/", bug)]
handler500 = "newsroom.unavailable.server_error"
