import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from comments.models import Comment
from tests import query_budgets
from tests.factories import ArticleFactory, CommentFactory
from tests.html import assert_has_element, assert_in_html, find, find_all, one, parse

pytestmark = pytest.mark.django_db


def comment_ids(html):
    comments = find_all(html, "article", class_="comment", id=re.compile(r"comment-\d+"))
    return [int(comment["id"].removeprefix("comment-")) for comment in comments]


def test_only_approved_comments_are_shown_and_counted(client):
    article = ArticleFactory()
    shown = CommentFactory(article=article, text="Approved words")
    for trait in ("pending", "spam", "removed"):
        CommentFactory(article=article, text=f"Hidden {trait} words", **{trait: True})
    html = client.get(article.get_absolute_url()).content.decode()
    assert_in_html('<h2 id="comments-heading">1 comment</h2>', html)
    assert "Approved words" in html
    assert "Hidden" not in html
    assert comment_ids(html) == [shown.pk]


def test_comments_are_listed_oldest_first(client):
    article = ArticleFactory()
    now = timezone.now()
    newer = CommentFactory(article=article, created_at=now - timedelta(minutes=1))
    older = CommentFactory(article=article, created_at=now - timedelta(hours=1))
    html = client.get(article.get_absolute_url()).content.decode()
    assert comment_ids(html) == [older.pk, newer.pk]
    assert "2 comments" in html


def test_replies_are_nested_under_their_parent(client):
    article = ArticleFactory()
    first = CommentFactory(article=article)
    second = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=first)
    reply_to_reply = CommentFactory(article=article, parent=reply)
    html = client.get(article.get_absolute_url()).content.decode()
    assert comment_ids(html) == [first.pk, reply.pk, reply_to_reply.pk, second.pk]
    first_item = one(html, "article", id=f"comment-{first.pk}").parent
    assert len(first_item.find_all("ol", class_="comment-replies")) == 2
    assert "4 comments" in html


def test_a_comment_held_again_leaves_a_placeholder_and_its_replies_stay_public(client):
    # A removed comment leaves a tombstone instead (test_comments_tombstones.py).
    article = ArticleFactory()
    parent = CommentFactory(article=article, name="Held Author", text="Words under review")
    reply = CommentFactory(article=article, parent=parent, text="Kept reply")
    grandchild = CommentFactory(article=article, parent=reply, text="Kept grandchild")
    Comment.objects.filter(pk=parent.pk).moderate(Comment.Status.PENDING)

    html = client.get(article.get_absolute_url()).content.decode()
    assert comment_ids(html) == [reply.pk, grandchild.pk]
    assert_has_element(html, "p", class_="comment-tombstone", id=f"comment-{parent.pk}")
    assert "This comment is waiting for a moderator." in html
    assert "Held Author" not in html and "Words under review" not in html
    assert "Kept reply" in html and "Kept grandchild" in html
    assert "2 comments" in html
    # The reply's own address, the one its notification mail carries, still finds it.
    response = client.get(reverse("comments:permalink", args=[reply.pk]))
    assert response.status_code == 302 and f"#comment-{reply.pk}" in response["Location"]

    Comment.objects.filter(pk=parent.pk).moderate(Comment.Status.APPROVED)
    html = client.get(article.get_absolute_url()).content.decode()
    assert comment_ids(html) == [parent.pk, reply.pk, grandchild.pk]
    assert "waiting for a moderator" not in html


def test_a_held_comment_without_public_replies_leaves_nothing(client):
    article = ArticleFactory()
    held = CommentFactory(article=article, pending=True, text="Not yet")
    CommentFactory(article=article, parent=held, pending=True, text="Nor this")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Not yet" not in html and "waiting for a moderator" not in html
    assert "No comments yet." in html


def test_each_comment_shows_name_date_and_text_with_a_nofollow_website_link(client):
    article = ArticleFactory()
    with_site = CommentFactory(
        article=article, name="Kim", website="https://kim.example.net/", text="Nice piece."
    )
    CommentFactory(article=article, name="Lee", website="")
    html = client.get(article.get_absolute_url()).content.decode()
    assert_in_html('<a href="https://kim.example.net/" rel="nofollow ugc">Kim</a>', html)
    assert_in_html('<span class="comment-author">Lee</span>', html)
    local = timezone.localtime(with_site.created_at)
    assert_has_element(html, "time", datetime=local.isoformat())
    assert_in_html("<p>Nice piece.</p>", html)


