"""Changing one's mind: the author of a comment may edit or delete it for a short while.

- **Who**: the browser that posted it, and no other. The response to the post sets the
  `newsroom_author` cookie, a signed list of the comments posted from that browser in the
  last `COMMENTS_EDIT_MINUTES`. The signature makes it a capability: it cannot be forged or
  extended to another comment, and without it (another browser, a shared link) nothing can
  be changed. No account, no secret in a URL.
- **When**: until `COMMENTS_EDIT_MINUTES` after the comment was posted (the page tells the
  author until when). Held and published comments can be changed; spam and removed ones not.
- **How often**: `MAX_EDITS` edits in all, at most `EDITS_PER_MINUTE` a minute (counted in the
  database, newsroom.models.Counter). Each edit stores a revision and retires the story's
  cached pages, so an unbounded stream of them is a way to fill the database and the cache.
- **What happens**: the previous text is kept (CommentRevision, shown to editors in the
  admin), readers see "edited", and an edit that brings in links or blocked words the comment
  did not have goes back through the spam rules: to spam, or to the moderation queue.
  Deleting removes the comment from the site (status removed); editors still see it, and its
  public replies stay under a "This comment was deleted" tombstone (tombstones.py).

The cookie is Necessary (consent migration 0005): it only carries out what its holder asked
for by posting, lives as long as the window, names comment ids and nothing about the person,
is HttpOnly and SameSite=Lax. Pages rendered for its holder show the edit controls, so it is a
personal cookie (registered in apps.py): such pages are never shared by the page cache.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsroom.models import Counter
from newsroom.signed_cookies import get_signed, set_signed

from . import held_reasons, spam, statements
from .held_reasons import reason
from .models import BlockedWord, Comment, CommentRevision

COOKIE_NAME = "newsroom_author"
COOKIE_SALT = "comments.author"
COOKIE_MAX_COMMENTS = 10
EDITABLE_STATUSES = (Comment.Status.PENDING, Comment.Status.APPROVED)
DELETED_REASON = held_reasons.DELETED_BY_AUTHOR
# Enough to fix typos and second thoughts; a flood of revisions is not an edit.
MAX_EDITS = 10
EDITS_PER_MINUTE = 3


def window():
    return timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)


def editable_until(comment):
    return comment.created_at + window()


def authored_ids(request):
    """The ids of the comments this browser posted and may still change."""
    ids = get_signed(request, COOKIE_NAME, salt=COOKIE_SALT, max_age=window())
    return [pk for pk in ids if isinstance(pk, int)] if isinstance(ids, list) else []


def grant(request, response, comment):
    """Let the browser that posted `comment` change it during the window."""
    if settings.COMMENTS_EDIT_MINUTES <= 0:
        return
    ids = [comment.pk, *(pk for pk in authored_ids(request) if pk != comment.pk)]
    set_signed(
        request,
        response,
        COOKIE_NAME,
        ids[:COOKIE_MAX_COMMENTS],
        salt=COOKIE_SALT,
        max_age=int(window().total_seconds()),
    )


def _editable():
    return Comment.objects.filter(
        status__in=EDITABLE_STATUSES, created_at__gt=timezone.now() - window()
    )


def own_comments(request, shown, held_comment=None):
    """Of the comments `shown` ({id: comment}, already loaded for the page) and the reader's
    `held_comment`, those this browser may still change, newest first; each gets
    `editable_until`. No query: the page has loaded them already."""
    ids = authored_ids(request)
    candidates = [shown.get(pk) for pk in ids]
    if held_comment is not None and held_comment.pk in ids:
        candidates.append(held_comment)
    now = timezone.now()
    own = []
    for comment in candidates:
        if comment is not None and editable_until(comment) > now:
            comment.editable_until = editable_until(comment)
            own.append(comment)
    return sorted(own, key=lambda comment: comment.created_at, reverse=True)


def editable_comment(request, comment_id):
    """The comment `comment_id` if this browser may change it now, else None."""
    if comment_id not in authored_ids(request):
        return None
    comment = _editable().select_related("article").filter(pk=comment_id).first()
    if comment is not None:
        comment.editable_until = editable_until(comment)
    return comment


def _new_troubles(old_text, comment):
    """What the edit brought in that the comment did not have: (spam words, hold reasons)."""
    before = {word.pk for word in spam.blocked_words_in(old_text)}
    found = [w for w in spam.blocked_words_in(comment.text, comment.name) if w.pk not in before]
    spam_words = [
        reason(held_reasons.BLOCKED_WORD, phrase=w.phrase)
        for w in found
        if w.action == BlockedWord.Action.SPAM
    ]
    hold = [
        reason(held_reasons.BLOCKED_WORD, phrase=w.phrase)
        for w in found
        if w.action != BlockedWord.Action.SPAM
    ]
    links_before, links_after = spam.count_links(old_text), spam.count_links(comment.text)
    if links_after > links_before:
        hold.append(reason(held_reasons.EDIT_ADDED_LINKS, before=links_before, after=links_after))
    return spam_words, hold


def count_edit(comment, new_text):
    """Record an attempt to change `comment` to `new_text`; whether it is within the limits.
    Sending the text unchanged changes nothing, so it is not counted."""
    if new_text == comment.text:
        return True
    if comment.revisions.count() >= MAX_EDITS:
        return False
    return Counter.objects.hit(f"comments:edits:{comment.pk}", 60) <= EDITS_PER_MINUTE


def edit(comment, new_text):
    """Replace the text of `comment`, keeping the old one; re-moderate what the edit added."""
    if new_text == comment.text:
        return comment
    with transaction.atomic():
        old_text = comment.text
        CommentRevision.objects.create(comment=comment, text=old_text)
        comment.text, comment.edited_at = new_text, timezone.now()
        spam_words, hold = _new_troubles(old_text, comment)
        previous_status = comment.status
        if spam_words or hold:
            reasons = [held_reasons.EDITED, *spam_words, *hold]
            comment.status = Comment.Status.SPAM if spam_words else Comment.Status.PENDING
            comment.held_reason = held_reasons.join(
                [*held_reasons.split(comment.held_reason), *reasons]
            )
        comment.save()
        if comment.status != previous_status:
            statements.log_automatic(comment, previous_status)
    return comment


def delete(comment):
    """Take `comment` off the site; public replies keep their place under its tombstone."""
    comment.status = Comment.Status.REMOVED
    comment.moderated_at = comment.deleted_at = timezone.now()
    comment.held_reason = DELETED_REASON
    comment.save()
