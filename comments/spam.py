"""Spam defence: the checks that tell a person from a bot, and a flood from a conversation.

- Honeypot: a field people never see; bots that fill every input give themselves away.
- Form token: a signed issue time bound to the story. A token older than
  `COMMENTS_FORM_MAX_AGE_HOURS`, from another story or altered, is refused. There is no
  "too fast" check: a shared cached page (nginx) hands one token to every reader who gets
  that copy, so its age is the page's, not the reader's, and a bot posting at once from a
  freshly cached page would pass while a quick reader of an old copy would not. What limits a
  fast bot instead: the honeypot, the cap on posts per token, the per-client rate limit and
  the moderation of every post from a browser that has not confirmed its address.
- Posts per token: one token serves at most `COMMENTS_POSTS_PER_FORM_TOKEN` posts while it is
  valid, counted in the database. A page shared by nginx gives one token to the few readers
  who get that copy; a bot replaying one token for ever is what this stops. A post over the
  cap is sent back with a fresh token, so a person only has to press Send again.
- Links and blocked words: counted and matched here; moderation.py decides what they cost.
- Rate limit: posts per client per window, counted in the database (newsroom.models.Counter)
  so every worker shares the count and no flood of page traffic can evict it. Past
  `COMMENTS_RATE_LIMIT_HOLD` posts are held, past `COMMENTS_RATE_LIMIT_REJECT` they are refused.
"""

import hashlib
import re
import time
from enum import Enum

from django.conf import settings
from django.core import signing

from newsroom.models import Counter

from .lookalikes import comparable
from .models import BlockedWord
from .render import count_web_addresses

HONEYPOT_FIELD = "subject"
TOKEN_SALT = "comments.form-token"


class TokenProblem(Enum):
    FORGED = "forged"
    STALE = "stale"


def issue_form_token(article_id, issued_at=None):
    """A token stating when the form for `article_id` was served; tamper-proof, not secret."""
    issued_at = int(time.time() if issued_at is None else issued_at)
    return signing.dumps({"article": article_id, "issued": issued_at}, salt=TOKEN_SALT)


def read_form_token(token, article_id):
    """The token's issue time, or None if it was not issued by us for this story."""
    try:
        payload = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("article") != article_id:
        return None
    issued = payload.get("issued")
    return issued if isinstance(issued, int) else None


def form_token_problem(token, article_id, now=None):
    """What is wrong with the form token, or None when it is ours, for this story, and fresh."""
    issued = read_form_token(token, article_id)
    if issued is None:
        return TokenProblem.FORGED
    age = (time.time() if now is None else now) - issued
    if age > settings.COMMENTS_FORM_MAX_AGE_HOURS * 3600:
        return TokenProblem.STALE
    # A negative age means a token from the future: forged, or a clock gone wrong.
    if age < 0:
        return TokenProblem.FORGED
    return None


def count_links(*texts):
    return sum(count_web_addresses(text) for text in texts)


def blocked_words_in(*texts):
    """The editor-listed phrases found in `texts`, as BlockedWord objects.

    Phrase and texts are compared in lookalikes.comparable() form, so a word disguised with
    invisible characters, combining marks or letters from another alphabet still matches.
    """
    haystack = "\n".join(comparable(text) for text in texts if text)
    found = []
    for blocked in BlockedWord.objects.all():
        phrase = re.escape(comparable(blocked.phrase))
        if phrase and re.search(rf"(?<!\w){phrase}(?!\w)", haystack):
            found.append(blocked)
    return found


def count_token_use(token):
    """Record one more post made with form `token`; whether it is still within its cap."""
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    window = settings.COMMENTS_FORM_MAX_AGE_HOURS * 3600
    uses = Counter.objects.hit(f"comments:token:{digest}", window)
    return uses <= settings.COMMENTS_POSTS_PER_FORM_TOKEN


def count_post(client_key):
    """Record one more post from this client and return its posts in the current window."""
    return Counter.objects.hit(f"comments:posts:{client_key}", settings.COMMENTS_RATE_LIMIT_WINDOW)


def over_reject_limit(post_count):
    return post_count > settings.COMMENTS_RATE_LIMIT_REJECT


def over_hold_limit(post_count):
    return post_count > settings.COMMENTS_RATE_LIMIT_HOLD
