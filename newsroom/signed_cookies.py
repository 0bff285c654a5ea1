"""Signed cookies and signed link tokens: values only this site can have made, read back as
absent when they are anything else.

Cookies go through Django's `set_signed_cookie` / `get_signed_cookie`, which sign the value
with the cookie's name and a salt and stamp the time, so a reader refuses a value that was
forged, made for another cookie or purpose, or is older than `max_age`. This module adds what
every one of our cookies needs on top:
- the value is a small JSON structure (a list of ids, a dict of details), not only a string;
- a value longer than `MAX_LENGTH` is not checked at all: we never write one that long;
- whatever is not a value we wrote (foreign, tampered, malformed, expired, too long, or in the
  format these cookies had before) reads as absent (None) and never raises.
Links that carry a signed token (`?held=`, a confirmation link) are read by `load_token` with
the same rules.
"""

import json

from django.core import signing

# A browser keeps at most 4096 bytes per cookie, and the longest value we write (a
# commenter's remembered details) stays well below it; anything longer is not ours.
MAX_LENGTH = 4096


def _encode(data):
    return signing.b64_encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def _decode(text):
    try:
        return json.loads(signing.b64_decode(text.encode()))
    except (ValueError, UnicodeError):
        return None


def set_signed(request, response, name, data, *, salt, max_age=None):
    """Set cookie `name` to `data` (anything JSON can hold), signed with `salt`: HttpOnly (no
    script needs our cookies), SameSite=Lax (it comes back on the redirect after a post),
    Secure over HTTPS; `max_age` None makes it last until the browser closes."""
    response.set_signed_cookie(
        name,
        _encode(data),
        salt=salt,
        max_age=max_age,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def get_signed(request, name, *, salt, max_age):
    """What `set_signed` put in cookie `name` with `salt` at most `max_age` ago, or None."""
    if len(request.COOKIES.get(name, "")) > MAX_LENGTH:
        return None
    value = request.get_signed_cookie(name, default=None, salt=salt, max_age=max_age)
    return None if value is None else _decode(value)


def load_token(token, *, salt, max_age=None):
    """What `signing.dumps(..., salt=salt)` put in `token` at most `max_age` ago, or None."""
    if not isinstance(token, str) or not token or len(token) > MAX_LENGTH:
        return None
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
