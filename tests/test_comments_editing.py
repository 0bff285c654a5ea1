"""An author edits or deletes their comment, from the browser that posted it, for a while."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import editing
from comments.models import Comment, CommentRevision
from tests.cached_pages import page
from tests.factories import (
    ArticleFactory,
    BlockedWordFactory,
    comment_form_data,
    signed_cookie,
    trusted_commenter,
)
from tests.html import assert_has_element, find

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    client = Client()
    trusted_commenter(client)
    return client


@pytest.fixture
def posted(author):
    article = ArticleFactory()
    author.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, text="Orignal wording."),
    )
    return Comment.objects.get(text="Orignal wording.")


def edit(client, comment, text):
    return client.post(reverse("comments:edit", args=[comment.pk]), {"text": text})


def test_the_author_sees_the_controls_and_until_when(author, posted):
    html = page(author, posted.article.get_absolute_url())
    assert reverse("comments:edit", args=[posted.pk]) in html
    until = timezone.localtime(posted.created_at + timedelta(minutes=15))
    assert until.strftime("%H:%M") in html


def test_no_other_reader_sees_the_controls(author, posted):
    html = page(Client(), posted.article.get_absolute_url())
    assert reverse("comments:edit", args=[posted.pk]) not in html
    assert "Orignal wording." in html


def test_editing_inside_the_window_keeps_the_old_text_and_shows_edited(author, posted):
    response = edit(author, posted, "Original wording.")
    assert response.status_code == 302
    posted.refresh_from_db()
    assert posted.text == "Original wording." and posted.edited_at is not None
    assert posted.status == Comment.Status.APPROVED
    assert list(CommentRevision.objects.values_list("text", flat=True)) == ["Orignal wording."]
    html = page(Client(), posted.article.get_absolute_url())
    assert "Original wording." in html and find(html, text="edited") is not None


def test_the_edit_form_works_without_javascript(author, posted):
    html = author.get(reverse("comments:edit", args=[posted.pk])).content.decode()
    assert_has_element(html, "form", class_="comment-form", method="post")
    assert "Orignal wording." in html


def test_editing_after_the_window_is_refused(author, posted):
    Comment.objects.filter(pk=posted.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    assert edit(author, posted, "Too late.").status_code == 403
    assert Comment.objects.get(pk=posted.pk).text == "Orignal wording."


def test_another_browser_cannot_edit_or_delete(posted):
    other = Client()
    assert edit(other, posted, "Not mine.").status_code == 403
    assert other.post(reverse("comments:delete", args=[posted.pk])).status_code == 403
    posted.refresh_from_db()
    assert posted.text == "Orignal wording." and posted.status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "cookie",
    [
        lambda pk: signed_cookie(editing.COOKIE_NAME, [pk], "another-salt"),
        lambda pk: "forged",
        lambda pk: signed_cookie(editing.COOKIE_NAME, [pk], editing.COOKIE_SALT) + "x",
        lambda pk: "x" * 5000,
        # The format before Django's signed cookies (signing.dumps) is no longer read.
        lambda pk: signing.dumps([pk], salt=editing.COOKIE_SALT),
    ],
)
def test_a_forged_capability_is_refused(posted, cookie):
    mallory = Client()
    mallory.cookies[editing.COOKIE_NAME] = cookie(posted.pk)
    assert edit(mallory, posted, "Forged.").status_code == 403
    assert Comment.objects.get(pk=posted.pk).text == "Orignal wording."


def test_a_capability_for_one_comment_does_not_open_another(author, posted):
    other = Comment.objects.exclude(pk=posted.pk).get()
    assert edit(author, other, "Hijacked.").status_code == 403


def test_deleting_removes_the_comment_from_the_site(author, posted):
    confirm_page = author.get(reverse("comments:delete", args=[posted.pk]))
    assert "Delete my comment" in confirm_page.content.decode()
    response = author.post(reverse("comments:delete", args=[posted.pk]))
    assert response.status_code == 302
    posted.refresh_from_db()
    assert posted.status == Comment.Status.REMOVED
    assert posted.held_reason == editing.DELETED_REASON
    assert "Orignal wording." not in page(Client(), posted.article.get_absolute_url())


def test_an_edit_that_adds_links_goes_back_to_moderation(author, posted, settings):
    settings.COMMENTS_MAX_LINKS = 5
    edit(author, posted, "Orignal wording. See https://example.com")
    posted.refresh_from_db()
    assert posted.status == Comment.Status.PENDING
    assert "edit_added_links:before=0&after=1" in posted.held_reason


def test_an_edit_that_adds_a_spam_word_goes_to_spam(author, posted):
    BlockedWordFactory(phrase="casino", action="spam")
    edit(author, posted, "Orignal wording. Best casino.")
    posted.refresh_from_db()
    assert posted.status == Comment.Status.SPAM


def test_the_author_cookie_makes_pages_personal(author, posted):
    response = author.get(posted.article.get_absolute_url())
    assert "private" in response["Cache-Control"]


def test_the_author_cookie_is_short_lived_http_only_and_necessary(posted):
    client = Client()
    article = posted.article
    response = client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, text="Cookie.")
    )
    morsel = response.cookies[editing.COOKIE_NAME]
    assert morsel["max-age"] == 15 * 60 and morsel["httponly"] and morsel["samesite"] == "Lax"


def test_editors_see_the_previous_text_in_the_admin(author, posted, staff_client):
    edit(author, posted, "Second version.")
    html = staff_client.get(
        reverse("admin:comments_comment_change", args=[posted.pk])
    ).content.decode()
    assert "Orignal wording." in html and "Second version." in html


def test_edits_in_quick_succession_are_refused_past_a_few_a_minute(author, posted):
    answers = [edit(author, posted, f"Take {n}. " + "x" * 4000) for n in range(6)]
    statuses = [answer.status_code for answer in answers]
    assert statuses == [302] * editing.EDITS_PER_MINUTE + [429] * (6 - editing.EDITS_PER_MINUTE)
    refused = answers[-1].content.decode()
    assert "changed too often" in refused and "Take 5." in refused
    assert CommentRevision.objects.filter(comment=posted).count() == editing.EDITS_PER_MINUTE
    posted.refresh_from_db()
    assert posted.text.startswith(f"Take {editing.EDITS_PER_MINUTE - 1}.")


def test_a_comment_can_be_edited_only_so_many_times_in_all(author, posted):
    for n in range(editing.MAX_EDITS):
        CommentRevision.objects.create(comment=posted, text=f"Version {n}")
    assert edit(author, posted, "One change too many.").status_code == 429
    posted.refresh_from_db()
    assert posted.text == "Orignal wording."
    assert CommentRevision.objects.filter(comment=posted).count() == editing.MAX_EDITS
