"""Puts the visitor's consent on every request and enforces it on every response.

Place it high in MIDDLEWARE (right after SecurityMiddleware): its response half must run after
the session, CSRF and messages middleware have added their cookies, so it sees them all.
"""

from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from newsroom.pagecache import needs_own_page

from .decision import consent_cookie_is_ambiguous
from .enforcement import enforce_cookie_consent
from .visitor import consent_for_request


def _is_page_view(request, response):
    content_type = response.get("Content-Type", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and content_type.startswith("text/html")
    )


class ConsentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if consent_cookie_is_ambiguous(request):
            # nginx might file the page under another decision than the one it is made for.
            needs_own_page(request)

        def consent_on_first_use():
            consent = consent_for_request(request)
            # From now on the request holds the object itself: later reads skip the wrapper,
            # and below, a request still holding the wrapper is one that never looked.
            request.consent = consent
            return consent

        # Lazy: feeds, sitemaps and static-like responses never look at consent.
        request.consent = SimpleLazyObject(consent_on_first_use)
        response = self.get_response(request)

        consent = request.consent
        if not isinstance(consent, SimpleLazyObject):
            # A refusal made for the visitor (Global Privacy Control) is stored and logged once,
            # on a page they actually see, not on every feed or image request.
            if _is_page_view(request, response):
                if consent.pending:
                    consent.persist(request, response, page=request.get_full_path())
                else:
                    consent.expire_refused_cookies(request, response)
            patch_vary_headers(response, ["Cookie", "Sec-GPC"])
        if response.cookies:
            enforce_cookie_consent(request, response)
        return response
