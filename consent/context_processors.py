"""`consent` in every template: what the visitor allows, e.g. {% if consent.analytical %}."""

from django.utils.functional import SimpleLazyObject

from .visitor import consent_for_request


def consent(request):
    # ConsentMiddleware normally provides it; the fallback keeps templates rendered outside
    # the middleware (RequestFactory, custom handlers) working. Lazy either way.
    visitor_consent = getattr(request, "consent", None)
    if visitor_consent is None:
        visitor_consent = SimpleLazyObject(lambda: consent_for_request(request))
    return {"consent": visitor_consent, "consent_next": request.get_full_path()}
