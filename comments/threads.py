"""A story's comments as readers see them: threads, a page at a time, in two queries.

Threads are paginated by their top-level comment (`COMMENTS_PER_PAGE` threads a page, oldest
first), and a page always carries its threads whole. One light query reads where every approved
comment sits (its id and parent), and every gone comment that may leave a tombstone
(tombstones.py); which of them readers see (public comments, and the tombstones above them),
the counts and the page's threads are worked out from that here, which costs less than asking
the database with a self-join per level; comments/templating.py keeps that shape
until the story's comments change. A second query fetches the page's comments themselves, only
when they are rendered: a kept rendering of the threads needs none.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from . import tombstones
from .models import Comment

PAGE_PARAMETER = "comments"
REPLY_PARAMETER = "replyto"
# What a public page needs from a row; the email and client trace are never even loaded.
PUBLIC_FIELDS = (
    "id", "article_id", "parent_id", "thread_id", "depth", "name", "website", "text_html",
    "created_at", "edited_at", "by_staff",
)  # fmt: skip


def parse_page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def read_shape(article):
    """The shape of `article`'s threads as readers see them, read in one query:
    ({shown comment id: its top-level comment's id}, top-level ids oldest first,
    {tombstone id: its kind}). Shown are the public comments and the tombstones above them."""
    rows = (
        Comment.objects.filter(article=article)
        .filter(tombstones.may_leave_one(article))
        .order_by("created_at", "pk")
        .values_list("pk", "parent_id", "status", "deleted_at")
    )
    parents, gone = {}, {}
    for pk, parent, status, deleted_at in rows:
        parents[pk] = parent
        kind = tombstones.kind_of(status, deleted_at)
        if kind is not None:
            gone[pk] = kind
    roots = {}

    def root_of(pk):
        # None when a comment up the chain is not read (held, or gone with nothing public
        # below it, which cannot be above a public comment).
        if pk not in roots:
            parent = parents.get(pk, 0)
            roots[pk] = pk if parent is None else (root_of(parent) if parent else None)
        return roots[pk]

    shown = {}
    for pk in parents:
        if pk in gone or root_of(pk) is None:
            continue
        # A public comment, and every tombstone above it.
        ancestor = pk
        while ancestor is not None and ancestor not in shown:
            shown[ancestor] = roots[pk]
            ancestor = parents[ancestor]
    shown = {pk: shown[pk] for pk in parents if pk in shown}
    standing = {pk: kind for pk, kind in gone.items() if pk in shown}
    return shown, [pk for pk, parent in parents.items() if parent is None and pk in shown], standing


def is_shape(value):
    """Whether `value` is what read_shape() returns (a kept copy of one comes from a store that
    may be shared and hold anything)."""
    if not (isinstance(value, tuple) and len(value) == 3):
        return False
    shown, roots, standing = value
    return (
        isinstance(shown, dict)
        and isinstance(roots, list)
        and isinstance(standing, dict)
        and all(type(pk) is int and type(root) is int for pk, root in shown.items())
        and all(type(pk) is int for pk in roots)
        and all(type(pk) is int and kind in tombstones.TEXTS for pk, kind in standing.items())
    )


def _assemble(comment_ids, standing):
    """The comments with these ids as top-level threads, each with `children` nested; those
    in `standing` ({id: kind}) as tombstones. Returns (threads, {id: public comment})."""
    rows = Comment.objects.filter(pk__in=comment_ids).only(*PUBLIC_FIELDS)
    by_id = {}
    for comment in rows.order_by("created_at", "pk"):
        comment.children = []
        if comment.pk in standing:
            tombstones.bury(comment, standing[comment.pk])
        else:
            comment.tombstone = None
        by_id[comment.pk] = comment
    threads = []
    for comment in by_id.values():
        if comment.parent_id is None:
            threads.append(comment)
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].children.append(comment)
    # Tombstones can be neither answered nor edited: the page's comments are the public ones.
    return threads, {pk: c for pk, c in by_id.items() if c.tombstone is None}


def thread_page(shape, number):
    """Page `number` (clamped into range) of the threads whose shape read_shape() gave, replies
    nested.

    A Django Page, plus `total` (public comments), `threads` (this page's top-level comments
    and tombstones, each with `children`) and `comments_by_id` (its public comments); the last
    two are fetched on first use.
    """
    per_page = settings.COMMENTS_PER_PAGE
    shown, roots, standing = shape
    paginator = Paginator(roots, per_page)
    page = paginator.get_page(parse_page_number(number))
    page.total = len(shown) - len(standing)
    on_page = set(page.object_list)
    ids = [pk for pk, root in shown.items() if root in on_page]
    loaded = SimpleLazyObject(lambda: _assemble(ids, standing) if ids else ([], {}))
    page.threads = SimpleLazyObject(lambda: loaded[0])
    page.comments_by_id = SimpleLazyObject(lambda: loaded[1])
    return page


def page_number_of(comment):
    """The page of its story on which `comment` (public, thread loaded) is shown."""
    root = comment.thread or comment
    earlier = tombstones.shown_top_level(comment.article_id).filter(
        Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
    )
    return earlier.count() // settings.COMMENTS_PER_PAGE + 1


def page_url(article, number, anchor="comments", reply_to=None):
    """The address of page `number` of `article`'s comments (page 1 is the story's own
    address), optionally with the form set to reply to comment `reply_to`."""
    query = []
    if reply_to is not None:
        query.append(f"{REPLY_PARAMETER}={reply_to}")
    if number > 1:
        query.append(f"{PAGE_PARAMETER}={number}")
    return f"{article.get_absolute_url()}{'?' if query else ''}{'&'.join(query)}#{anchor}"
