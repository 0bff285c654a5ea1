"""The check for a gone or held comment's public replies is made row by row (comments/
tombstones.py, EachRowExists): PostgreSQL must never read every reply on a story into a hash to
show one page of its threads."""

import pytest
from django.db import connection

from comments import tombstones
from comments.models import Comment
from comments.threads import read_counts, thread_page
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_a_page_of_threads_never_hashes_the_stories_replies():
    article = ArticleFactory()
    for _ in range(30):
        top = CommentFactory(article=article)
        CommentFactory(article=article, parent=top)
    CommentFactory(article=article, parent=CommentFactory(article=article, removed=True))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As on a big story: the planner expects many rows, so a hash looks cheap to it.
            cursor.execute("SET LOCAL cpu_operator_cost = 1")
    top_level = tombstones.shown_top_level(article.pk).order_by("created_at", "pk")[:10]
    plan = plan_of(top_level.values_list("pk", flat=True))
    assert "hashed" not in plan.lower()
    # The page's threads, read with the gone comments that may stand above a public reply.
    threads = Comment.objects.filter(thread__in=[1, 2, 3]).filter(tombstones.may_leave_one(article))
    assert "hashed" not in plan_of(threads).lower()
    threads = thread_page(article, read_counts(article), 1).threads
    assert [comment.tombstone for comment in threads] == [None] * 30 + ["removed"]
