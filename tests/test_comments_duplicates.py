"""A form sent twice (a double click, a reload that resends it) is stored once."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import BlockedWord, Comment
from comments.outbox import OutgoingMail
from tests.factories import (
    ArticleFactory,
    BlockedWordFactory,
    CommentFactory,
    comment_form_data,
    trusted_commenter,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def trusted_email(client):
    """An email with an approved comment, proved from `client`: its posts are published."""
    return trusted_commenter(client, "trusted@example.net")


def post(client, article, data):
    return client.post(reverse("comments:post", args=[article.pk]), data)


def test_published_comment_sent_twice_is_stored_once_with_the_same_answer(
    client, article, trusted_email
):
    data = comment_form_data(article, email=trusted_email, text="Well reported.")
    first, second = post(client, article, data), post(client, article, data)
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.APPROVED
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"] == second["Location"] == f"{article.get_absolute_url()}#{comment.anchor}"
    )
    page = client.get(second["Location"]).content.decode()
    assert "Your comment is published." in page
    assert page.count("Well reported.") == 1


def test_held_comment_sent_twice_is_stored_once_and_both_answers_preview_it(
    client, article, settings
):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test"]
    data = comment_form_data(article, text="First time here.")
    answers = [post(client, article, data) for _ in range(3)]
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING
    # Editors hear about it once, and its poster gets one confirmation link.
    assert sorted(OutgoingMail.objects.values_list("to", flat=True)) == [
        "desk@newsroom.test",
        "robin@example.net",
    ]
    for answer in answers:
        location = urlsplit(answer["Location"])
        assert (location.path, location.fragment) == (article.get_absolute_url(), comment.anchor)
        assert location.query.startswith("held=")
        page = client.get(answer["Location"]).content.decode()
        assert "Your comment is awaiting moderation" in page and "First time here." in page


def test_spam_sent_twice_is_stored_once_with_the_same_answer(client, article, trusted_email):
    BlockedWordFactory(phrase="casino", action=BlockedWord.Action.SPAM)
    data = comment_form_data(article, email=trusted_email, text="Best casino")
    first, second = post(client, article, data), post(client, article, data)
    assert Comment.objects.filter(article=article).count() == 1
    assert first["Location"] == second["Location"] == f"{article.get_absolute_url()}#comments"


def test_a_resubmission_with_the_email_in_other_case_is_still_the_same_comment(
    client, article, trusted_email
):
    post(client, article, comment_form_data(article, email=trusted_email, text="Same words"))
    post(
        client, article, comment_form_data(article, email=trusted_email.upper(), text="Same words")
    )
    assert Comment.objects.filter(article=article).count() == 1


def test_a_resubmitted_token_is_not_a_licence_to_post_new_comments(client, article, trusted_email):
    data = comment_form_data(article, email=trusted_email)
    post(client, article, data)
    post(client, article, {**data, "text": "Something else entirely"})
    assert Comment.objects.filter(article=article).count() == 2


@pytest.mark.parametrize("change", ["text", "name", "email", "story", "parent"])
def test_any_difference_makes_a_new_comment(client, article, trusted_email, change):
    parent = CommentFactory(article=article)
    original = comment_form_data(article, email=trusted_email, parent=parent.pk, text="Words")
    post(client, article, original)
    stored = Comment.objects.count()
    target, data = article, dict(original)
    if change == "story":
        target = ArticleFactory()
        data = comment_form_data(target, email=trusted_email, text="Words")
    elif change == "parent":
        data["parent"] = ""
    elif change == "email":
        data["email"] = "someone-else@example.net"
    else:
        data[change] = f"Different {change}"
    assert post(client, target, data).status_code == 302
    assert Comment.objects.count() == stored + 1


def test_the_same_words_after_the_resubmission_window_are_a_new_comment(
    client, article, trusted_email
):
    data = comment_form_data(article, email=trusted_email, text="Happy new year")
    post(client, article, data)
    Comment.objects.filter(text="Happy new year").update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    post(client, article, data)
    assert Comment.objects.filter(text="Happy new year").count() == 2
