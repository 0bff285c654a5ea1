"""Who may see an embed's frame, and the frame's own policy.

An embed's content loads through our own frame page (views.embed_frame), never straight from
the story page: the story page's Content-Security-Policy never names a provider, so a page a
cache shares stays the same whatever a reader allows, and JavaScript can swap a frame in after
a click without the page's policy having allowed the provider before it. The frame page loads
the provider only when the reader allows it (by name or by its category) or brings a
"load once" pass: a signed, short-lived token for that embed alone, minted only by a click on
its placeholder ("Load <provider> content" without "Always allow"), and never stored anywhere.
"""

from django.core import signing

from newsroom.security import POLICY, asset_origins, build_policy

ONCE_SALT = "newsroom.consent.embed-once"
# Long enough to come back from the form and for the frame to load; short, since the address
# with it could be passed on.
ONCE_SECONDS = 10 * 60


def once_token(embed_pk):
    return signing.TimestampSigner(salt=ONCE_SALT).sign(str(embed_pk))


def once_token_allows(token, embed_pk):
    """Whether `token` is a current "load once" pass for the embed `embed_pk`."""
    if not token or len(token) > 200:
        return False
    try:
        value = signing.TimestampSigner(salt=ONCE_SALT).unsign(token, max_age=ONCE_SECONDS)
    except signing.BadSignature:
        return False
    return value == str(embed_pk)


def may_load(consent, provider, embed_pk, token=""):
    """Whether the reader's frame may load `provider` (a catalogue ProviderInfo) now."""
    return provider is not None and (
        consent.allows_embed(provider) or once_token_allows(token, embed_pk)
    )


def frame_policy(origins):
    """The frame page's Content-Security-Policy: the site's own, with frames from `origins`
    only, and framed only by our own pages."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    directives["frame-src"] = list(origins) or ["'none'"]
    directives["frame-ancestors"] = ["'self'"]
    return build_policy(directives, asset_origins())
