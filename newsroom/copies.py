"""The one way to name and keep a copy of something the database holds.

Every kept copy (a page, a fragment of one, a search answer, the cookie catalogue) is named by
`copy_key()`, which always holds:
- what the copy is (`kind`) and whose it is: the owner's model and primary key, never only a
  slug, since a slug can pass from one story to another;
- every generation it depends on (newsroom/models.py PageGeneration): the database bumps them
  after each commit that changes what the copy shows, so every worker on every machine stops
  reading the old copy at once, whatever cache each one keeps;
- the language it was drawn in;
- the release: a digest of the code, templates, translations and the settings that shape pages,
  so a deploy (or a worker still running the old code during one) never reads or writes a copy
  the other code made.

docs/kept-copies.md lists every copy, its key, what retires it and its bound.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

# What a release is made of: the files that draw pages, and the settings that shape them.
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".js", ".mo"}
RELEASE_FOLDERS = ("newsroom", "articles", "comments", "consent", "templates", "locale")
PAGE_SHAPING_SETTINGS = (
    "ARTICLES_PER_PAGE",
    "COMMENTS_PER_PAGE",
    "COMMENTS_CLOSE_AFTER_DAYS",
    "COMMENTS_EDIT_MINUTES",
    "COMMENTS_QUIET_HOURS_START",
    "COMMENTS_QUIET_HOURS_END",
    "CONSENT_MAX_AGE_DAYS",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "SITE_NAME",
    "STATIC_URL",
    "MEDIA_URL",
    "TIME_ZONE",
)


@cache
def release():
    """A short id of the running code: RELEASE_ID when the deployment sets one, otherwise a
    digest of the project's page-drawing files and page-shaping settings (read once per
    process; a deploy starts new processes)."""
    if settings.RELEASE_ID:
        return settings.RELEASE_ID
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in RELEASE_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    for name in PAGE_SHAPING_SETTINGS:
        digest.update(repr((name, getattr(settings, name, None))).encode())
    return digest.hexdigest()[:16]


def copy_key(kind, *, owner=None, generations=(), language=None, parts=()):
    """The cache key of a copy of `kind` belonging to `owner` (a model instance, or None for a
    copy of the whole site), made under `generations` (numbers read from PageGeneration) in
    `language` (default: the active one), for the request details in `parts` (a page number,
    a URL, a consent state: anything else the copy depends on)."""
    owner_id = (owner._meta.label_lower, owner.pk) if owner is not None else None
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    what = repr((owner_id, tuple(generations), language, release(), tuple(parts)))
    return f"{kind}:{hashlib.sha256(what.encode()).hexdigest()}"


def kept(kind, is_ours, make, *, store="pages", **key):
    """The copy the cache `store` holds under copy_key(kind, **key) if `is_ours(value)` says it
    is what we stored (a shared store may hold anything), otherwise `make()`, stored there for
    PAGE_CACHE_SECONDS."""
    name = copy_key(kind, **key)
    value = caches[store].get(name)
    if not is_ours(value):
        value = make()
        caches[store].set(name, value, settings.PAGE_CACHE_SECONDS)
    return value


def is_list_of(kind):
    """A check for kept(): the value is a list of `kind` instances (as a kept query's rows)."""
    return lambda value: isinstance(value, list) and all(isinstance(v, kind) for v in value)
