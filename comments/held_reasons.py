"""Why a comment was held, as codes stored in `Comment.held_reason` and read in any language.

The row keeps codes, not sentences, so each editor (and each mail) reads the reason in their
own language and a later rewording changes every old comment too. A stored value is reasons
joined by "; ", each a code with its details as a query string:

    blocked_word:phrase=Free%20Money; too_many_links:links=3&limit=2; first_comment

Values are percent-encoded, so a phrase can never break the separators. Text that is not a
known code (written by hand, or by older code nobody converted) is shown as it is.
"""

import re
from urllib.parse import parse_qsl, quote, urlencode

from django.utils.translation import gettext_lazy as _

SEPARATOR = "; "
# Comment.held_reason's max_length: join() drops whole reasons rather than cut one in half.
MAX_LENGTH = 300

BLOCKED_WORD = "blocked_word"
TOO_MANY_LINKS = "too_many_links"
RATE_LIMIT = "rate_limit"
HOLD_ALL = "hold_all"
FIRST_COMMENT = "first_comment"
REPEATS = "repeats"
UNCONFIRMED = "unconfirmed"
EDITED = "edited"
EDIT_ADDED_LINKS = "edit_added_links"
DELETED_BY_AUTHOR = "deleted_by_author"
REPORTED = "reported"
# Text nobody could map to a code; its `text` is shown as it was written.
OTHER = "other"

TEXTS = {
    BLOCKED_WORD: _("blocked word “%(phrase)s”"),
    TOO_MANY_LINKS: _("too many links (%(links)s, limit %(limit)s)"),
    RATE_LIMIT: _("rate limit (%(count)s comments from this client in %(minutes)s min)"),
    HOLD_ALL: _("every comment is held (COMMENTS_HOLD_ALL)"),
    FIRST_COMMENT: _("first comment from this email"),
    REPEATS: _("same author and text as comment %(pk)s, sent from another browser"),
    UNCONFIRMED: _("address not yet confirmed from the poster's browser (link mailed)"),
    EDITED: _("edited after posting"),
    EDIT_ADDED_LINKS: _("edit added links (%(before)s before, %(after)s after)"),
    DELETED_BY_AUTHOR: _("deleted by its author"),
    REPORTED: _("reported by readers, hidden until a moderator decides"),
    OTHER: "%(text)s",
}

CODED = re.compile(r"^(?P<code>[a-z_]+)(?::(?P<details>.*))?$")


def reason(code, **details):
    """One reason, ready to store: `code` with its `details` (phrase, counts...)."""
    if not details:
        return code
    return f"{code}:{urlencode(details, quote_via=quote, safe='')}"


def join(reasons, max_length=MAX_LENGTH):
    """The stored value for `reasons`: as many whole reasons as fit in `max_length`."""
    stored = ""
    for one in reasons:
        longer = f"{stored}{SEPARATOR}{one}" if stored else one
        if len(longer) > max_length:
            break
        stored = longer
    return stored


def split(stored):
    """The reasons in a stored value."""
    return [one for one in (stored or "").split(SEPARATOR) if one]


def parse(one):
    """(code, details) of one stored reason; text that is no known code is (OTHER, {text})."""
    match = CODED.match(one)
    if match and match["code"] in TEXTS:
        details = dict(parse_qsl(match["details"] or "", keep_blank_values=True))
        return match["code"], details
    return OTHER, {"text": one}


def describe_one(one):
    code, details = parse(one)
    try:
        return str(TEXTS[code]) % details
    except (KeyError, ValueError, TypeError):
        # Details missing or mangled (edited by hand): show what is stored.
        return one


def describe(stored):
    """The stored reasons in words, in the active language, joined by "; "."""
    return "; ".join(describe_one(one) for one in split(stored))


def codes(stored):
    return [parse(one)[0] for one in split(stored)]