def test_comment_text_gets_paragraphs_and_safe_links(client):
    comment = CommentFactory(
        text="First para.\nSame para.\n\nSee https://example.org/report?a=1&b=2 for more."
    )
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert_in_html("<p>First para.<br>Same para.</p>", html)
    assert_in_html(
        '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.org/report?a=1&amp;b=2</a>",
        html,
    )


def test_javascript_and_other_schemes_in_comment_text_are_never_linked(client):
    comment = CommentFactory(text="javascript:alert(1) data:text/html,x mailto:a@b.example")
    html = client.get(comment.article.get_absolute_url()).content.decode()
    page = parse(html)
    elements = list(page.iter())
    comments = page.one(id="comments")
    hrefs = [element.get("href") or "" for element in elements[elements.index(comments) :]]
    assert not [href for href in hrefs if href.startswith(("javascript", "data", "mailto"))]
    assert "javascript:alert(1)" in comments.text


def test_no_comments_shows_an_invitation(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "No comments yet." in html and "Leave a Response" in html


def test_story_closed_by_its_editor_shows_a_notice_instead_of_the_form(client):
    article = ArticleFactory(comments_open=False)
    CommentFactory(article=article, text="Still visible")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed for this story." in html
    assert "Still visible" in html
    assert find(html, class_="comment-form") is None and "data-reply-to" not in html


def test_story_closes_automatically_after_the_configured_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=15))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=13))
    assert "Comments are closed" in client.get(old.get_absolute_url()).content.decode()
    recent_html = client.get(recent.get_absolute_url()).content.decode()
    assert_has_element(recent_html, class_="comment-form")
    closing_day = timezone.localtime(recent.published_at + timedelta(days=14))
    assert f"Comments on this story close on {closing_day:%-d %B %Y}." in recent_html
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    assert_has_element(client.get(old.get_absolute_url()).content.decode(), class_="comment-form")


def test_staff_preview_of_a_draft_has_no_comment_form(staff_client):
    article = ArticleFactory(draft=True)
    html = staff_client.get(article.get_absolute_url()).content.decode()
    assert "Comments open when the story is published." in html
    assert find(html, class_="comment-form") is None


def test_long_threads_are_paginated_by_top_level_comment(client, settings):
    settings.COMMENTS_PER_PAGE = 3
    article = ArticleFactory()
    start = timezone.now() - timedelta(days=1)
    roots = [
        CommentFactory(article=article, created_at=start + timedelta(minutes=i)) for i in range(7)
    ]
    late_reply = CommentFactory(article=article, parent=roots[0])
    first = client.get(article.get_absolute_url()).content.decode()
    assert comment_ids(first) == [roots[0].pk, late_reply.pk, roots[1].pk, roots[2].pk]
    assert "8 comments" in first and "Page 1 of 3" in first
    assert_has_element(first, href=f"{article.get_absolute_url()}?comments=2#comments", rel="next")
    third = client.get(article.get_absolute_url(), {"comments": 3}).content.decode()
    assert comment_ids(third) == [roots[6].pk]
    assert find(third, rel="prev") is not None and find(third, rel="next") is None


@pytest.mark.parametrize(("value", "expected_page"), [("0", 1), ("x", 1), ("99", 2), ("-3", 1)])
def test_out_of_range_comment_page_falls_back_to_a_real_page(
    client, settings, value, expected_page
):
    settings.COMMENTS_PER_PAGE = 1
    article = ArticleFactory()
    CommentFactory.create_batch(2, article=article)
    response = client.get(article.get_absolute_url(), {"comments": value})
    assert response.status_code == 200
    assert f"Page {expected_page} of 2" in response.content.decode()


def test_every_comment_has_a_permalink_that_finds_its_page(client, settings):
    settings.COMMENTS_PER_PAGE = 2
    article = ArticleFactory()
    start = timezone.now() - timedelta(days=1)
    roots = [
        CommentFactory(article=article, created_at=start + timedelta(minutes=i)) for i in range(5)
    ]
    reply = CommentFactory(article=article, parent=roots[3])
    url = article.get_absolute_url()
    assert client.get(roots[0].get_absolute_url())["Location"] == f"{url}#comment-{roots[0].pk}"
    assert (
        client.get(reply.get_absolute_url())["Location"] == f"{url}?comments=2#comment-{reply.pk}"
    )
    target = client.get(roots[4].get_absolute_url(), follow=True)
    assert roots[4].pk in comment_ids(target.content.decode())
    html = client.get(url).content.decode()
    assert_has_element(html, href=f"/comments/{roots[0].pk}/")


