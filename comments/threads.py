"""A story's comments as readers see them: threads, a page at a time.

Threads are paginated by their top-level comment (`COMMENTS_PER_PAGE` threads a page, oldest
first), and a page always carries its threads whole. What a page costs is bounded by the page,
not by the story: one query counts the threads readers see and the public comments (which
comments/templating.py keeps until the story's comments change); only when the page's threads
are drawn are its top-level comments read, then their threads, and which of a thread's gone or
held comments stay as tombstones (those above a public reply) is worked out from those rows.
A kept drawing of the threads needs neither.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from markupsafe import Markup

from newsroom.addresses import url_for_ids
from newsroom.templating import date_in_place

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


def read_counts(article):
    """(the threads readers see, the public comments) under `article`, in one query."""
    counts = Comment.objects.filter(article=article).aggregate(
        threads=Count("pk", filter=tombstones.shows_a_thread(article.pk)),
        public=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
    )
    return counts["threads"], counts["public"]


def is_counts(value):
    """Whether `value` is what read_counts() returns (a kept copy comes from a store that may be
    shared and hold anything)."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(type(count) is int and count >= 0 for count in value)
    )


def _up_to_shown(comment, by_id, shown):
    """The ids of `comment` and the comments above it, up to one already `shown` or the top:
    a public comment is shown with every comment above it (public ones and tombstones)."""
    chain = []
    while comment.pk not in shown:
        chain.append(comment.pk)
        if comment.parent_id is None:
            break
        comment = by_id.get(comment.parent_id)
        if comment is None:
            # A comment above it was not read (its thread changed under the query): showing
            # the reply out of place would be worse than leaving it for the next reader.
            return []
    return chain


def _assemble(article, top_level):
    """The threads under the `top_level` comment ids (oldest first), each comment with its
    `children`, the gone and held ones above a public reply as tombstones.
    Returns (threads, {id: public comment})."""
    rows = (
        Comment.objects.filter(Q(pk__in=top_level) | Q(thread__in=top_level))
        .filter(tombstones.may_leave_one(article))
        .only(*PUBLIC_FIELDS, "status", "deleted_at")
        .order_by("created_at", "pk")
    )
    by_id = {comment.pk: comment for comment in rows}
    shown = set()
    for comment in by_id.values():
        if comment.status == Comment.Status.APPROVED:
            shown.update(_up_to_shown(comment, by_id, shown))
    threads, public = [], {}
    for comment in by_id.values():
        if comment.pk not in shown:
            continue
        comment.children = []
        kind = tombstones.kind_of(comment.status, comment.deleted_at)
        if kind is None:
            comment.tombstone = None
            public[comment.pk] = comment
        else:
            tombstones.bury(comment, kind)
        if comment.parent_id is None:
            threads.append(comment)
        else:
            by_id[comment.parent_id].children.append(comment)
    return threads, public


def thread_page(article, counts, number):
    """Page `number` (clamped into range) of `article`'s threads, whose counts read_counts()
    gave, replies nested.

    A Django Page, plus `total` (public comments), `threads` (this page's top-level comments
    and tombstones, each with `children`) and `comments_by_id` (its public comments); the last
    two are read on first use.
    """
    threads_count, public_count = counts
    top_level = (
        tombstones.shown_top_level(article.pk)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    paginator = Paginator(top_level, settings.COMMENTS_PER_PAGE)
    paginator.count = threads_count  # counted already: no COUNT query of its own
    page = paginator.get_page(parse_page_number(number))
    page.total = public_count
    loaded = SimpleLazyObject(
        lambda: _assemble(article, list(page.object_list)) if threads_count else ([], {})
    )
    page.threads = SimpleLazyObject(lambda: loaded[0])
    page.comments_by_id = SimpleLazyObject(lambda: loaded[1])
    return page


def drawing_values(article, number):
    """What comments/threads.html shows under every comment of page `number`, each looked up
    once for the page: looking up the permalink, reply and report addresses, the date formats
    and the links' labels for each comment was most of the cost of drawing 76 comments. The
    name goes into a label through Markup's %, which escapes it. Only a page being drawn needs
    them (a kept drawing does not)."""
    return {
        "comment_url": url_for_ids("comments:permalink"),
        "report_url": url_for_ids("comments:report"),
        "reply_url": reply_urls(article, number),
        "comment_date": date_in_place(),
        "reply_label": Markup(gettext('Reply<span class="visually-hidden"> to %(name)s</span>')),
        "report_label": Markup(
            gettext('Report<span class="visually-hidden"> the comment by %(name)s</span>')
        ),
    }


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
    return _page_address(article.get_absolute_url(), number, anchor, reply_to)


def reply_urls(article, number):
    """A function of a comment id giving page_url(article, number, "respond", id), the story's
    address looked up once for a page that has a reply link under every comment."""
    address = article.get_absolute_url()
    return lambda reply_to: _page_address(address, number, "respond", reply_to)


def _page_address(address, number, anchor, reply_to):
    query = []
    if reply_to is not None:
        query.append(f"{REPLY_PARAMETER}={reply_to}")
    if number > 1:
        query.append(f"{PAGE_PARAMETER}={number}")
    return f"{address}{'?' if query else ''}{'&'.join(query)}#{anchor}"
