"""Nobody can use the comment form to flood a mailbox, a story or the editors with mail, and one
form token cannot serve a flood of posts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments import confirmation, notify
from comments.mailboxes import mailbox
from comments.models import Comment
from comments.outbox import OutgoingMail, deliver_due
from tests.factories import ArticleFactory, comment_form_data, prove_address
from tests.html import one

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture(autouse=True)
def tokens_out_of_the_way(settings):
    # Forms served in the same second share a token; these posts are not about that cap.
    settings.COMMENTS_POSTS_PER_FORM_TOKEN = 1000


def post(client, article, number, **overrides):
    """Post number `number`, from a client of its own (so per-client limits stay out of it)."""
    data = comment_form_data(article, text=f"Comment number {number}.", **overrides)
    return client.post(
        reverse("comments:post", args=[article.pk]), data, REMOTE_ADDR=f"2001:db8:{number:x}::1"
    )


def confirmation_mails():
    return OutgoingMail.objects.filter(purpose="confirmation")


@pytest.mark.parametrize(
    "spelling",
    [
        "Victim@Gmail.com",
        "victim+1@gmail.com",
        "v.i.c.t.i.m@gmail.com",
        "vic.tim+news@googlemail.com",
        " VICTIM@GOOGLEMAIL.COM ",
    ],
)
def test_every_spelling_of_a_gmail_inbox_is_one_mailbox(spelling):
    assert mailbox(spelling) == "victim@gmail.com"


def test_dots_count_outside_gmail_and_tags_are_dropped_everywhere():
    assert mailbox("Jane.Doe+comments@Example.org") == "jane.doe@example.org"
    assert mailbox("jane.doe@example.org") != mailbox("janedoe@example.org")


def test_confirmation_mails_are_limited_per_mailbox_whatever_the_spelling(client, article):
    spellings = ["victim+1@gmail.com", "victim+2@gmail.com", "v.ictim@gmail.com",
                 "victim@googlemail.com", "VICTIM+x@gmail.com", "vi.c.tim@gmail.com"]  # fmt: skip
    for number, spelling in enumerate(spellings, start=1):
        assert post(client, article, number, email=spelling).status_code == 302
    assert Comment.objects.count() == len(spellings)
    assert confirmation_mails().count() == confirmation.MAILS_PER_ADDRESS


def test_confirmation_mails_are_limited_per_story(client, article):
    for number in range(1, confirmation.MAILS_PER_STORY + 6):
        post(client, article, number, email=f"reader{number}@example.net")
    assert confirmation_mails().count() == confirmation.MAILS_PER_STORY
    # Another story's first-time commenters are still asked to confirm.
    post(client, ArticleFactory(), 999, email="elsewhere@example.net")
    assert confirmation_mails().filter(to="elsewhere@example.net").exists()


def test_confirmation_mails_are_limited_per_ipv6_slash_64(client, article):
    url = reverse("comments:post", args=[article.pk])
    for number in range(1, confirmation.MAILS_PER_CLIENT + 6):
        data = comment_form_data(article, email=f"target{number}@example.net", text=f"No {number}")
        client.post(url, data, REMOTE_ADDR=f"2001:db8:5:6::{number:x}")
    assert confirmation_mails().count() <= confirmation.MAILS_PER_CLIENT


def test_one_form_token_serves_a_bounded_number_of_posts(client, article, settings):
    settings.COMMENTS_POSTS_PER_FORM_TOKEN = 3
    token = comment_form_data(article)["token"]
    answers = [post(client, article, number, token=token) for number in range(1, 6)]
    assert [answer.status_code for answer in answers] == [302, 302, 302, 400, 400]
    assert Comment.objects.count() == 3
    refused = answers[-1].content.decode()
    assert "This form has already been used to send comments." in refused
    assert one(refused, "textarea", name="text").text == "Comment number 5."
    # The form comes back with a fresh token, so a person only presses Send again.
    fresh = one(refused, "input", name="token")["value"]
    assert fresh != token
    assert post(client, article, 6, token=fresh).status_code == 302


def test_a_flood_of_held_comments_gives_editors_a_few_mails_then_one_summary(
    client, article, settings, mailoutbox
):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test", "night@newsroom.test"]
    flood = notify.NOTICES_PER_PERIOD + 20
    for number in range(1, flood + 1):
        # Confirmed addresses: editors hear of a comment once its address is confirmed.
        prove_address(client, f"new{number}@example.net")
        assert post(client, article, number, email=f"new{number}@example.net").status_code == 302
    assert Comment.objects.pending().count() == flood
    to_desk = OutgoingMail.objects.filter(to="desk@newsroom.test")
    assert to_desk.filter(purpose="moderation").count() == notify.NOTICES_PER_PERIOD
    summary = to_desk.get(purpose=notify.DIGEST_PURPOSE)
    assert "20 more comments were held for moderation" in summary.body
    # The summary goes out once the period is over, one per editor.
    deliver_due()
    assert not [mail for mail in mailoutbox if "More comments" in mail.subject]
    deliver_due(now=timezone.now() + timedelta(seconds=notify.NOTICE_PERIOD + 1))
    summaries = [mail.to for mail in mailoutbox if "More comments" in mail.subject]
    assert sorted(summaries) == [["desk@newsroom.test"], ["night@newsroom.test"]]
