"""The site's settings with every kept copy switched off, for bench/scale (issue 32): every
request pays for its queries, as a page nobody asked for before does."""

from newsroom.settings import *  # noqa: F403

CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    for alias in ("default", "pages", "search")
}
ALLOWED_HOSTS = ["testserver"]
# Plain static addresses: the manifest needs collectstatic, and no static file is served here.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
