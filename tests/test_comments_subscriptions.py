"""Reply and story notifications: double opt-in, approved comments only, one-click unsubscribe."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from comments.models import Comment, Subscription
from comments.outbox import OutgoingMail, deliver_due
from tests.factories import ArticleFactory, comment_form_data, prove_address, trusted_commenter
from tests.html import one

pytestmark = pytest.mark.django_db

ADMIN_CHANGELIST = reverse("admin:comments_comment_changelist")


def post(client, article, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **overrides)
    )


@pytest.fixture
def article():
    return ArticleFactory(headline="Harbour reopens")


@pytest.fixture
def subscriber(article):
    """Sam, a confirmed commenter, asked to hear about replies to a comment."""
    sam = Client()
    trusted_commenter(sam, "sam@example.net")
    post(sam, article, email="sam@example.net", name="Sam", text="Sam's view.", notify_replies="on")
    return Comment.objects.get(text="Sam's view.")


def notices():
    return OutgoingMail.objects.filter(purpose="notification")


def reply(article, parent, text="A reply.", email="riley@example.net", client=None):
    client = client or Client()
    prove_address(client, email)
    return post(client, article, email=email, name="Riley", text=text, parent=parent.pk)


def test_the_boxes_start_unticked(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    for name in ["notify_replies", "notify_story"]:
        assert not one(html, "input", name=name).has("checked")


def test_an_approved_reply_is_mailed_with_its_text_a_link_and_no_email(article, subscriber):
    trusted_commenter(Client(), "riley@example.net")
    riley = Client()
    reply(article, subscriber, "Riley's answer.", client=riley)
    assert Comment.objects.get(text="Riley's answer.").status == Comment.Status.APPROVED
    mail = notices().get()
    assert mail.to == "sam@example.net"
    assert "Riley's answer." in mail.body and "Riley replied" in mail.body
    assert "http://testserver/comments/" in mail.body
    assert "riley@example.net" not in mail.body + mail.subject + str(mail.headers)
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.headers["List-Unsubscribe"].startswith("<http://testserver/comments/unsubscribe/")


def test_a_held_reply_is_not_announced_until_an_editor_approves_it(
    article, subscriber, staff_client, mailoutbox
):
    reply(article, subscriber, "Held reply.")  # Riley's first comment: held
    held = Comment.objects.get(text="Held reply.")
    assert held.status == Comment.Status.PENDING and not notices().exists()
    staff_client.post(ADMIN_CHANGELIST, {"action": "approve", "_selected_action": [held.pk]})
    assert notices().count() == 1
    staff_client.post(ADMIN_CHANGELIST, {"action": "approve", "_selected_action": [held.pk]})
    assert notices().count() == 1  # never twice
    deliver_due()
    sent = [m for m in mailoutbox if m.to == ["sam@example.net"]]
    assert len(sent) == 1 and sent[0].extra_headers["List-Unsubscribe-Post"]


def test_spam_replies_are_never_announced(article, subscriber, staff_client):
    reply(article, subscriber, "Spammy reply.")
    held = Comment.objects.get(text="Spammy reply.")
    staff_client.post(ADMIN_CHANGELIST, {"action": "mark_spam", "_selected_action": [held.pk]})
    assert not notices().exists()


def test_nothing_is_sent_before_the_address_is_confirmed(article):
    newcomer = Client()
    post(newcomer, article, email="new@example.net", text="Mine.", notify_replies="on",
         notify_story="on")  # fmt: skip
    mine = Comment.objects.get(text="Mine.")
    Comment.objects.filter(pk=mine.pk).update(status=Comment.Status.APPROVED)
    trusted_commenter(Client(), "riley@example.net")
    reply(article, mine, "Early reply.")
    assert not notices().exists()
    assert Subscription.objects.filter(confirmed_at=None).count() == 2
    link = re.search(
        r"http://testserver(\S+)", OutgoingMail.objects.get(purpose="confirmation").body
    )[1]
    newcomer.post(link)
    assert Subscription.objects.active().count() == 2
    reply(article, mine, "Later reply.")
    mail = notices().get()
    assert "Later reply." in mail.body and mail.to == "new@example.net"


def test_story_subscribers_hear_of_new_comments_but_not_of_their_own(article):
    sam = Client()
    trusted_commenter(sam, "sam@example.net")
    post(sam, article, email="sam@example.net", text="Watching.", notify_story="on")
    post(sam, article, email="sam@example.net", text="My own follow-up.")
    assert not notices().exists()
    trusted_commenter(Client(), "riley@example.net")
    riley = Client()
    prove_address(riley, "riley@example.net")
    post(riley, article, email="riley@example.net", name="Riley", text="Someone else.")
    mail = notices().get()
    assert mail.to == "sam@example.net" and "Someone else." in mail.body


def test_one_click_unsubscribe_works_without_signing_in_or_a_csrf_token(article, subscriber):
    trusted_commenter(Client(), "riley@example.net")
    reply(article, subscriber)
    url = notices().get().headers["List-Unsubscribe"].strip("<>")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.active().exists()
    reply(article, subscriber, "Another reply.")
    assert notices().count() == 1


def test_unsubscribe_by_get_only_asks(article, subscriber):
    trusted_commenter(Client(), "riley@example.net")
    reply(article, subscriber)
    url = notices().get().headers["List-Unsubscribe"].strip("<>")
    assert "Unsubscribe" in Client().get(url).content.decode()
    assert Subscription.objects.active().count() == 1


def test_the_subscriptions_page_lists_and_ends_them(article, subscriber):
    trusted_commenter(Client(), "riley@example.net")
    reply(article, subscriber)
    url = re.search(r"All your subscriptions: http://testserver(\S+)", notices().get().body)[1]
    html = Client().get(url).content.decode()
    assert "Harbour reopens" in html and "sam@example.net" not in html
    Client().post(url, {"end": "all"})
    assert not Subscription.objects.filter(ended_at=None).exists()


@pytest.mark.parametrize("token", ["forged", "x" * 500, "1:abc"])
def test_forged_links_end_nothing(article, subscriber, token):
    assert Client().post(reverse("comments:unsubscribe", args=[token])).status_code == 404
    assert (
        Client().post(reverse("comments:subscriptions", args=[token]), {"end": "all"}).status_code
        == 404
    )
    assert Subscription.objects.filter(ended_at=None).count() == 1


def test_each_subscriber_is_mailed_in_the_language_they_subscribed_in(article, staff_client):
    with translation.override("de"):
        german_post = reverse("comments:post", args=[article.pk])
    for email, name, url in [
        ("sam@example.net", "Sam", german_post),
        ("kim@example.net", "Kim", reverse("comments:post", args=[article.pk])),
    ]:
        commenter = Client()
        trusted_commenter(commenter, email)
        data = comment_form_data(article, email=email, name=name, text=f"{name}'s view.")
        commenter.post(url, {**data, "notify_story": "on"})
    assert {s.address.email: s.language for s in Subscription.objects.all()} == {
        "sam@example.net": "de",
        "kim@example.net": "en",
    }
    reply(article, Comment.objects.get(text="Sam's view."), "Held reply.")
    held = Comment.objects.get(text="Held reply.")
    # The editor approves it in the admin in French; each mail speaks its reader's language.
    staff_client.cookies["django_language"] = "fr"
    staff_client.post(ADMIN_CHANGELIST, {"action": "approve", "_selected_action": [held.pk]})

    german = notices().get(to="sam@example.net", body__contains="Held reply.")
    assert german.subject.startswith("[") and "Neuer Kommentar" in german.subject
    assert "http://testserver/de/comments/" in german.body
    english = notices().get(to="kim@example.net", body__contains="Held reply.")
    assert "New comment on" in english.subject
    assert "http://testserver/comments/" in english.body
