"""A story's comments as readers see them: threads, a page at a time, in two queries.

Threads are paginated by their top-level comment (`COMMENTS_PER_PAGE` threads a page, oldest
first), and a page always carries its threads whole. One query counts the public comments and
threads; a second fetches the page's top-level comments and all their replies, which are
assembled into a tree here. Neither grows with the number of comments on the story.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q

from .models import Comment

PAGE_PARAMETER = "comments"
# What a public page needs from a row; the email and client trace are never even loaded.
PUBLIC_FIELDS = (
    "id", "article_id", "parent_id", "thread_id", "depth", "name", "website", "text_html",
    "created_at", "edited_at",
)  # fmt: skip


def parse_page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _top_level(article):
    return Comment.objects.public().filter(article=article, parent=None)


def thread_page(article, number=1):
    """Page `number` of `article`'s public threads (clamped into range), replies nested.

    A Django Page, plus `total` (public comments), `threads` (this page's top-level comments,
    each with `children`) and `comments_by_id`.
    """
    per_page = settings.COMMENTS_PER_PAGE
    counts = (
        Comment.objects.public()
        .filter(article=article)
        .aggregate(total=Count("pk"), threads=Count("pk", filter=Q(parent=None)))
    )
    # Paginate the thread count alone: the counts above already cost their one query.
    paginator = Paginator(range(counts["threads"]), per_page)
    page = paginator.get_page(parse_page_number(number))
    page.total, page.threads, page.comments_by_id = counts["total"], [], {}
    if not counts["total"]:
        return page

    start = page.start_index() - 1
    roots = _top_level(article).order_by("created_at", "pk").values("pk")[start : start + per_page]
    rows = (
        Comment.objects.public()
        .filter(article=article)
        .filter(Q(pk__in=roots) | Q(thread__in=roots))
        .only(*PUBLIC_FIELDS)
        .order_by("created_at", "pk")
    )
    for comment in rows:
        comment.children = []
        page.comments_by_id[comment.pk] = comment
    for comment in page.comments_by_id.values():
        parent = page.comments_by_id.get(comment.parent_id)
        if comment.parent_id is None:
            page.threads.append(comment)
        elif parent is not None:
            parent.children.append(comment)
    return page


def page_number_of(comment):
    """The page of its story on which `comment` (public, thread loaded) is shown."""
    root = comment.thread or comment
    earlier = _top_level(comment.article_id).filter(
        Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
    )
    return earlier.count() // settings.COMMENTS_PER_PAGE + 1


def page_url(article, number, anchor="comments"):
    query = f"?{PAGE_PARAMETER}={number}" if number > 1 else ""
    return f"{article.get_absolute_url()}{query}#{anchor}"
