"""Browser-side security headers the rest of Django does not send, and cookie flags.

Owns the rule "no script runs unless it is a file we serve": every response gets a
Content-Security-Policy without 'unsafe-inline' for scripts, a Permissions-Policy that turns off
device features a news site never uses, and every cookie leaves with a SameSite attribute (and
Secure over HTTPS), whichever app set it. Django's SecurityMiddleware covers HSTS, nosniff,
Referrer-Policy and the opener policy; XFrameOptionsMiddleware covers framing.
"""

from urllib.parse import urlsplit

from django.conf import settings

# Everything comes from our own origin, the editors' desk included: the admin and TinyMCE style
# their widgets through the DOM (which the policy allows) rather than with inline markup.
# JSON-LD and json_script blocks are data, not scripts, so the policy does not stop them.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    ]
)

DEFAULT_SAMESITE = "Lax"

# Callables returning {directive: [origin, ...]} to add to pages' policies (consent's tags).
POLICY_SOURCE_PROVIDERS = []


def register_policy_sources(provider):
    """Let an app widen the page policy, e.g. with the hosts of tags an editor configured.
    `provider(request)` is called for each HTML response and returns {directive: [origin, ...]}."""
    if provider not in POLICY_SOURCE_PROVIDERS:
        POLICY_SOURCE_PROVIDERS.append(provider)


def page_directives(request):
    """POLICY plus what registered providers add, for HTML pages (the only responses that
    run scripts)."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    for provider in POLICY_SOURCE_PROVIDERS:
        for name, origins in provider(request).items():
            known = directives.setdefault(name, ["'self'"])
            known.extend(origin for origin in origins if origin not in known)
    return directives


def asset_origins():
    """Origins other than our own that serve our files: a CDN set in STATIC_URL or MEDIA_URL."""
    origins = []
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        parts = urlsplit(url or "")
        if parts.scheme and parts.netloc:
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in origins:
                origins.append(origin)
    return origins


def build_policy(directives, extra_origins=()):
    """Render a policy, letting asset origins serve what our own origin may serve."""
    rendered = []
    for name, sources in directives.items():
        if extra_origins and "'self'" in sources and name not in ("form-action", "base-uri"):
            sources = [*sources, *extra_origins]
        rendered.append(" ".join([name, *sources]))
    return "; ".join(rendered)


def content_security_policy(request, is_page=False):
    is_secure = request.is_secure()
    header = build_policy(page_directives(request) if is_page else POLICY, asset_origins())
    if is_secure:
        header += "; upgrade-insecure-requests"
    return header


class SecurityHeadersMiddleware:
    """Adds the CSP and Permissions-Policy headers and fills in missing cookie flags."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        secure = request.is_secure()
        # A view that needs a different policy sets its own header; we do not overwrite it.
        is_page = response.get("Content-Type", "").startswith("text/html")
        response.headers.setdefault(
            "Content-Security-Policy", content_security_policy(request, is_page)
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        for morsel in response.cookies.values():
            if not morsel["samesite"]:
                morsel["samesite"] = DEFAULT_SAMESITE
            if secure and settings.SECURE_COOKIES:
                morsel["secure"] = True
        return response
