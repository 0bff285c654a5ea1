"""Tombstones: what stays in a thread when a comment with public replies goes.

A comment its author deleted, or that an editor removed or marked as spam, leaves the site, but
its approved replies do not go with it: in its place readers see "This comment was deleted" or
"This comment was removed by a moderator", with no name, no text and no website, and the
replies keep their thread and their addresses (`/comments/<id>/` still finds them). A gone
comment with no public reply below it leaves nothing at all.

A comment an editor holds again (back to pending) keeps its place the same way: readers see
"This comment is waiting for a moderator" above its approved replies, which stay public, and
the comment itself comes back if it is approved.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Comment

GONE_STATUSES = (Comment.Status.REMOVED, Comment.Status.SPAM)
# Statuses that leave a placeholder above public replies: gone, and held again.
STANDING_STATUSES = (*GONE_STATUSES, Comment.Status.PENDING)
DELETED = "deleted"
REMOVED = "removed"
HELD = "held"
TEXTS = {
    DELETED: _("This comment was deleted."),
    REMOVED: _("This comment was removed by a moderator."),
    HELD: _("This comment is waiting for a moderator."),
}


class EachRowExists(Exists):
    """EXISTS that the database checks for each row that needs it, never by reading every row
    the subquery covers into a hash first.

    Only the few gone or held comments among a page's rows need the check, but PostgreSQL
    plans for every row of the story and prefers the hash: 4,918 replies read for page 1 of a
    5,000-comment story. An OFFSET keeps it from turning the EXISTS into a hashable IN; the
    check per row is an index lookup (3,300 index entries and 66 checks for the last of 66
    pages, instead of 8,264 rows)."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


def kind_of(status, deleted_at):
    """The placeholder a comment readers cannot see leaves (DELETED, REMOVED or HELD); None for
    an approved one."""
    if status == Comment.Status.PENDING:
        return HELD
    if status not in GONE_STATUSES:
        return None
    # An author's deletion stores status removed; an editor marking it spam later overrides.
    return DELETED if deleted_at is not None and status == Comment.Status.REMOVED else REMOVED


def may_leave_one(article):
    """The comments of `article` a page of threads must read: approved ones, and gone or held
    ones with a reply (a tombstone may sit above another tombstone). Which of them really have a
    public reply below them is worked out in threads.py; reading only those with replies keeps
    a story's spam and waiting comments out of the query's answer."""
    # Replies on the same story only: PostgreSQL may answer this EXISTS by hashing every
    # reply it covers, and over the whole table that read 200,000 rows for one story at
    # 10,000 stories (95 ms of a 5,000-comment story's page).
    reply = Comment.objects.filter(article=article, parent=OuterRef("pk"))
    return Q(status=Comment.Status.APPROVED) | Q(status__in=STANDING_STATUSES) & EachRowExists(
        reply
    )


def shows_a_thread(article_id):
    """A condition on the comments of story `article_id`: a top-level comment that readers see a
    thread under, public itself, or gone or held with a public reply somewhere in its thread."""
    # The story's own replies, for the reason may_leave_one() gives.
    public_reply = Comment.objects.public().filter(article=article_id, thread=OuterRef("pk"))
    return Q(parent=None) & (
        Q(status=Comment.Status.APPROVED)
        | Q(status__in=STANDING_STATUSES) & EachRowExists(public_reply)
    )


def shown_top_level(article_id):
    """The top-level comments of a story that readers see a thread under (shows_a_thread)."""
    return Comment.objects.filter(shows_a_thread(article_id), article=article_id)


def bury(comment, kind):
    """Make loaded `comment` a tombstone of `kind`: nothing its author wrote is left on it, so
    no template can show it by mistake."""
    comment.tombstone = kind
    comment.tombstone_text = TEXTS[kind]
    comment.name = comment.website = comment.text_html = ""
    return comment


def erase(comments):
    """Delete `comments` (a queryset) for good, as the admin's delete does, without taking
    anyone's reply with them. A comment that still has replies below it is emptied instead:
    its name, address, website, text, earlier texts and client trace are erased and it stays
    as a tombstone, so the replies keep their thread and their addresses.
    Returns (how many were deleted, how many were emptied)."""
    chosen = set(comments.values_list("pk", flat=True))
    has_replies = Exists(Comment.objects.filter(parent=OuterRef("pk")))
    deleted = 0
    with transaction.atomic():
        # Replies first: a chosen comment whose only replies were chosen too goes as well.
        while leaves := list(
            Comment.objects.filter(pk__in=chosen).exclude(has_replies).select_related("article")
        ):
            for comment in leaves:
                comment.delete()
            deleted += len(leaves)
            chosen -= {comment.pk for comment in leaves}
        for comment in Comment.objects.filter(pk__in=chosen).select_related("article"):
            comment.revisions.all().delete()
            comment.name = comment.email = comment.website = comment.text = ""
            comment.ip_hash = comment.ip_network = ""
            comment.status = Comment.Status.REMOVED
            comment.moderated_at = timezone.now()
            comment.save()
    return deleted, len(chosen)
