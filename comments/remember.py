"""The "remember me" cookie: a commenter's name, email and website, kept only with consent.

The cookie is Functional (the consent app declares `newsroom_commenter` under that
category), so it is written only when the visitor has allowed Functional cookies and ticked
the box, and read only while that consent lasts. It is signed so a forged cookie cannot put
someone else's details in the form, and HttpOnly because no script needs it.
"""

from datetime import timedelta

from django.core import signing

COOKIE_NAME = "newsroom_commenter"
COOKIE_MAX_AGE = timedelta(days=365)
SALT = "comments.remember"
REMEMBERED_FIELDS = ("name", "email", "website")


def functional_cookies_allowed(request):
    """Whether the visitor allowed Functional cookies."""
    return request.consent.allows("functional")


def remembered_details(request):
    """The details saved in the visitor's cookie, or {} when there are none we may use."""
    if not functional_cookies_allowed(request):
        return {}
    try:
        details = signing.loads(
            request.COOKIES.get(COOKIE_NAME, ""),
            salt=SALT,
            max_age=COOKIE_MAX_AGE,
        )
    except signing.BadSignature:
        return {}
    if not isinstance(details, dict):
        return {}
    return {key: str(details.get(key, "")) for key in REMEMBERED_FIELDS}


def update_remembered_details(request, response, details, remember):
    """Write, refresh or delete the cookie on `response` after a comment was accepted."""
    if remember and functional_cookies_allowed(request):
        response.set_cookie(
            COOKIE_NAME,
            signing.dumps(
                {key: details.get(key, "") for key in REMEMBERED_FIELDS}, salt=SALT, compress=True
            ),
            max_age=COOKIE_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    elif COOKIE_NAME in request.COOKIES:
        # Unticking the box, or no longer allowing Functional cookies, forgets the details.
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
