"""Serving reader pages from Django's cache: which requests may share a page, and for how long.

Rules this module owns:
- Only GET and HEAD requests whose cookies cannot change the page share cached pages. A
  request carrying a session (a logged-in editor), flash messages, remembered commenter details
  or any cookie we do not know is rendered afresh, and nothing rendered for it is stored.
- Two readers share an entry only when the page would be the same for both: the key holds the
  absolute URL, the reader's consent state and their Global Privacy Control signal.
- Only URLs in their one canonical form are stored (list page numbers without leading zeros,
  the host as the server knows it), so visitors cannot grow the cache by spelling one page many
  ways. Copies live in their own cache ("pages"), apart from everything else.
- Values that must be unique to each reader or each request (the CSRF token, the comment
  form's signed issue time) sit only in hidden form fields; they are cut out before a page is
  stored and filled in afresh for every reader it is served to. Nothing else in a page is ever
  rewritten, so text a reader wrote can never be turned into another reader's value.
- Entries belong to a page generation (the site's, plus the story's on a story page) kept in
  the database, so they go stale the moment a story is published, edited or unpublished, a
  comment is approved, or a scheduled story's time comes. PAGE_CACHE_SECONDS is a last resort.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.functional import LazyObject

from consent.decision import COOKIE_NAME as CONSENT_COOKIE

from .models import SITE_SCOPE, PageGeneration, story_scope

# The CSRF token is refilled per reader and the consent decision is part of the key; any other
# cookie may change what the page shows.
SHARED_PAGE_COOKIES = frozenset({settings.CSRF_COOKIE_NAME, CONSENT_COOKIE})
# Parameters that only choose a page of a list. Anything else (a reply target, a link to one's
# own held comment, a tracking tag) gets a page rendered for that request alone.
LIST_PAGE_PARAMETERS = frozenset({"page", "comments"})


def fresh_csrf_token(request, stored_value):
    """This reader's CSRF token. One masked token serves every form on the page (the mask
    only has to change between responses), and each masking costs 32 random characters."""
    token = getattr(request, "_page_cache_csrf_token", None)
    if token is None:
        token = request._page_cache_csrf_token = get_token(request)
    return token


# Hidden form fields whose value is renewed for every reader: name -> renew(request, stored).
FRESH_FIELDS = {"csrfmiddlewaretoken": fresh_csrf_token}

# Renewed values are tokens and ids of URL-safe characters, so they never need HTML escaping.
# Markers use a NUL byte, which never appears in a page we render.
FRESH_VALUE = re.compile(rb'(<input type="hidden" name="([\w-]+)" value=")([^"]*)(")')
FRESH_MARKER = re.compile(rb"\x00(\d+)\x00")
SAFE_VALUE = re.compile(r"[\w:.\-]*")


def page_changes_at(request, when):
    """Declare that the page being rendered changes by itself at `when` (e.g. comments close):
    it is not served from the cache after that time."""
    if when is not None:
        current = getattr(request, "_page_changes_at", None)
        request._page_changes_at = when if current is None else min(current, when)


def keep_out_of_cache(request):
    """Declare that the page being rendered must not be stored: it answers an address that
    shows the same thing as another one (a page number out of range, say)."""
    request._page_not_stored = True


def fragment_version(request, slug):
    """A version for cached fragments of a story's page (its comment threads): it changes
    whenever the story's cached pages are retired for a comment, and with the settings."""
    scope = story_scope(slug)
    known = getattr(request, "_page_generations", {})
    if scope not in known:
        # A reader outside the page cache: one small query.
        known = {**known, scope: PageGeneration.numbers([scope]).get(scope, (0, None))[0]}
        request._page_generations = known
    return f"{settings_epoch}.{known[scope]}"


def retire_site_pages():
    """Make every cached page stale, for a change that shows on all of them."""
    PageGeneration.objects.bump(SITE_SCOPE)


def retire_story_pages(slug):
    """Make the cached pages of one story stale (its comments changed)."""
    PageGeneration.objects.bump(story_scope(slug))


def renew_per_reader(field_name):
    """Register `renew(request, stored_value)` as the fresh value of a hidden form field."""

    def register(renew):
        FRESH_FIELDS[field_name] = renew
        return renew

    return register


def is_canonical_number(value):
    """ "7", not "007", "+7" or "7 ": one spelling per page of a list."""
    return value.isascii() and value.isdigit() and value == str(int(value)) and len(value) <= 6


def is_canonical_host(request):
    """The host as the server knows it: lower case, and no port but the one we listen on."""
    host = request.get_host()
    after_address = host.rpartition("]")[2]  # an IPv6 address is written in brackets
    port = after_address.rpartition(":")[2] if ":" in after_address else ""
    return host == host.lower() and (not port or port == request.get_port())


def is_shareable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if not SHARED_PAGE_COOKIES.issuperset(request.COOKIES):
        return False
    if not is_canonical_host(request):
        return False
    return all(
        name in LIST_PAGE_PARAMETERS
        and len(request.GET.getlist(name)) == 1
        and is_canonical_number(request.GET[name])
        for name in request.GET
    )


# Settings shape pages too (comments per page, when stories close). A deployment that changes
# them (or the templates) runs `migrate`, which retires every page (see signals.py); tests
# change settings in place and say so through setting_changed.
settings_epoch = 0


@receiver(setting_changed)
def settings_changed(**kwargs):
    global settings_epoch
    settings_epoch += 1


