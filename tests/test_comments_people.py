"""Moderators remember people: suspensions and bans of a mailbox, trusted addresses, and the
quiet hours when the whole site stops taking comments."""

from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from comments import people, quiet_hours
from comments.models import BlockedWord, Comment, CommenterAddress
from comments.outbox import OutgoingMail
from comments.people import CommenterRestriction
from tests.cached_pages import cache_pages, page
from tests.factories import (
    ArticleFactory,
    BlockedWordFactory,
    CommentFactory,
    comment_form_data,
    prove_address,
    trusted_commenter,
)
from tests.html import find, one

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def post(client, article, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **overrides)
    )


def at_local(monkeypatch, hour, minute=0, days=0):
    """Make it `hour`:`minute` in the site's time zone, `days` after tomorrow (after the test's
    stories were published, and before their comments close)."""
    day = timezone.localdate() + timedelta(days=1 + days)
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


# Suspensions and bans


def test_a_banned_mailbox_is_refused_in_every_spelling_with_the_text_kept(client):
    offending = CommentFactory(email="troll@gmail.com", pending=True)
    people.restrict([offending], "Repeated abuse of other readers.")
    article = ArticleFactory()
    response = post(client, article, email="T.Roll+again@googlemail.com", text="I am back.")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Comments from this email address are not accepted on this site." in html
    assert one(html, "textarea", name="text").text == "I am back."
    assert "Repeated abuse" not in html  # the reason goes to the address, not to the page
    assert not Comment.objects.filter(article=article).exists()


def test_the_restrictions_table_keeps_no_address():
    offending = CommentFactory(email="troll@example.net")
    people.restrict([offending], "Spam.", days=7)
    restriction = CommenterRestriction.objects.get()
    stored = " ".join(str(value) for value in restriction.__dict__.values())
    assert "troll" not in stored and "example.net" not in stored
    assert restriction.mailbox_key == people.mailbox_key("TROLL+x@example.net")


