"""Readers' forms refuse posts from other sites without a per-reader token.

A CSRF token in a page makes the page different for every reader, so no cache could share it.
The two forms anonymous readers send (a comment, a cookie choice) are protected instead by what
every current browser says about where a request comes from, after Go 1.25's
CrossOriginProtection: a POST whose `Sec-Fetch-Site` is anything but `same-origin` or `none`
(typed or bookmarked), or, from an older browser without that header, whose `Origin` is not
this site (or one of CSRF_TRUSTED_ORIGINS), is refused with 403. A request with neither header
does not come from a browser, so no visitor's browser can have been tricked into sending it;
the forms' other defences deal with it.

Signed-in editors keep Django's token check on top: their session is what a forged post would
abuse, and their pages are never shared anyway.
"""

from functools import wraps

from django.conf import settings
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt, csrf_protect

TRUSTED_FETCH_SITES = frozenset({"same-origin", "none"})


def is_cross_origin(request):
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in TRUSTED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own_origin = f"{request.scheme}://{request.get_host()}"
    return origin != own_origin and origin not in settings.CSRF_TRUSTED_ORIGINS


def reader_form(view):
    """Protect a view that takes posts from anonymous readers (see the module rules)."""
    token_checked = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def protected(request, *args, **kwargs):
        if request.method == "POST" and is_cross_origin(request):
            return csrf_failure(request, reason="The form was sent from another site.")
        if request.user.is_authenticated:
            return token_checked(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return protected