def reader_consent(request):
    """The reader's consent (consent app), or None on a site without it."""
    consent = getattr(request, "consent", None)
    if isinstance(consent, LazyObject):
        # Every attribute read through the lazy wrapper costs a detour; a cached page reads
        # about ten of them, so unwrap once (reading any attribute builds the object).
        consent.decided  # noqa: B018
        consent = consent._wrapped
    return consent


def reader_variant(request):
    """What, besides the URL, a shared page depends on: the reader's consent state."""
    gpc = request.headers.get("Sec-GPC", "").strip() == "1"
    consent = reader_consent(request)
    if consent is None:
        return f"gpc={gpc}"
    stored = consent.stored
    return "|".join(
        [
            f"gpc={gpc}",
            f"version={consent.catalogue.version}",
            f"decided={consent.decided}",
            f"allowed={','.join(sorted(consent.allowed_slugs))}",
            f"ask={consent.ask_reason}",
            # The banner lists what changed since the version the reader last answered.
            f"answered={stored.policy_version if stored else ''}",
            f"gpc_honoured={consent.gpc_honoured}",
            f"opted_in_despite_gpc={consent.opted_in_despite_gpc}",
        ]
    )


def page_key(request, scopes, per_reader):
    """The cache key for this request's page, or None while a generation is being renewed."""
    numbers = PageGeneration.numbers(scopes)
    # Kept for fragment caches rendered during this request (fragment_version).
    request._page_generations = {scope: numbers.get(scope, (0, None))[0] for scope in scopes}
    site = numbers.get(SITE_SCOPE)
    if site is None or (site[1] is not None and site[1] <= timezone.now()):
        # A scheduled story has gone live (or the site never had a generation): start a new
        # one, so every page that could list the story is rendered again.
        PageGeneration.objects.bump(SITE_SCOPE)
        return None
    generation = ".".join(str(numbers.get(scope, (0, None))[0]) for scope in scopes)
    variant = reader_variant(request) if per_reader else ""
    digest = hashlib.sha256(f"{request.build_absolute_uri()}\n{variant}".encode()).hexdigest()
    return f"page:{settings_epoch}:{generation}:{digest}"


class CachedPage:
    """A rendered page with its per-reader values cut out."""

    def __init__(self, status, headers, content, fresh_fields, changes_at=None):
        self.status = status
        self.headers = headers
        # Split once at the markers: [text, marker, text, marker, ..., text], so serving the
        # page is a join rather than a search through it.
        self.parts = FRESH_MARKER.split(content)
        self.fresh_fields = fresh_fields
        # When the page changes by itself (see page_changes_at), or None.
        self.changes_at = changes_at

    def has_changed(self):
        return self.changes_at is not None and self.changes_at <= timezone.now()

    @classmethod
    def from_response(cls, request, response, per_reader=True):
        """The shareable copy of `response`, or None if it must not be shared."""
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
        ):
            return None
        content = response.content
        if b"\x00" in content:
            # Forms refuse NUL characters, so this never happens; if it did, it would be
            # mistaken for a marker.
            return None
        fresh_fields = []

        def cut_out(match):
            name, value = match.group(2).decode(), match.group(3).decode()
            if name not in FRESH_FIELDS:
                return match.group(0)
            fresh_fields.append((name, value))
            return b"%s\x00%d\x00%s" % (match.group(1), len(fresh_fields) - 1, match.group(4))

        content = FRESH_VALUE.sub(cut_out, content)
        names = {name for name, _ in fresh_fields}
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and "csrfmiddlewaretoken" not in names:
            # The page used the CSRF token somewhere other than a form field: it cannot be shared.
            return None
        changes_at = getattr(request, "_page_changes_at", None)
        return cls(response.status_code, list(response.items()), content, fresh_fields, changes_at)

    def response_for(self, request):
        parts = list(self.parts)
        renewed = {}
        for index in range(1, len(parts), 2):
            name, stored_value = self.fresh_fields[int(parts[index])]
            if (name, stored_value) not in renewed:
                renewed[name, stored_value] = FRESH_FIELDS[name](request, stored_value)
            value = renewed[name, stored_value]
            if not value or not SAFE_VALUE.fullmatch(value):
                raise ValueError(f"unsafe per-reader value {value!r}")
            parts[index] = value.encode()
        response = HttpResponse(b"".join(parts), status=self.status)
        for header, value in self.headers:
            response[header] = value
        return response


def cached_page(view, story_kwarg=None, per_reader=True):
    """Serve `view` from the cache to readers who may share a page (see the module rules).

    `story_kwarg` names the URL argument holding a story's slug, for pages that also go stale
    when that story's comments change. `per_reader=False` is for responses that never show the
    consent banner or dialog (feeds): one copy serves every reader.
    """

    @wraps(view)
    def serve(request, *args, **kwargs):
        if settings.PAGE_CACHE_SECONDS <= 0 or not is_shareable(request):
            return view(request, *args, **kwargs)
        scopes = [SITE_SCOPE]
        if story_kwarg:
            scopes.append(story_scope(kwargs[story_kwarg]))
        key = page_key(request, scopes, per_reader)
        entry = caches["pages"].get(key) if key else None
        # Anything else under the key (a value from another program sharing the store) is
        # simply a miss.
        if isinstance(entry, CachedPage) and not entry.has_changed():
            return entry.response_for(request)
        response = view(request, *args, **kwargs)
        if key:
            if hasattr(response, "render"):
                response.render()
            entry = CachedPage.from_response(request, response, per_reader)
            stored = entry is not None and not getattr(request, "_page_not_stored", False)
            if stored and not entry.has_changed():
                caches["pages"].set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response

    return serve
