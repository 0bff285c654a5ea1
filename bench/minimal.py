"""The minimal Django app, the ceiling every page served by gunicorn is compared with: one view
returning a small response, SecurityMiddleware and CommonMiddleware only, no database.

It is both the settings module and the URLconf (DJANGO_SETTINGS_MODULE=bench.minimal), and
runs under gunicorn with the same worker count as the site (bench/server.py).
"""

import os

from django.http import HttpResponse
from django.urls import path

from bench import BARE_VIEW_PATH

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "only-for-the-benchmark")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.minimal"
INSTALLED_APPS = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES = {}
USE_TZ = True


def minimal_view(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_VIEW_PATH, minimal_view)]
