"""Browser-side security headers the rest of Django does not send, and cookie flags.

Owns the rule "no script runs unless it is a file we serve": every response gets a
Content-Security-Policy without 'unsafe-inline' for scripts, a Permissions-Policy that turns off
device features a news site never uses, and every cookie leaves with a SameSite attribute (and
Secure over HTTPS), whichever app set it. Django's SecurityMiddleware covers HSTS, nosniff,
Referrer-Policy and the opener policy; XFrameOptionsMiddleware covers framing.
"""

import re
from urllib.parse import urlsplit

from django.apps import apps
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

# A host name as a CSP source may give it: DNS labels and nothing else, so a value can never
# end the source or the directive (space, ',' or ';'), quote a keyword or carry user-info.
HOST_NAME = r"(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*"
# What a provider may add: an https origin, its first label possibly a wildcard.
ADDED_SOURCE = re.compile(rf"https://(?:\*\.)?{HOST_NAME}(?::[0-9]{{1,5}})?")


def origin_of(url, schemes=("https",)):
    """`url`'s origin as a CSP source, "https://host" or "https://host:port", rebuilt from the
    parsed host name and port only; None when the address has another scheme, user-info, a
    host that is not a plain DNS name, a bad port or anything else odd (fail closed)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in schemes or parts.username is not None or parts.password is not None:
        return None
    host = parts.hostname or ""
    if not re.fullmatch(HOST_NAME, host) or port == 0:
        return None
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


def added_sources(request):
    """What apps add to a page's policy: each app that widens it (consent, with the hosts of
    the tags an editor configured) has a `page_policy_sources(request)` method on its AppConfig
    returning {directive: [origin, ...]}; one (directive, origins) pair at a time."""
    for config in apps.get_app_configs():
        if hasattr(config, "page_policy_sources"):
            yield from config.page_policy_sources(request).items()


def page_directives(request):
    """POLICY plus what the apps add, for HTML pages (the only responses that run scripts).
    An added source that is not a plain https origin is dropped: it comes from data an
    editor typed, and one stray ';' would let it write a directive of its own."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    for name, origins in added_sources(request):
        known = directives.setdefault(name, ["'self'"])
        known.extend(
            origin for origin in origins if ADDED_SOURCE.fullmatch(origin) and origin not in known
        )
    return directives


def asset_origins():
    """Origins other than our own that serve our files: a CDN set in STATIC_URL or MEDIA_URL."""
    origins = []
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        origin = origin_of(url or "", schemes=("https", "http"))
        if origin and origin not in origins:
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
