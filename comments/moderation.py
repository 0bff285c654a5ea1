"""Which status a new comment gets, and why it was held when it is not published at once.

The rules, in the order editors read them in the admin's "why it was held" column (each is
stored as a code, held_reasons.py, and shown in the editor's language):
- a blocked word whose action is "spam" sends the comment to spam;
- a blocked word whose action is "hold", more than `COMMENTS_MAX_LINKS` links, or more posts
  from one client than `COMMENTS_RATE_LIMIT_HOLD` in the window hold it for moderation;
- with `COMMENTS_HOLD_ALL` every comment is held; otherwise the first comment from an email
  is held, and so is any comment whose poster has not proved, in the browser they post from,
  that the address is theirs (confirmation.py). An email that already has an approved comment,
  posted from a browser that proved it, is trusted; so is an address an editor marked trusted
  (people.py), even before its first approved comment and with `COMMENTS_HOLD_ALL`.
- a copy of a recent comment (same story, author and text) sent from a browser that did not
  post the original is held (forms.py explains why it is stored at all).
A comment with no reason against it is approved.
"""

from dataclasses import dataclass, field

from django.conf import settings

from . import held_reasons, people, spam
from .held_reasons import reason
from .models import BlockedWord, Comment


@dataclass
class Verdict:
    status: str
    reasons: list[str] = field(default_factory=list)

    @property
    def held_reason(self):
        return held_reasons.join(self.reasons)


def assess(comment, posts_in_window=1, proven=False, repeats=None):
    """Decide `comment`'s status from its content, its author's history and its client's pace.

    `proven`: the browser posting it proved it owns the comment's address (confirmation.py).
    `repeats`: a recent comment with the same author and text that another browser posted;
    the copy waits for an editor, who sees which comment it repeats.
    """

    spam_reasons, hold_reasons = [], []
    found = spam.blocked_words_in(comment.text, comment.name, comment.email, comment.website)
    for blocked in found:
        found_word = reason(held_reasons.BLOCKED_WORD, phrase=blocked.phrase)
        if blocked.action == BlockedWord.Action.SPAM:
            spam_reasons.append(found_word)
        else:
            hold_reasons.append(found_word)
    if spam_reasons:
        return Verdict(Comment.Status.SPAM, spam_reasons + hold_reasons)

    links = spam.count_links(comment.text, comment.name)
    if links > settings.COMMENTS_MAX_LINKS:
        hold_reasons.append(
            reason(held_reasons.TOO_MANY_LINKS, links=links, limit=settings.COMMENTS_MAX_LINKS)
        )
    if spam.over_hold_limit(posts_in_window):
        minutes = max(1, settings.COMMENTS_RATE_LIMIT_WINDOW // 60)
        hold_reasons.append(reason(held_reasons.RATE_LIMIT, count=posts_in_window, minutes=minutes))
    if people.is_trusted(comment.email):
        pass  # an editor vouched for the address: no pre-moderation (people.py)
    elif settings.COMMENTS_HOLD_ALL:
        hold_reasons.append(held_reasons.HOLD_ALL)
    elif not Comment.objects.approved().from_email(comment.email).exists():
        hold_reasons.append(held_reasons.FIRST_COMMENT)
    if repeats is not None:
        hold_reasons.append(reason(held_reasons.REPEATS, pk=repeats.pk))
    if not proven:
        hold_reasons.append(held_reasons.UNCONFIRMED)

    if hold_reasons:
        return Verdict(Comment.Status.PENDING, hold_reasons)
    return Verdict(Comment.Status.APPROVED)
