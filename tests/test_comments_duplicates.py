"""A form sent twice (a double click, a reload that resends it) is stored once."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import held
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
    # Its poster gets one confirmation link; editors hear of it once the address is confirmed.
    assert sorted(OutgoingMail.objects.values_list("to", flat=True)) == ["robin@example.net"]
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


def held_id_in(location):
    """The comment a post's answer offers a preview of (None when it offers none)."""
    token = parse_qs(urlsplit(location).query).get("held", [None])[0]
    return signing.loads(token, salt=held.TOKEN_SALT) if token else None


def test_the_same_comment_sent_from_another_browser_gets_no_hold_on_it(client, article):
    data = comment_form_data(article, text="Only mine to change.")
    post(client, article, data)
    original = Comment.objects.get(article=article)
    stranger = Client()
    answer = post(stranger, article, data)
    # The stranger's copy is a post of its own: the preview and the edit rights are for it.
    copy = Comment.objects.exclude(pk=original.pk).get(article=article)
    assert held_id_in(answer["Location"]) == copy.pk
    assert copy.status == Comment.Status.PENDING
    assert f"repeats:pk={original.pk}" in copy.held_reason
    assert stranger.get(reverse("comments:edit", args=[original.pk])).status_code == 403
    refused = stranger.post(reverse("comments:delete", args=[original.pk]))
    assert refused.status_code == 403
    original.refresh_from_db()
    assert original.status == Comment.Status.PENDING
    assert original.text == "Only mine to change."


def test_resending_an_approved_comment_cannot_rewrite_or_delete_it(client, article, trusted_email):
    data = comment_form_data(article, email=trusted_email, text="Published words.")
    post(client, article, data)
    original = Comment.objects.get(article=article)
    assert original.status == Comment.Status.APPROVED
    stranger = Client()
    answer = post(stranger, article, data)
    assert "Your comment is published." not in stranger.get(answer["Location"]).content.decode()
    edit = stranger.post(reverse("comments:edit", args=[original.pk]), {"text": "Rewritten."})
    delete = stranger.post(reverse("comments:delete", args=[original.pk]))
    assert edit.status_code == delete.status_code == 403
    original.refresh_from_db()
    assert (original.status, original.text) == (Comment.Status.APPROVED, "Published words.")
    assert not original.revisions.exists()


def test_resending_tells_nobody_whether_the_email_is_the_one_behind_a_comment(
    client, article, trusted_email
):
    data = comment_form_data(article, email=trusted_email, text="Whose words?")
    post(client, article, data)
    answers = {}
    for guess in [trusted_email, "wrong-guess@example.net"]:
        stranger = Client()
        answer = post(stranger, article, {**data, "email": guess})
        page = stranger.get(answer["Location"]).content.decode()
        answers[guess] = (
            answer.status_code,
            urlsplit(answer["Location"]).path,
            sorted(parse_qs(urlsplit(answer["Location"]).query)),
            "awaiting moderation" in page,
            "Your comment is published." in page,
            held_id_in(answer["Location"]) == Comment.objects.latest("pk").pk,
            sorted(answer.cookies),
        )
    assert answers[trusted_email] == answers["wrong-guess@example.net"]
    assert answers[trusted_email][3] and not answers[trusted_email][4]