def test_permalink_of_a_hidden_comment_or_unpublished_story_is_404(client):
    pending = CommentFactory(pending=True)
    on_draft = CommentFactory(article=ArticleFactory(draft=True))
    assert client.get(pending.get_absolute_url()).status_code == 404
    assert client.get(on_draft.get_absolute_url()).status_code == 404
    assert client.get("/comments/999999/").status_code == 404


def add_comments(article, count):
    """`count` approved comments, half of them replies, so the page has real threads."""
    roots = CommentFactory.create_batch((count + 1) // 2, article=article)
    for root in roots[: count - len(roots)]:
        CommentFactory(article=article, parent=root)


@pytest.mark.parametrize(("count", "shown"), [(5, 5), (200, 100)])
def test_article_page_stays_within_its_query_budget(
    client, settings, django_assert_max_num_queries, count, shown
):
    settings.COMMENTS_PER_PAGE = 50  # 200 comments: 100 threads, the first 50 on page one
    article = ArticleFactory(with_image=True)
    add_comments(article, count)
    with django_assert_max_num_queries(query_budgets.STORY):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert f"{count} comments" in response.content.decode()
    assert len(comment_ids(response.content.decode())) == shown


def test_article_page_runs_the_same_queries_at_5_and_200_comments(client):
    article = ArticleFactory()
    add_comments(article, 5)
    with CaptureQueriesContext(connection) as few:
        client.get(article.get_absolute_url())
    add_comments(article, 195)
    caches["pages"].clear()  # both renders start cold
    with CaptureQueriesContext(connection) as many:
        assert "200 comments" in client.get(article.get_absolute_url()).content.decode()
    assert len(many) == len(few) <= query_budgets.STORY


def test_comments_cost_one_query_without_comments_and_three_with(client):
    article = ArticleFactory()
    with CaptureQueriesContext(connection) as empty:
        client.get(article.get_absolute_url())
    CommentFactory(article=article)
    caches["pages"].clear()  # both renders start cold
    with CaptureQueriesContext(connection) as one:
        client.get(article.get_absolute_url())
    comment_queries = [q for q in one.captured_queries if "comments_comment" in q["sql"]]
    assert len(comment_queries) == 3  # the counts, the page's top-level comments, their threads
    assert len(one) == len(empty) + 2


def test_a_page_of_threads_reads_only_its_own_comments(client, settings):
    settings.COMMENTS_PER_PAGE = 2
    article = ArticleFactory()
    add_comments(article, 12)  # six threads, each with a reply: three pages
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url()).content.decode()
    assert len(comment_ids(html)) == 4
    (threads,) = [q["sql"] for q in queries.captured_queries if '"thread_id" IN (' in q["sql"]]
    # The rows read are named by the page's two top-level comments, not the story's twelve.
    first_two = Comment.objects.filter(article=article, parent=None).order_by("pk")[:2]
    named = re.search(r'"thread_id" IN \(([^)]*)\)', threads).group(1)
    assert {int(pk) for pk in named.split(",")} == {c.pk for c in first_two}


@pytest.mark.parametrize(
    "language, reply, report",
    [
        ("en", "Reply to {}", "Report the comment by {}"),
        ("de", "Antworten an {}", "Melden: Kommentar von {}"),
    ],
)
def test_each_comment_links_reply_and_report_naming_the_commenter_escaped(
    client, language, reply, report
):
    # The labels are translated once per page and the name put in afterwards: it must still be
    # escaped, in every language, and each link must name its own comment.
    article = ArticleFactory()
    name = '<b>Eve</b> & "Co"'
    first = CommentFactory(article=article, name=name)
    second = CommentFactory(article=article, name="Kim")
    with translation.override(language):
        address = article.get_absolute_url()
        report_addresses = [reverse("comments:report", args=[c.pk]) for c in (first, second)]
    html = client.get(address).content.decode()
    assert "<b>Eve</b>" not in html
    replies = find_all(html, "a", class_="comment-reply")
    reports = find_all(html, "a", class_="comment-report")
    assert [link.text for link in replies] == [reply.format(name), reply.format("Kim")]
    assert [link.text for link in reports] == [report.format(name), report.format("Kim")]
    assert [link["href"] for link in replies] == [
        f"{address}?replyto={comment.pk}#respond" for comment in (first, second)
    ]
    assert [link["href"] for link in reports] == report_addresses
