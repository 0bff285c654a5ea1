"""The "remember me" cookie: a commenter's name, email and website, kept only with consent.

The cookie is Functional (the consent app declares `newsroom_commenter` under that
category), so it is written only when the visitor has allowed Functional cookies and ticked
the box, and read only while that consent lasts. It is signed so a forged cookie cannot put
someone else's details in the form, and HttpOnly because no script needs it.
"""

from datetime import timedelta

from newsroom.signed_cookies import get_signed, set_signed

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
    details = get_signed(request, COOKIE_NAME, salt=SALT, max_age=COOKIE_MAX_AGE)
    if not isinstance(details, dict):
        return {}
    return {key: str(details.get(key, "")) for key in REMEMBERED_FIELDS}


def update_remembered_details(request, response, details, remember):
    """Write, refresh or delete the cookie on `response` after a comment was accepted."""
    if remember and functional_cookies_allowed(request):
        remembered = {key: details.get(key, "") for key in REMEMBERED_FIELDS}
        set_signed(request, response, COOKIE_NAME, remembered, salt=SALT, max_age=COOKIE_MAX_AGE)
    elif COOKIE_NAME in request.COOKIES:
        # Unticking the box, or no longer allowing Functional cookies, forgets the details.
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
