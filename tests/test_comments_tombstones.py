"""Nothing vanishes by accident: a gone comment with public replies leaves a tombstone, and the
replies keep their thread and their addresses."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment, ModerationReason
from comments.threads import read_counts, thread_page
from tests import query_budgets
from tests.factories import ArticleFactory, CommentFactory, comment_form_data, trusted_commenter
from tests.html import find, find_all

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
DELETED = "This comment was deleted."
REMOVED = "This comment was removed by a moderator."


def tombstones(html):
    return [(t["id"], t.text) for t in find_all(html, "p", class_="comment-tombstone")]


def story_html(article, client=None):
    return (client or Client()).get(article.get_absolute_url()).content.decode()


def assert_reply_keeps_its_address(reply):
    response = Client().get(reply.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reply.article.get_absolute_url())
    assert response["Location"].endswith(f"#comment-{reply.pk}")


@pytest.fixture
def thread():
    article = ArticleFactory()
    parent = CommentFactory(
        article=article,
        name="Gone Person",
        email="gone.person@example.net",
        website="https://gone.example.net/",
        text="Words that must go.",
    )
    reply = CommentFactory(article=article, parent=parent, text="A reply worth keeping.")
    return parent, reply


def test_deleting_ones_own_comment_leaves_a_tombstone_over_the_replies():
    author = Client()
    trusted_commenter(author)
    article = ArticleFactory()
    author.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, text="Second thoughts."),
    )
    mine = Comment.objects.get(text="Second thoughts.")
    reply = CommentFactory(article=article, parent=mine, text="I answer you.")

    response = author.post(reverse("comments:delete", args=[mine.pk]))

    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Comment.Status.REMOVED and mine.deleted_at is not None
    html = story_html(article)
    assert tombstones(html) == [(f"comment-{mine.pk}", DELETED)]
    assert "Second thoughts." not in html and "Robin Reader" not in html
    assert "I answer you." in html
    assert "1 comment" in html
    # The reply sits under the tombstone, in its thread.
    item = find(html, "p", id=f"comment-{mine.pk}").parent
    assert item.find("article", id=f"comment-{reply.pk}") is not None
    assert_reply_keeps_its_address(reply)


def test_removal_by_an_editor_leaves_a_tombstone(staff_client, thread):
    parent, reply = thread
    reason = ModerationReason.objects.get(code="personal-attack")
    staff_client.post(
        CHANGELIST,
        {"action": "remove", "_selected_action": [parent.pk], "post": "yes", "reason": reason.pk},
    )
    html = story_html(parent.article)
    assert tombstones(html) == [(f"comment-{parent.pk}", REMOVED)]
    assert "A reply worth keeping." in html
    for trace in ("Gone Person", "gone.person", "gone.example.net", "Words that must go."):
        assert trace not in html
    assert_reply_keeps_its_address(reply)


def test_a_comment_marked_as_spam_leaves_a_tombstone(thread):
    parent, reply = thread
    Comment.objects.filter(pk=parent.pk).moderate(Comment.Status.SPAM)
    html = story_html(parent.article)
    assert tombstones(html) == [(f"comment-{parent.pk}", REMOVED)]
    assert "Words that must go." not in html and "A reply worth keeping." in html
    assert_reply_keeps_its_address(reply)


def test_deleting_a_comment_in_the_admin_empties_it_but_keeps_the_replies(staff_client, thread):
    parent, reply = thread
    lone = CommentFactory(article=parent.article, text="Nobody answered this.")
    change_page = reverse("admin:comments_comment_delete", args=[parent.pk])

    confirm = staff_client.get(change_page).content.decode()
    assert str(reply) not in confirm  # the reply is not listed as going with it

    assert staff_client.post(change_page, {"post": "yes"}).status_code == 302
    staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [lone.pk], "post": "yes"}
    )

    assert not Comment.objects.filter(pk=lone.pk).exists()
    parent.refresh_from_db()
    assert (parent.name, parent.email, parent.website, parent.text) == ("", "", "", "")
    assert parent.status == Comment.Status.REMOVED and not parent.revisions.exists()
    html = story_html(parent.article)
    assert tombstones(html) == [(f"comment-{parent.pk}", REMOVED)]
    assert "A reply worth keeping." in html and "Nobody answered this." not in html
    assert_reply_keeps_its_address(reply)


def test_deleting_a_comment_with_its_replies_in_the_admin_deletes_them_all(staff_client, thread):
    parent, reply = thread
    answer = CommentFactory(article=parent.article, parent=reply)
    other = CommentFactory(article=parent.article, parent=parent, text="Not chosen.")
    staff_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [parent.pk, reply.pk, answer.pk],
            "post": "yes",
        },
    )
    # The chosen reply and its answer go; the parent keeps a reply nobody chose, so it stays.
    assert set(Comment.objects.values_list("pk", flat=True)) == {parent.pk, other.pk}
    assert_reply_keeps_its_address(other)
    other.delete()
    staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [parent.pk], "post": "yes"}
    )
    assert not Comment.objects.exists()


def test_a_gone_comment_without_public_replies_leaves_nothing():
    article = ArticleFactory()
    lonely = CommentFactory(article=article, removed=True)
    CommentFactory(article=article, parent=lonely, pending=True, text="Still waiting.")
    spam = CommentFactory(article=article, spam=True)
    CommentFactory(article=article, parent=spam, removed=True)
    html = story_html(article)
    assert tombstones(html) == []
    assert "No comments yet." in html
    assert "Still waiting." not in html


def test_tombstones_stack_above_a_public_reply_deep_in_the_thread():
    article = ArticleFactory()
    top = CommentFactory(article=article)
    middle = CommentFactory(article=article, parent=top)
    deep = CommentFactory(article=article, parent=middle, text="Deep and public.")
    Comment.objects.filter(pk=top.pk).update(status=Comment.Status.SPAM)
    Comment.objects.filter(pk=middle.pk).moderate(Comment.Status.REMOVED)
    html = story_html(article)
    assert [pk for pk, _text in tombstones(html)] == [f"comment-{top.pk}", f"comment-{middle.pk}"]
    assert "Deep and public." in html
    assert_reply_keeps_its_address(deep)


def test_a_tombstone_cannot_be_answered():
    article = ArticleFactory()
    gone = CommentFactory(article=article, removed=True)
    CommentFactory(article=article, parent=gone)
    html = Client().get(f"{article.get_absolute_url()}?replyto={gone.pk}").content.decode()
    assert find(html, "input", name="parent", value=str(gone.pk)) is None
    assert find(html, "a", data_reply_to=str(gone.pk)) is None
    response = Client().post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, parent=str(gone.pk)),
    )
    assert not Comment.objects.filter(parent=gone, name="Robin Reader").exists()
    assert response.status_code == 400


def test_the_permanent_link_counts_threads_under_tombstones_for_its_page(settings):
    settings.COMMENTS_PER_PAGE = 2
    article = ArticleFactory()
    first = CommentFactory(article=article, removed=True)
    CommentFactory(article=article, parent=first)
    CommentFactory(article=article, spam=True)  # no replies: takes no place
    CommentFactory(article=article)
    third = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=third)
    response = Client().get(reply.get_absolute_url())
    assert response["Location"] == f"{article.get_absolute_url()}?comments=2#comment-{reply.pk}"
    page_two = Client().get(f"{article.get_absolute_url()}?comments=2").content.decode()
    assert f'id="comment-{reply.pk}"' in page_two


def test_tombstones_cost_no_extra_query():
    article = ArticleFactory()
    for _ in range(3):
        CommentFactory(article=article, parent=CommentFactory(article=article))
    with CaptureQueriesContext(connection) as plain:
        story_html(article)
    for parent in Comment.objects.filter(article=article, parent=None)[:2]:
        Comment.objects.filter(pk=parent.pk).moderate(Comment.Status.REMOVED)
    caches["pages"].clear()  # both renders start cold
    with CaptureQueriesContext(connection) as with_tombstones:
        html = story_html(article)
    assert len(tombstones(html)) == 2
    assert len(with_tombstones) == len(plain) <= query_budgets.STORY


def test_a_page_of_threads_looks_for_replies_on_its_own_story_only(story):
    # Over the whole table PostgreSQL hashed every reply on the site to draw one story
    # (200,000 rows at 10,000 stories); the replies that matter are the story's own.
    CommentFactory(article=story, parent=CommentFactory(article=story))
    with CaptureQueriesContext(connection) as queries:
        page = thread_page(story, read_counts(story), 1)
        assert len(page.threads) == 1
    sqls = [query["sql"] for query in queries.captured_queries if "EXISTS" in query["sql"]]
    assert len(sqls) == 3  # the counts, the page's top-level comments, their threads
    for sql in sqls:
        assert f'U0."article_id" = {story.pk}' in sql[sql.index("EXISTS") :]