def test_a_suspension_mails_the_reason_and_refuses_posts_until_it_ends(client, monkeypatch):
    offending = CommentFactory(email="hothead@example.net", name="Hot Head")
    people.restrict([offending], "Personal attacks on another reader.", days=7)
    mail = OutgoingMail.objects.get(purpose=people.MAIL_PURPOSE)
    assert mail.to == "hothead@example.net"
    assert "Personal attacks on another reader." in mail.body
    assert "suspended" in mail.subject

    article = ArticleFactory()
    response = post(client, article, email="hothead@example.net")
    assert response.status_code == 403
    assert "Comments from this email address are suspended until" in response.content.decode()

    later = timezone.now() + timedelta(days=7, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert people.restriction_for("hothead@example.net") is None
    response = post(client, article, email="hothead@example.net")
    assert response.status_code == 302
    assert Comment.objects.filter(article=article, email="hothead@example.net").exists()


def test_editors_suspend_from_the_comment_list_after_giving_a_reason(staff_client):
    chosen = [CommentFactory(email="a@example.net"), CommentFactory(email="A+2@example.net")]
    selection = {"action": "suspend_commenters", "_selected_action": [c.pk for c in chosen]}
    asked = staff_client.post(CHANGELIST, selection)
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    assert not CommenterRestriction.objects.exists()

    response = staff_client.post(
        CHANGELIST, {**selection, "apply": "yes", "reason": "Spam links."}, follow=True
    )
    assert "Suspended 1 commenter for 7 days and mailed the reason." in response.content.decode()
    restriction = CommenterRestriction.objects.get()  # one mailbox, however it is spelt
    assert restriction.reason == "Spam links." and restriction.comment in chosen
    assert timedelta(days=6) < restriction.ends_at - timezone.now() <= timedelta(days=7)


def test_editors_ban_from_the_comment_list(staff_client):
    chosen = CommentFactory(email="spammer@example.net")
    staff_client.post(
        CHANGELIST,
        {
            "action": "ban_commenters",
            "_selected_action": [chosen.pk],
            "apply": "yes",
            "reason": "Bot.",
        },
    )
    restriction = CommenterRestriction.objects.get()
    assert restriction.is_ban() and restriction.is_in_force()
    assert "You can no longer comment" in OutgoingMail.objects.get(purpose="restriction").subject


def test_editors_add_and_lift_a_ban_by_address_in_the_admin(staff_client, client):
    add = reverse("admin:comments_commenterrestriction_add")
    staff_client.post(
        add, {"email": "Pest@Example.net", "ends_at_0": "", "ends_at_1": "", "reason": "Bot."}
    )
    restriction = CommenterRestriction.objects.get()
    assert restriction.mailbox_key == people.mailbox_key("pest@example.net")
    assert post(client, ArticleFactory(), email="pest@example.net").status_code == 403

    staff_client.post(
        reverse("admin:comments_commenterrestriction_changelist"),
        {"action": "lift", "_selected_action": [restriction.pk]},
    )
    assert people.restriction_for("pest@example.net") is None


# Trusted commenters


def test_a_trusted_address_skips_pre_moderation_even_when_everything_is_held(client, settings):
    settings.COMMENTS_HOLD_ALL = True
    people.set_trust(["expert@example.net"], trusted=True)
    prove_address(client, "expert@example.net")
    article = ArticleFactory()
    post(client, article, email="expert@example.net")  # their very first comment
    assert Comment.objects.get(article=article).status == Comment.Status.APPROVED


def test_trust_still_needs_the_browser_to_prove_the_address(client):
    people.set_trust(["expert@example.net"], trusted=True)
    article = ArticleFactory()
    post(client, article, email="expert@example.net")
    assert Comment.objects.get(article=article).status == Comment.Status.PENDING


def test_trusted_comments_still_meet_blocked_words(client):
    people.set_trust(["expert@example.net"], trusted=True)
    prove_address(client, "expert@example.net")
    BlockedWordFactory(phrase="casino", action=BlockedWord.Action.SPAM)
    BlockedWordFactory(phrase="miracle cure", action=BlockedWord.Action.HOLD)
    article = ArticleFactory()
    post(client, article, email="expert@example.net", text="Best casino in town")
    post(client, article, email="expert@example.net", text="A miracle cure, they say")
    statuses = set(Comment.objects.filter(article=article).values_list("status", flat=True))
    assert statuses == {Comment.Status.SPAM, Comment.Status.PENDING}


def test_editors_trust_and_stop_trusting_from_the_comment_list(staff_client):
    comment = CommentFactory(email="Expert@Example.net", pending=True)
    selection = {"_selected_action": [comment.pk]}
    response = staff_client.post(
        CHANGELIST, {**selection, "action": "trust_commenters"}, follow=True
    )
    assert "1 address is now trusted." in response.content.decode()
    assert people.is_trusted("expert@example.net")
    staff_client.post(CHANGELIST, {**selection, "action": "distrust_commenters"})
    assert not CommenterAddress.objects.get(email="expert@example.net").trusted_at
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING  # trusting decides nothing about the comment


# Quiet hours


@pytest.fixture
def night(settings):
    settings.COMMENTS_QUIET_HOURS_START = "22:00"
    settings.COMMENTS_QUIET_HOURS_END = "07:00"


def test_during_quiet_hours_the_form_is_replaced_by_when_comments_reopen(story, night, monkeypatch):
    at_local(monkeypatch, 23, 30)
    html = page(Client(), story.get_absolute_url())
    assert find(html, class_="comment-form") is None
    notice = one(html, id="respond").text
    assert "Comments are closed for the night and reopen at 07:00" in notice


def test_outside_quiet_hours_the_form_is_there(story, night, monkeypatch):
    at_local(monkeypatch, 7, 0)
    assert find(page(Client(), story.get_absolute_url()), class_="comment-form") is not None


def test_a_post_during_quiet_hours_is_refused_with_the_text_kept(client, story, night, monkeypatch):
    trusted_commenter(client)
    at_local(monkeypatch, 2, 15)
    response = post(client, story, text="Late thoughts on the harbour.")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Comments are closed for the night; your comment was not posted." in html
    assert one(html, "textarea", id="refused-comment").text == "Late thoughts on the harbour."
    assert not Comment.objects.filter(article=story).exists()


def test_quiet_hours_within_one_day_and_turned_off(settings, monkeypatch):
    settings.COMMENTS_QUIET_HOURS_START, settings.COMMENTS_QUIET_HOURS_END = "12:00", "13:30"
    noon = at_local(monkeypatch, 12, 45)
    assert quiet_hours.is_quiet() and quiet_hours.reopens_at() == noon + timedelta(minutes=45)
    at_local(monkeypatch, 23, 0)
    assert not quiet_hours.is_quiet()
    settings.COMMENTS_QUIET_HOURS_END = ""
    at_local(monkeypatch, 12, 45)
    assert not quiet_hours.is_quiet() and quiet_hours.next_change() is None


def test_story_pages_declare_the_next_start_or_end_of_quiet_hours(night, monkeypatch):
    evening = at_local(monkeypatch, 21, 0)
    assert quiet_hours.next_change() == evening + timedelta(hours=1)
    late = at_local(monkeypatch, 23, 0)
    assert quiet_hours.next_change() == late + timedelta(hours=8)


def test_a_cached_story_page_follows_quiet_hours(story, night, monkeypatch):
    url = story.get_absolute_url()
    at_local(monkeypatch, 21, 50)
    cache_pages(url)
    assert find(page(Client(), url), class_="comment-form") is not None
    at_local(monkeypatch, 22, 0)
    html = page(Client(), url)
    assert find(html, class_="comment-form") is None
    assert "reopen at" in one(html, id="respond").text
    cache_pages(url)
    at_local(monkeypatch, 7, 0, days=1)
    assert find(page(Client(), url), class_="comment-form") is not None


def test_the_quiet_hours_notice_is_in_the_readers_language(story, night, monkeypatch):
    at_local(monkeypatch, 23, 30)
    with translation.override("de"):
        url = story.get_absolute_url()
    notice = one(page(Client(), url), id="respond").text
    assert "Die Kommentare sind über Nacht geschlossen und öffnen wieder um 07:00 Uhr." in notice
