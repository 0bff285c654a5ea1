"""The server keeps the promise the dialog makes about the site's own cookies.

Whatever a view or middleware tries to set, a declared cookie whose category the visitor has
not allowed never leaves the server, and withdrawing consent deletes the withdrawn categories'
cookies, on this host and on its parent domains (where analytics scripts put theirs).

Cookies nobody declared are reported, since the dialog must tell visitors about every cookie
the site sets. In production (DEBUG off) they are also dropped, as a refused category's would
be: a cookie visitors were never told about cannot have their consent. Each name is listed for
editors (UndeclaredCookie, read-only in the admin) so they can declare it; developers see the
warning and keep the cookie, so a new feature can be built before it is declared.
"""

import ipaddress
import logging
from email.utils import parsedate_to_datetime
from http.cookies import Morsel

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from newsroom.copies import copy_key

from .decision import COOKIE_NAME as CONSENT_COOKIE
from .decision import HOST_PREFIX
from .decision import ID_COOKIE_NAME as CONSENT_ID_COOKIE
from .models import UndeclaredCookie

logger = logging.getLogger("consent.enforcement")

# Undeclared names listed for editors: enough for any real site, and a bound on what a buggy
# view minting cookie names could write.
UNDECLARED_LIMIT = 200
# One database write per name per interval, however busy the site.
UNDECLARED_NOTE_SECONDS = 60
# Parent domains a withdrawal also deletes on ("www.news.example.com": "news.example.com",
# "example.com"...), at most this many.
PARENT_DOMAIN_LIMIT = 4

# If the catalogue cannot be read (database down), fail closed: keep only the cookies the
# site cannot work without.
FALLBACK_NECESSARY = frozenset(
    {
        CONSENT_COOKIE,
        CONSENT_ID_COOKIE,
        HOST_PREFIX + CONSENT_COOKIE,
        HOST_PREFIX + CONSENT_ID_COOKIE,
        settings.CSRF_COOKIE_NAME,
        settings.SESSION_COOKIE_NAME,
        CookieStorage.cookie_name,
    }
)


def is_expiring(morsel):
    """A Set-Cookie that deletes the cookie: always allowed, it only ever removes data."""
    if str(morsel["max-age"]) == "0":
        return True
    if not morsel["expires"]:
        return False
    try:
        return parsedate_to_datetime(morsel["expires"]) <= timezone.now()
    except (TypeError, ValueError):
        return False


def enforce_cookie_consent(request, response):
    """Drop every Set-Cookie on `response` that the visitor has not allowed."""
    try:
        consent = request.consent
        catalogue = consent.catalogue
    except DatabaseError:
        logger.exception("Cookie catalogue unavailable; sending only essential cookies.")
        for name in list(response.cookies):
            if name not in FALLBACK_NECESSARY and not is_expiring(response.cookies[name]):
                del response.cookies[name]
        return
    for name, morsel in list(response.cookies.items()):
        if is_expiring(morsel):
            continue
        category = catalogue.category_of_cookie(name)
        if category is None:
            logger.warning(
                "Undeclared cookie %r set on %s: declare it in the admin under a cookie category.",
                name,
                request.path,
                extra={"undeclared_cookie": name},
            )
            if not settings.DEBUG:
                del response.cookies[name]
                note_undeclared_cookie(name)
        elif not consent.allows(category.slug):
            del response.cookies[name]
            logger.info("Dropped cookie %r: the visitor has not allowed %s.", name, category.slug)


def note_undeclared_cookie(name):
    """List `name` for editors (see the module rules); never fails the response."""
    name = name[: UndeclaredCookie._meta.get_field("name").max_length]
    # A throttle, not a copy: losing the entry costs one more write of the same row.
    if not cache.add(
        copy_key("undeclared-cookie-noted", parts=[name]), True, UNDECLARED_NOTE_SECONDS
    ):
        return
    try:
        UndeclaredCookie.objects.note(name, UNDECLARED_LIMIT)
    except DatabaseError:
        logger.exception("Could not list undeclared cookie %r.", name)


def parent_domains(host):
    """The domains a script on `host` may have set cookies for: the host itself and each parent
    with at least two labels. None for an IP address or a single-label host (localhost)."""
    hostname = host.rpartition("]")[2] if host.startswith("[") else host.rsplit(":", 1)[0]
    hostname = hostname.lower().rstrip(".")
    try:
        ipaddress.ip_address(hostname.strip("[]"))
        return []
    except ValueError:
        pass
    labels = hostname.split(".")
    domains = [".".join(labels[index:]) for index in range(len(labels) - 1)]
    return domains[-PARENT_DOMAIN_LIMIT:]


def delete_cookie_everywhere(response, name, path, domains):
    """Delete `name` host-only and on each of `domains`.

    A browser keeps one cookie per (name, domain, path), so each needs its own Set-Cookie.
    Django holds response cookies by name, one each; the extra deletions are kept under keys of
    their own (the Morsel still carries the real name, which is what is sent).
    """
    response.delete_cookie(name, path=path)
    template = response.cookies[name]
    for domain in domains:
        morsel = Morsel()
        morsel.set(name, "", '""')
        for attribute in ("expires", "max-age", "path", "samesite", "secure"):
            morsel[attribute] = template[attribute]
        morsel["domain"] = domain
        response.cookies[f"{name} on {domain}"] = morsel


def expire_declared_cookies(response, catalogue, refused, request_cookies, withdrawn, host=""):
    """Delete the cookies of refused categories: all of a withdrawn category's declared
    cookies, and any other refused cookie the browser still sends, including ones scripts set
    on a parent domain."""
    domains = parent_domains(host) if host else []
    for category in catalogue.categories:
        if category.slug not in refused:
            continue
        for cookie in category.cookies:
            if cookie.is_pattern:
                names = [name for name in request_cookies if cookie.matches(name)]
            elif category.slug in withdrawn or cookie.name in request_cookies:
                names = [cookie.name]
            else:
                names = []
            for name in names:
                if cookie.domain:
                    response.delete_cookie(name, path=cookie.path or "/", domain=cookie.domain)
                else:
                    delete_cookie_everywhere(response, name, cookie.path or "/", domains)
