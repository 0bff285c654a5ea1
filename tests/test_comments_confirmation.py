"""Trust follows proof: an address is trusted only from a browser that confirmed it."""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from comments import confirmation, held_reasons, views
from comments.models import Comment, CommenterAddress
from comments.outbox import OutgoingMail
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    comment_form_data,
    signed_cookie,
    trusted_commenter,
)
from tests.html import find, find_all

pytestmark = pytest.mark.django_db


def post(client, article, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **overrides)
    )


def confirmation_link(to):
    mail = OutgoingMail.objects.filter(to=to, purpose="confirmation").latest("created_at")
    return re.search(r"http://testserver(/comments/confirm/\S+/)", mail.body)[1]


def answer_seen(client, response):
    page = client.get(response["Location"]).content.decode()
    return find(page, "p", class_="message").text


def test_impersonating_a_trusted_commenter_is_held_and_tells_the_impersonator_nothing():
    regular = Client()
    trusted_commenter(regular, "regular@example.net")
    article = ArticleFactory()
    mallory = Client()
    impostor = post(mallory, article, email="regular@example.net", text="In your name.")
    stranger = post(Client(), article, email="nobody-yet@example.net", text="New here.")
    comment = Comment.objects.get(text="In your name.")
    assert comment.status == Comment.Status.PENDING
    assert held_reasons.UNCONFIRMED in comment.held_reason
    # Same answer as for an address never seen before: nothing tells a known address apart.
    assert impostor["Location"].split("?")[0] == stranger["Location"].split("?")[0]
    assert answer_seen(mallory, impostor) == views.HELD_MESSAGE
    assert "In your name." not in Client().get(article.get_absolute_url()).content.decode()


def test_held_answers_are_identical_for_known_and_unknown_addresses():
    CommentFactory(email="known@example.net")
    article = ArticleFactory()
    messages = []
    for email in ["known@example.net", "unknown@example.net"]:
        client = Client()
        response = post(client, article, email=email, text=f"From {email.split('@')[0]}")
        page = client.get(response["Location"]).content.decode()
        messages.append([message.text for message in find_all(page, "p", class_="message")])
    assert messages[0] == messages[1] and messages[0]


def test_a_browser_that_proved_the_address_is_published_at_once():
    client = Client()
    trusted_commenter(client, "regular@example.net")
    article = ArticleFactory()
    post(client, article, email="regular@example.net", text="Mine, really.")
    assert Comment.objects.get(text="Mine, really.").status == Comment.Status.APPROVED
    assert not OutgoingMail.objects.filter(purpose="confirmation").exists()


def test_the_first_comment_mails_a_link_and_confirming_it_proves_the_browser():
    article = ArticleFactory()
    poster = Client()
    post(poster, article, email="New@Example.net", text="First one.")
    link = confirmation_link("new@example.net")
    assert "confirm your address" in poster.get(link).content.decode().lower()
    assert not CommenterAddress.objects.confirmed().exists()  # a GET changes nothing
    response = poster.post(link)
    assert response.status_code == 302
    assert CommenterAddress.objects.confirmed().get().email == "new@example.net"
    # Still a first comment: an editor looks at it.
    comment = Comment.objects.get(text="First one.")
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "first_comment"
    comment.status = Comment.Status.APPROVED
    comment.save()
    post(poster, article, email="new@example.net", text="Second one.")
    assert Comment.objects.get(text="Second one.").status == Comment.Status.APPROVED


def test_confirming_publishes_a_comment_that_waited_only_for_its_address():
    CommentFactory(email="regular@example.net")
    article = ArticleFactory()
    post(Client(), article, email="regular@example.net", text="Posted from the phone.")
    laptop = Client()
    laptop.post(confirmation_link("regular@example.net"))
    comment = Comment.objects.get(text="Posted from the phone.")
    assert comment.status == Comment.Status.APPROVED and comment.held_reason == ""
    assert "Posted from the phone." in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        signing.dumps({"comment": 1, "address": "x"}, salt="other"),
        "x" * 1000,
    ],
)
def test_a_forged_or_odd_link_confirms_nothing(client, token):
    CommentFactory(pending=True, email="victim@example.net")
    response = client.post(reverse("comments:confirm", args=[token]))
    assert response.status_code == 404
    assert not CommenterAddress.objects.confirmed().exists()


def test_a_link_for_one_address_cannot_be_rewritten_for_another_comment(client):
    mine = CommentFactory(pending=True, email="me@example.net")
    other = CommentFactory(pending=True, email="other@example.net")
    payload = {"comment": other.pk, "address": confirmation.address_key(mine.email)}
    token = signing.dumps(payload, salt=confirmation.TOKEN_SALT)
    assert client.post(reverse("comments:confirm", args=[token])).status_code == 404


def test_confirmation_mails_are_rate_limited_per_address(settings):
    article = ArticleFactory()
    for number in range(confirmation.MAILS_PER_ADDRESS + 3):
        post(Client(), article, email="target@example.net", text=f"Spam {number}",
             REMOTE_ADDR=f"198.51.100.{number + 1}")  # fmt: skip
    sent = OutgoingMail.objects.filter(to="target@example.net", purpose="confirmation").count()
    assert sent == confirmation.MAILS_PER_ADDRESS


def test_confirmation_mails_are_rate_limited_per_client(settings):
    settings.COMMENTS_RATE_LIMIT_REJECT = 1000
    settings.COMMENTS_RATE_LIMIT_HOLD = 1000
    article = ArticleFactory()
    for number in range(confirmation.MAILS_PER_CLIENT + 3):
        post(Client(), article, email=f"stranger{number}@example.net", text=f"Hi {number}")
    assert OutgoingMail.objects.filter(purpose="confirmation").count() == (
        confirmation.MAILS_PER_CLIENT
    )


def test_a_forged_proof_cookie_earns_no_trust(client):
    CommentFactory(email="regular@example.net")
    CommenterAddress.objects.create(email="regular@example.net")
    client.cookies[confirmation.COOKIE_NAME] = signed_cookie(
        confirmation.COOKIE_NAME, [confirmation.address_key("regular@example.net")], "not-ours"
    )
    article = ArticleFactory()
    post(client, article, email="regular@example.net", text="Forged proof.")
    assert Comment.objects.get(text="Forged proof.").status == Comment.Status.PENDING


def test_spam_gets_no_confirmation_mail(client):
    from tests.factories import BlockedWordFactory

    BlockedWordFactory(phrase="casino", action="spam")
    post(client, ArticleFactory(), text="Best casino")
    assert not OutgoingMail.objects.filter(purpose="confirmation").exists()


def test_a_confirmation_link_works_once_and_proves_no_other_browser():
    article = ArticleFactory()
    poster = Client()
    post(poster, article, email="once@example.net", text="Mine.")
    link = confirmation_link("once@example.net")
    assert confirmation.COOKIE_NAME in poster.post(link).cookies
    # The same link later, in any browser (a forwarded mail, a shared computer): nothing.
    for later in [Client(), poster]:
        assert later.get(link).status_code == 404
        again = later.post(link)
        assert again.status_code == 404
        assert confirmation.COOKIE_NAME not in again.cookies
        assert "This link is not valid any more" in again.content.decode()
    assert Comment.objects.get(text="Mine.").confirmation_used_at is not None
