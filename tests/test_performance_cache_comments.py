"""The page cache and comments: approved comments show at once, and the comment form on a cached
page is as safe as a freshly rendered one."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.spam import read_form_token
from tests.cached_pages import cache_pages, page
from tests.factories import ArticleFactory, CommentFactory, comment_form_data, prove_address
from tests.html import find, one

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_commenter():
    """A commenter with an approved comment elsewhere, so their next post is published at once."""
    return CommentFactory(email="robin@example.net").email


def test_a_comment_published_on_posting_is_on_the_cached_story_page(story, known_commenter):
    url = story.get_absolute_url()
    cache_pages(url)
    poster = Client()
    prove_address(poster, known_commenter)
    data = comment_form_data(story, text="The ferry timetable is wrong.", email=known_commenter)
    response = poster.post(reverse("comments:post", args=[story.pk]), data)
    assert Comment.objects.get(article=story).status == Comment.Status.APPROVED
    assert "The ferry timetable is wrong." in page(poster, response["Location"])
    assert "The ferry timetable is wrong." in page(Client(), url)


def test_approving_comments_in_bulk_shows_them_on_the_cached_story_page(story):
    CommentFactory(article=story, text="Held for a look first.", pending=True)
    cache_pages(story.get_absolute_url())
    assert "Held for a look first." not in page(Client(), story.get_absolute_url())
    Comment.objects.filter(article=story).moderate(Comment.Status.APPROVED)
    assert "Held for a look first." in page(Client(), story.get_absolute_url())


def test_approving_one_comment_shows_it_on_the_cached_story_page(story):
    comment = CommentFactory(article=story, text="Held for a look first.", pending=True)
    cache_pages(story.get_absolute_url())
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "Held for a look first." in page(Client(), story.get_absolute_url())


def test_removing_a_comment_takes_it_off_the_cached_story_page(story):
    comment = CommentFactory(article=story, text="Something libellous.")
    cache_pages(story.get_absolute_url(), f"{story.get_absolute_url()}?comments=1")
    Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.REMOVED)
    assert "Something libellous." not in page(Client(), story.get_absolute_url())
    comment.delete()
    assert "Something libellous." not in page(Client(), f"{story.get_absolute_url()}?comments=1")


def test_a_comment_on_one_story_leaves_other_cached_pages_alone(story, known_commenter):
    other = ArticleFactory()
    cache_pages("/", other.get_absolute_url())
    CommentFactory(article=story)
    with CaptureQueriesContext(connection) as queries:
        page(Client(), other.get_absolute_url())
        page(Client(), "/")
    assert len(queries) == 2


def test_the_comment_form_on_a_cached_page_carries_the_time_each_reader_got_it(story, monkeypatch):
    cache_pages(story.get_absolute_url())
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    html = page(Client(), story.get_absolute_url())
    token = one(html, "input", type="hidden", name="token")["value"]
    assert read_form_token(token, story.pk) == int(later)


def test_a_cached_story_page_loses_its_form_when_comments_close(story, settings, monkeypatch):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 1
    cache_pages(story.get_absolute_url())
    assert find(page(Client(), story.get_absolute_url()), class_="comment-form") is not None
    later = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert find(page(Client(), story.get_absolute_url()), class_="comment-form") is None


def test_a_reader_outside_the_page_cache_sees_an_approved_comment_at_once(staff_client, story):
    comment = CommentFactory(article=story, text="Held for a look first.", pending=True)
    CommentFactory(article=story, text="Already public.")
    for _ in range(2):  # the second view uses the cached comment threads
        html = page(staff_client, story.get_absolute_url())
        assert "Already public." in html and "Held for a look first." not in html
    Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.APPROVED)
    assert "Held for a look first." in page(staff_client, story.get_absolute_url())


def test_comment_threads_are_rendered_once_for_every_reader_outside_the_page_cache(
    staff_client, story
):
    CommentFactory(article=story, text="Already public.")
    page(staff_client, story.get_absolute_url())
    # Changed behind Django's back: a reader only sees it if the threads are rendered again.
    Comment.objects.filter(article=story).update(text_html="<p>Rewritten in the database.</p>")
    html = page(staff_client, story.get_absolute_url())
    assert "Already public." in html and "Rewritten in the database." not in html
