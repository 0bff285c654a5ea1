"""The server keeps the promise the dialog makes about the site's own cookies.

Whatever a view or middleware tries to set, a declared cookie whose category the visitor has
not allowed never leaves the server, and withdrawing consent deletes the withdrawn categories'
cookies. Cookies nobody declared are let through but reported: the dialog must tell visitors
about every cookie the site sets.
"""

import logging
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import DatabaseError
from django.utils import timezone

from .decision import COOKIE_NAME as CONSENT_COOKIE
from .decision import ID_COOKIE_NAME as CONSENT_ID_COOKIE

logger = logging.getLogger("consent.enforcement")

# If the catalogue cannot be read (database down), fail closed: keep only the cookies the
# site cannot work without.
FALLBACK_NECESSARY = frozenset(
    {
        CONSENT_COOKIE,
        CONSENT_ID_COOKIE,
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
        elif not consent.allows(category.slug):
            del response.cookies[name]
            logger.info("Dropped cookie %r: the visitor has not allowed %s.", name, category.slug)


def expire_declared_cookies(response, catalogue, refused, request_cookies, withdrawn):
    """Delete the cookies of refused categories: all of a withdrawn category's declared
    cookies, and any other refused cookie the browser still sends."""
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
                response.delete_cookie(name, path=cookie.path or "/", domain=cookie.domain or None)
