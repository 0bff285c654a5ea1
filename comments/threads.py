"""A story's comments as readers see them: threads, a page at a time, in two queries.

Threads are paginated by their top-level comment (`COMMENTS_PER_PAGE` threads a page, oldest
first), and a page always carries its threads whole. One query counts the public comments and
threads; a second fetches the page's top-level comments and all their replies, which are
assembled into a tree here. Neither grows with the number of comments on the story.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from .models import Comment

PAGE_PARAMETER = "comments"
# What a public page needs from a row; the email and client trace are never even loaded.
PUBLIC_FIELDS = (
    "id", "article_id", "parent_id", "thread_id", "depth", "name", "website", "text_html",
    "created_at",
)  # fmt: skip


@dataclass
class ThreadPage:
    number: int
    page_count: int
    total: int
    threads: list = field(default_factory=list)
    comments_by_id: dict = field(default_factory=dict)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.page_count

    @property
    def previous_number(self):
        return self.number - 1

    @property
    def next_number(self):
        return self.number + 1

    @property
    def is_paginated(self):
        return self.page_count > 1


def parse_page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _top_level(article):
    return Comment.objects.public().filter(article=article, parent=None)


def thread_page(article, number=1):
    """Page `number` of `article`'s public threads (clamped into range), replies nested."""
    per_page = settings.COMMENTS_PER_PAGE
    counts = (
        Comment.objects.public()
        .filter(article=article)
        .aggregate(total=Count("pk"), threads=Count("pk", filter=Q(parent=None)))
    )
    page_count = max(1, -(-counts["threads"] // per_page))
    number = min(parse_page_number(number), page_count)
    page = ThreadPage(number=number, page_count=page_count, total=counts["total"])
    if not counts["total"]:
        return page

    start = (number - 1) * per_page
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
