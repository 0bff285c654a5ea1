"""Moderation at a newsroom's pace (comments/admin_desk.py, site_replies.py, held_reasons.py):
the list newest first, one click per row without JavaScript, replies from the desk as the site,
and held reasons stored as codes that each editor reads in their own language."""

import importlib
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from comments import held_reasons
from comments.models import Comment, CommenterAddress, ModerationReason, Subscription
from comments.outbox import OutgoingMail
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    StaffFactory,
    UserFactory,
    comment_form_data,
    prove_address,
)
from tests.html import assert_has_element, find, find_all, one

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
conversion = importlib.import_module("comments.migrations.0010_held_reason_codes")


def moderate_url(comment, action, filters=""):
    url = reverse("admin:comments_comment_moderate", args=[comment.pk, action])
    return f"{url}?{filters}" if filters else url


def reply_url(comment):
    return reverse("admin:comments_comment_reply", args=[comment.pk])


@pytest.fixture
def editor():
    """A staff client that, like a browser, must send the CSRF token with every post."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory())
    return client


def csrf_token(client, url=CHANGELIST, **query):
    page = client.get(url, query).content.decode()
    return find(page, "input", name="csrfmiddlewaretoken")["value"]


def row_ids(html):
    return [int(box["value"]) for box in find_all(html, "input", class_="action-select")]


def test_the_comment_list_runs_newest_first(staff_client):
    now = timezone.now()
    old = CommentFactory(created_at=now - timedelta(days=3), pending=True)
    today = CommentFactory(created_at=now - timedelta(minutes=5), pending=True)
    yesterday = CommentFactory(created_at=now - timedelta(days=1), pending=True)
    html = staff_client.get(CHANGELIST).content.decode()
    assert row_ids(html) == [today.pk, yesterday.pk, old.pk]


def test_each_row_offers_the_buttons_that_change_it_inside_the_listing_form(staff_client):
    pending = CommentFactory(pending=True, name="Quinn", text="Kept for later")
    approved = CommentFactory(name="Avery", text="Kept already")
    html = staff_client.get(CHANGELIST, {"q": "Kept"}).content.decode()
    filters = "?_changelist_filters=q%3DKept"
    # Forms cannot nest, so each button posts the changelist form (CSRF token and all) to its
    # own address: no JavaScript involved.
    listing = one(html, "form", id="changelist-form")
    assert_has_element(listing, "input", name="csrfmiddlewaretoken")
    for action in ("approve", "mark_spam", "remove"):
        button = assert_has_element(
            listing,
            "button",
            type="submit",
            formmethod="post",
            formaction=moderate_url(pending, action) + filters,
        )
        assert "Quinn" in button["aria-label"]
    assert listing.find("button", formaction=moderate_url(approved, "approve") + filters) is None
    assert_has_element(
        listing, "button", formaction=moderate_url(approved, "remove") + filters, text="Remove"
    )
    assert_has_element(listing, "a", href=reply_url(pending) + filters, text="Reply as the site")


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", Comment.Status.APPROVED, "Approved 1 comment."),
        ("mark_spam", Comment.Status.SPAM, "Marked as spam: 1 comment."),
        ("remove", Comment.Status.REMOVED, "Removed 1 comment."),
    ],
)
def test_one_click_moderates_the_row_and_returns_to_the_same_filtered_page(
    editor, action, status, message
):
    chosen, other = CommentFactory.create_batch(2, pending=True)
    filters = "_changelist_filters=" + "status__exact%3Dpending%26p%3D1"
    token = csrf_token(editor, status__exact="pending", p="1")
    response = editor.post(moderate_url(chosen, action, filters), {"csrfmiddlewaretoken": token})
    if status != Comment.Status.APPROVED:
        # Removing or restricting asks for the reason the commenter is told (statements of
        # reasons): the one click opens that page, and choosing the reason finishes it.
        assert response.status_code == 200
        assert_has_element(response.content.decode(), "input", type="radio", name="reason")
        reason = ModerationReason.objects.offered().first()
        response = editor.post(
            moderate_url(chosen, action, filters),
            {"csrfmiddlewaretoken": token, "post": "yes", "reason": reason.pk},
        )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == CHANGELIST
    assert parse_qs(location.query) == {"status__exact": ["pending"], "p": ["1"]}
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.status == status and chosen.moderated_at is not None
    assert other.status == Comment.Status.PENDING
    page = editor.get(response["Location"]).content.decode()
    assert message in page


def test_one_click_approval_publishes_the_comment_on_the_story(editor, client):
    comment = CommentFactory(pending=True, text="Approved in one click")
    story = comment.article.get_absolute_url()
    assert "Approved in one click" not in client.get(story).content.decode()
    editor.post(moderate_url(comment, "approve"), {"csrfmiddlewaretoken": csrf_token(editor)})
    assert "Approved in one click" in client.get(story).content.decode()


def test_one_click_without_the_csrf_token_is_refused(editor):
    comment = CommentFactory(pending=True)
    response = editor.post(moderate_url(comment, "approve"))
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_one_click_answers_only_a_post(staff_client):
    comment = CommentFactory(pending=True)
    assert staff_client.get(moderate_url(comment, "approve")).status_code == 405
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_one_click_is_for_staff_only(client):
    comment = CommentFactory(pending=True)
    anonymous = client.post(moderate_url(comment, "approve"))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(UserFactory())
    reader = client.post(moderate_url(comment, "approve"))
    assert reader.status_code == 302 and "/login/" in reader["Location"]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_staff_who_may_only_view_comments_cannot_moderate_them(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    comment = CommentFactory(pending=True)
    html = client.get(CHANGELIST).content.decode()
    assert find(html, "button", formaction=moderate_url(comment, "approve")) is None
    assert client.post(moderate_url(comment, "approve")).status_code == 403
    assert client.post(reply_url(comment), {"text": "No."}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert Comment.objects.count() == 1


def test_an_unknown_action_is_not_found(staff_client):
    comment = CommentFactory(pending=True)
    assert staff_client.post(moderate_url(comment, "delete_selected")).status_code == 404


def test_the_list_costs_the_same_queries_whatever_its_length(
    staff_client, django_assert_max_num_queries
):
    CommentFactory.create_batch(3, pending=True)
    with django_assert_max_num_queries(20) as few:
        staff_client.get(CHANGELIST)
    CommentFactory.create_batch(30, pending=True)
    with django_assert_max_num_queries(len(few)):
        staff_client.get(CHANGELIST)


# Reply as the site


def test_a_reply_as_the_site_is_threaded_under_the_comment_with_the_staff_badge(
    editor, client, settings
):
    settings.SITE_NAME = "The Ledger"
    settings.DEFAULT_FROM_EMAIL = "The Ledger <desk-secret@ledger.example>"
    comment = CommentFactory(text="When does the harbour reopen?")
    story = comment.article.get_absolute_url()
    client.get(story)  # a copy of the page is kept; the reply must retire it
    form_page = editor.get(reply_url(comment)).content.decode()
    assert "When does the harbour reopen?" in form_page
    response = editor.post(
        reply_url(comment) + "?_changelist_filters=status__exact%3Dapproved",
        {"text": "On Monday, the port authority says.", "csrfmiddlewaretoken": csrf_token(editor)},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?status__exact=approved"

    reply = Comment.objects.get(parent=comment)
    assert reply.status == Comment.Status.APPROVED and reply.by_staff
    assert reply.name == "The Ledger" and reply.thread_id == comment.pk and reply.depth == 1
    html = client.get(story).content.decode()
    item = assert_has_element(html, "article", id=comment.anchor)
    replies = item.parent.find("ol", class_="comment-replies")
    shown = replies.one("article", id=reply.anchor)
    assert_has_element(shown, "span", class_="comment-badge", text="Staff")
    assert_has_element(shown, "span", class_="comment-author", text="The Ledger")
    assert "On Monday, the port authority says." in shown.text
    assert "desk-secret" not in html


def test_the_reply_name_can_be_set_apart_from_the_site_name(editor, settings):
    settings.COMMENTS_SITE_REPLY_NAME = "The Ledger's editors"
    comment = CommentFactory()
    editor.post(reply_url(comment), {"text": "Thanks.", "csrfmiddlewaretoken": csrf_token(editor)})
    assert Comment.objects.get(parent=comment).name == "The Ledger's editors"


def test_the_commenter_hears_of_the_sites_reply_like_any_other(staff_client):
    comment = CommentFactory()
    Subscription.objects.create(
        address=_confirmed_address(comment.email),
        kind=Subscription.Kind.REPLIES,
        article=comment.article,
        comment=comment,
        confirmed_at=timezone.now(),
    )
    staff_client.post(reply_url(comment), {"text": "We have corrected it."})
    mail = OutgoingMail.objects.get(purpose="notification")
    assert mail.to == comment.email and "We have corrected it." in mail.body


def _confirmed_address(email):
    address = CommenterAddress.objects.for_email(email)
    address.confirmed_at = timezone.now()
    address.save()
    return address


def test_a_reader_typing_the_sites_name_gets_no_badge(client, settings):
    settings.SITE_NAME = "The Ledger"
    comment = CommentFactory(name="The Ledger")
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert find(html, "span", class_="comment-badge") is None


def test_a_reply_needs_text_and_keeps_the_editor_on_the_form(staff_client):
    comment = CommentFactory()
    response = staff_client.post(reply_url(comment), {"text": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


def test_the_reply_form_warns_when_readers_do_not_see_the_comment(staff_client):
    comment = CommentFactory(pending=True)
    html = staff_client.get(reply_url(comment)).content.decode()
    assert "Readers do not see this comment" in html


def test_the_deepest_comment_takes_no_reply_from_the_desk(staff_client):
    comment = CommentFactory()
    for _level in range(3):
        comment = CommentFactory(parent=comment, article=comment.article)
    assert not comment.accepts_replies
    html = staff_client.get(CHANGELIST).content.decode()
    assert find(html, "a", href=reply_url(comment)) is None
    response = staff_client.post(reply_url(comment), {"text": "Too deep."}, follow=True)
    assert "as deep as threads go" in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


def test_the_reply_form_is_for_staff_only(client):
    comment = CommentFactory()
    client.force_login(UserFactory())
    response = client.post(reply_url(comment), {"text": "Hello."})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Comment.objects.filter(parent=comment).exists()


# Held reasons as codes


def post(client, article, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **overrides)
    )


def test_held_reasons_are_stored_as_codes(client, settings):
    settings.COMMENTS_MAX_LINKS = 0
    post(client, ArticleFactory(), text="See https://example.com")
    comment = Comment.objects.get()
    assert held_reasons.codes(comment.held_reason) == [
        "too_many_links",
        "first_comment",
        "unconfirmed",
    ]
    assert comment.held_reason == "too_many_links:links=1&limit=0; first_comment; unconfirmed"


def test_a_german_editor_reads_the_reasons_in_german(staff_client):
    comment = CommentFactory(
        pending=True, held_reason="blocked_word:phrase=Gratis%3B%20Geld; first_comment"
    )
    headers = {"Accept-Language": "de"}
    html = staff_client.get(CHANGELIST, headers=headers).content.decode()
    cell = one(html, "td", class_="field-why_held")
    assert cell.text == "gesperrtes Wort „Gratis; Geld“; erster Kommentar von dieser E-Mail-Adresse"
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    page = staff_client.get(change, headers=headers).content.decode()
    assert "erster Kommentar von dieser E-Mail-Adresse" in page


def test_reasons_read_in_english_and_french_too():
    stored = held_reasons.join(
        [held_reasons.reason("too_many_links", links=3, limit=2), held_reasons.UNCONFIRMED]
    )
    with translation.override("en"):
        assert held_reasons.describe(stored) == (
            "too many links (3, limit 2); "
            "address not yet confirmed from the poster's browser (link mailed)"
        )
    with translation.override("fr"):
        assert held_reasons.describe(stored).startswith("trop de liens (3, limite 2)")


def test_text_that_is_no_code_is_shown_as_it_is():
    assert held_reasons.describe("typed by hand; first_comment") == (
        "typed by hand; first comment from this email"
    )
    assert held_reasons.describe("too_many_links:links=3") == "too_many_links:links=3"


def test_join_keeps_whole_reasons_within_the_field():
    many = [held_reasons.reason("blocked_word", phrase="x" * 90) for _n in range(5)]
    stored = held_reasons.join(many)
    assert len(stored) <= 300
    assert held_reasons.split(stored) == many[: len(held_reasons.split(stored))]


def test_editors_mail_names_the_reason_in_words(client, settings):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test"]
    prove_address(client, "robin@example.net")
    post(client, ArticleFactory())
    mail = OutgoingMail.objects.get(purpose="moderation")
    assert "first comment from this email" in mail.body and "first_comment" not in mail.body


# The data migration


@pytest.mark.parametrize(
    ("sentences", "codes"),
    [
        ("first comment from this email", "first_comment"),
        (
            "too many links (3, limit 2); first comment from this email; "
            "address not yet confirmed from the poster's browser (link mailed)",
            "too_many_links:links=3&limit=2; first_comment; unconfirmed",
        ),
        ("blocked word “Free Money”", "blocked_word:phrase=Free%20Money"),
        (
            "rate limit (6 comments from this client in 10 min)",
            "rate_limit:count=6&minutes=10",
        ),
        ("every comment is held (COMMENTS_HOLD_ALL)", "hold_all"),
        ("same author and text as comment 42, sent from another browser", "repeats:pk=42"),
        (
            "edited after posting; edit added links (0 before, 2 after)",
            "edited; edit_added_links:before=0&after=2",
        ),
        ("deleted by its author", "deleted_by_author"),
        ("checked by phone", "other:text=checked%20by%20phone"),
        ("first_comment", "first_comment"),
    ],
)
def test_the_migration_turns_sentences_into_codes(sentences, codes):
    assert conversion.sentences_to_codes(sentences) == codes
    with translation.override("en"):
        assert held_reasons.describe(codes) == (
            sentences if sentences != "first_comment" else "first comment from this email"
        )


def test_the_migration_can_be_undone():
    codes = conversion.sentences_to_codes("blocked word “a, b”; too many links (3, limit 2)")
    assert codes == "blocked_word:phrase=a%2C%20b; too_many_links:links=3&limit=2"
    assert (
        conversion.codes_to_sentences(codes) == "blocked word “a, b”; too many links (3, limit 2)"
    )
    assert conversion.codes_to_sentences("other:text=checked%20by%20phone") == "checked by phone"
