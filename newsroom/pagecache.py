"""Serving reader pages from a cache, and telling any HTTP cache in front that it may.

Rules this module owns:
- A reader page holds no value unique to one reader (no CSRF token, consent id or per-reader
  time stamp), so it is the same for every reader in the same consent state and is stored and
  served as it was rendered: nothing in it is ever rewritten.
- Only GET and HEAD requests without a personal cookie share pages. Personal cookies are the
  ones the server reads to make a page for one person: a session (a signed-in editor), flash
  messages, and those the apps name in their AppConfig's `personal_cookies` (remembered
  commenter details, a held comment's preview). Every other cookie (analytics, advertising,
  anything we never read) cannot change the page and is ignored.
- Shared responses say so to HTTP caches in front (`Cache-Control: public` with a short
  `s-maxage` and `stale-while-revalidate`); personal ones are `private`. The shipped nginx
  configuration (scripts/nginx/newsroom.conf) keys its cache on the URL, the consent decision
  cookie and the Global Privacy Control header, as this cache does.
- Two readers share an entry when the page would be the same for both: the key holds the
  canonical URL and the reader's consent state (as read, not the raw cookie).
- Only URLs in their one canonical form are stored (list page numbers without leading zeros,
  the host as the server knows it), so visitors cannot grow the cache by spelling one page many
  ways. Copies live in their own cache ("pages"), apart from everything else.
- Entries belong to a page generation (the site's, plus the story's on a story page) kept in
  the database, so they go stale the moment a story is published, edited or unpublished, a
  comment is approved, or a scheduled story's time comes. PAGE_CACHE_SECONDS is a last resort.
"""

import gzip
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from .copies import copy_key
from .models import CATALOGUE_SCOPE, EVERY_PAGE_SCOPES, SITE_SCOPE, PageGeneration, story_scope

# Parameters that only choose a page of a list. Anything else (a reply target, a link to one's
# own held comment, a tracking tag) gets a page rendered for that request alone.
LIST_PAGE_PARAMETERS = frozenset({"page", "comments", "before", "after"})
# What HTTP caches in front may do with a shared page: keep it briefly (a correction or an
# approved comment reaches every reader within SHARED_SECONDS), and serve it a little stale
# while they fetch a fresh copy (a withdrawn story is gone within the sum). Browsers
# revalidate on every visit. Settings, so a test can shorten them.
SHARED_SECONDS = settings.PAGE_SHARED_SECONDS
STALE_SECONDS = settings.PAGE_STALE_SECONDS
# Pages shorter than this are not worth compressing.
GZIP_MIN_LENGTH = 200


def personal_cookies():
    """The cookies that make a request's page its own: the session, flash messages, and those
    each app names in its AppConfig's `personal_cookies`."""
    names = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
    for config in apps.get_app_configs():
        names.update(getattr(config, "personal_cookies", ()))
    return frozenset(names)


def page_changes_at(request, when):
    """Declare that the page being rendered changes by itself at `when` (e.g. comments close):
    it is not served from the cache after that time."""
    if when is not None:
        current = getattr(request, "_page_changes_at", None)
        request._page_changes_at = when if current is None else min(current, when)


def needs_own_page(request):
    """Declare that this request must get a page of its own, neither served from nor stored in
    any shared cache (consent's middleware: a Cookie header a cache in front might read
    otherwise than Django does)."""
    request._needs_own_page = True


def keep_out_of_cache(request):
    """Declare that the page being rendered must not be stored: it answers an address that
    shows the same thing as another one (a page number out of range, say)."""
    request._page_not_stored = True


def generation(request, scope):
    """The current generation of `scope`, read once per request (the page cache reads it first
    for the pages it serves; for other readers it is one small query)."""
    return _read(request, [scope])[scope][0]


def generations(request, scopes):
    """{scope: current generation} for `scopes` and any read before: those not yet read in
    this request are read in one query."""
    return {scope: number for scope, (number, _) in _read(request, scopes).items()}


def settled_generation(request, scope):
    """The current generation of `scope`, or None while a scheduled change to it is due (a
    story whose time has come, which nothing kept under the generation shows yet): then nothing
    may be kept or read under it. The next cached page starts the new generation."""
    number, next_change = _read(request, [scope])[scope]
    return None if next_change is not None and next_change <= timezone.now() else number


def _read(request, scopes, numbers=None):
    """{scope: (generation, next scheduled change or None)} for `scopes` and any read before in
    this request; those not yet read are read in one query, unless the caller just read them
    (`numbers`, from PageGeneration.numbers)."""
    known = getattr(request, "_page_generations", {})
    missing = [scope for scope in scopes if scope not in known]
    if missing:
        # The scopes every page depends on come along in the same query.
        missing += [s for s in EVERY_PAGE_SCOPES if s not in known and s not in missing]
        if numbers is None:
            numbers = PageGeneration.numbers(missing)
        known = {**known, **{scope: numbers.get(scope, (0, None)) for scope in missing}}
        request._page_generations = known
    return known


def comment_generation(request, article):
    """The generation of `article`'s comments, for kept fragments of its page (its comment
    threads): it changes whenever the story's cached pages are retired for a comment. The
    fragments' keys also name the story itself (newsroom/copies.py)."""
    return generation(request, story_scope(article.slug))


def retire_site_pages():
    """Make every cached page stale, for a change that shows on all of them."""
    PageGeneration.objects.bump(SITE_SCOPE)


def retire_story_pages(slug):
    """Make the cached pages of one story stale (its comments changed)."""
    PageGeneration.objects.bump(story_scope(slug))


# Page numbers and story ids (articles/listing_pages.py): a billion stories is far away.
LONGEST_NUMBER = 9


def is_canonical_number(value):
    """ "7", not "007", "+7" or "7 ": one spelling per page of a list."""
    # The length first: int() of thousands of digits raises (Python's conversion limit).
    return (
        len(value) <= LONGEST_NUMBER
        and value.isascii()
        and value.isdigit()
        and value == str(int(value))
    )


def is_canonical_host(request):
    """The host as the server knows it: lower case, and no port but the one we listen on."""
    host = request.get_host()
    after_address = host.rpartition("]")[2]  # an IPv6 address is written in brackets
    port = after_address.rpartition(":")[2] if ":" in after_address else ""
    return host == host.lower() and (not port or port == request.get_port())


def is_shareable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if not personal_cookies().isdisjoint(request.COOKIES):
        return False
    if not is_canonical_host(request):
        return False
    if getattr(request, "_needs_own_page", False):
        return False
    return all(
        name in LIST_PAGE_PARAMETERS
        and len(request.GET.getlist(name)) == 1
        and is_canonical_number(request.GET[name])
        for name in request.GET
    )


# Settings shape pages too (comments per page, when stories close). A deployment that changes
# them (or the templates) runs `migrate`, which retires every page (see articles/signals.py).


def reader_consent(request):
    """The reader's consent (`request.consent`, set by the consent middleware).

    Every attribute read through the middleware's lazy wrapper costs a detour, and a cached
    page's key reads about ten of them. The first read builds the consent, and the middleware
    then puts the object itself on the request, so read once and take that."""
    request.consent.decided  # noqa: B018
    return request.consent


def reader_variant(request):
    """What, besides the URL, a shared page depends on: the reader's consent state."""
    gpc = request.headers.get("Sec-GPC", "").strip() == "1"
    consent = reader_consent(request)
    stored = consent.stored
    return "|".join(
        [
            f"gpc={gpc}",
            f"version={consent.catalogue.version}",
            f"decided={consent.decided}",
            f"allowed={','.join(sorted(consent.allowed_slugs))}",
            # Embeds load or wait, and the dialog ticks the providers allowed by name.
            f"embeds={','.join(sorted(consent.allowed_embeds))}",
            f"embeds_by_name={','.join(sorted(consent.embeds_by_name))}",
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
    # Kept for what is rendered during this request (comment_generation, kept pieces).
    _read(request, scopes, numbers)
    site = numbers.get(SITE_SCOPE)
    if site is None or (site[1] is not None and site[1] <= timezone.now()):
        # A scheduled story has gone live (or the site never had a generation): start a new
        # one, so every page that could list the story is rendered again.
        PageGeneration.objects.bump(SITE_SCOPE)
        return None
    # A page is a copy of an address; any save of a story (a slug passed to another story
    # included) starts a new site generation (articles/signals.py).
    return copy_key(
        "page",
        generations=[numbers.get(scope, (0, None))[0] for scope in scopes],
        parts=[request.build_absolute_uri(), reader_variant(request) if per_reader else ""],
    )


class CachedPage:
    """A rendered page as stored: its status, headers and body, plain and gzipped."""

    def __init__(self, status, headers, content, changes_at=None):
        self.status = status
        self.headers = headers
        self.content = content
        self.gzipped = (
            gzip.compress(content, compresslevel=6, mtime=0)
            if len(content) >= GZIP_MIN_LENGTH
            else None
        )
        # When the page changes by itself (see page_changes_at), or None.
        self.changes_at = changes_at

    def has_changed(self):
        return self.changes_at is not None and self.changes_at <= timezone.now()

    @classmethod
    def from_response(cls, request, response):
        """The shareable copy of `response`, or None if it must not be shared."""
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
            or response.has_header("Content-Encoding")
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or getattr(request, "_page_not_stored", False)
        ):
            return None
        changes_at = getattr(request, "_page_changes_at", None)
        return cls(response.status_code, list(response.items()), response.content, changes_at)

    def response_for(self, request):
        response = HttpResponse(status=self.status)
        for header, value in self.headers:
            response[header] = value
        if self.gzipped is not None and "gzip" in request.headers.get("Accept-Encoding", ""):
            response.content = self.gzipped
            response["Content-Encoding"] = "gzip"
        else:
            response.content = self.content
        if self.gzipped is not None:
            patch_vary_headers(response, ["Accept-Encoding"])
        return response


def mark_shared(response):
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=SHARED_SECONDS,
        stale_while_revalidate=STALE_SECONDS,
    )


def cached_page(view, story_kwarg=None, per_reader=True):
    """Serve `view` from the cache to readers who may share a page (see the module rules).

    `story_kwarg` names the URL argument holding a story's slug, for pages that also go stale
    when that story's comments change. `per_reader=False` is for responses that never show the
    consent banner or dialog (feeds): one copy serves every reader.
    """

    @wraps(view)
    def serve(request, *args, **kwargs):
        if not is_shareable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        scopes = [SITE_SCOPE, CATALOGUE_SCOPE]
        if story_kwarg:
            scopes.append(story_scope(kwargs[story_kwarg]))
        key = page_key(request, scopes, per_reader) if settings.PAGE_CACHE_SECONDS > 0 else None
        entry = caches["pages"].get(key) if key else None
        # Anything else under the key (a value from another program sharing the store) is
        # simply a miss.
        if isinstance(entry, CachedPage) and not entry.has_changed():
            return entry.response_for(request)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        entry = CachedPage.from_response(request, response)
        if entry is None:
            patch_cache_control(response, private=True)
            return response
        mark_shared(response)
        entry.headers = list(response.items())
        if key and not entry.has_changed():
            caches["pages"].set(key, entry, settings.PAGE_CACHE_SECONDS)
        return entry.response_for(request)

    return serve
