import time

import pytest
from django.core import signing
from django.urls import reverse

from comments.models import BlockedWord, Comment
from comments.spam import TOKEN_SALT, issue_form_token
from tests.factories import (
    ArticleFactory,
    BlockedWordFactory,
    comment_form_data,
    trusted_commenter,
)
from tests.html import assert_has_element, find, one, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def trusted_email(client):
    """An email with an approved comment, proved from `client`: its posts are published."""
    return trusted_commenter(client, "trusted@example.net")


def kept_text(html):
    return one(html, "textarea", name="text").text


def post(client, article, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **overrides)
    )


def test_filled_honeypot_is_refused_with_the_text_kept(client, article):
    response = post(client, article, subject="Buy now", text="Bot words")
    assert response.status_code == 400
    html = response.content.decode()
    assert "a hidden field meant to stay empty was filled in" in html
    assert kept_text(html) == "Bot words"
    trap = one(html, "input", name="subject")  # sent back empty
    assert (trap["autocomplete"], trap["tabindex"], trap["id"]) == ("off", "-1", "id_subject")
    assert not trap.has("value")
    assert not Comment.objects.exists()


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    trap = parse(html).one("div", class_="comment-trap", aria_hidden="true")
    assert_has_element(trap, "input", name="subject", autocomplete="off", tabindex="-1")


def test_a_post_sent_the_moment_its_form_was_served_is_not_refused_for_speed(client, article):
    # A shared cached page gives every reader the same token: its age is the page's, not the
    # reader's, so it cannot tell a bot from a person and is not used to (docs/comments.md,
    # spam.py).
    response = post(client, article, seconds_ago=0, text="Quick but human")
    assert response.status_code == 302
    assert Comment.objects.get(article=article).text == "Quick but human"


def test_a_good_token_is_sent_back_unchanged_after_a_field_error(client, article):
    token = issue_form_token(article.pk, issued_at=time.time() - 1)
    response = post(client, article, token=token, name="")
    assert response.status_code == 400
    assert_has_element(response.content.decode(), "input", name="token", value=token)


def test_stale_form_is_refused_and_sent_back_with_a_fresh_token(client, article, settings):
    settings.COMMENTS_FORM_MAX_AGE_HOURS = 2
    stale = issue_form_token(article.pk, issued_at=time.time() - 3 * 3600)
    response = post(client, article, token=stale, text="Written slowly")
    html = response.content.decode()
    assert response.status_code == 400
    assert "This form was open for a long time" in html
    assert kept_text(html) == "Written slowly"
    assert find(html, value=stale) is None and one(html, "input", name="token").has("value")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "made-up",
        "eyJhcnRpY2xlIjoxLCJpc3N1ZWQiOjB9:1aaaaa:forgedsignature",
        signing.dumps({"article": 1, "issued": 0}, salt="another-salt"),
        signing.dumps({"article": 1, "issued": "long ago"}, salt=TOKEN_SALT),
        "x" * 100_000,
    ],
)
def test_missing_or_forged_token_is_refused(client, article, token):
    response = post(client, article, token=token)
    assert response.status_code == 400
    assert "Something went wrong with the form" in response.content.decode()
    assert not Comment.objects.exists()


def test_token_from_another_story_is_refused(client, article):
    other = ArticleFactory()
    token = issue_form_token(other.pk, issued_at=time.time() - 60)
    assert post(client, article, token=token).status_code == 400


def test_token_from_the_future_is_refused(client, article):
    token = issue_form_token(article.pk, issued_at=time.time() + 3600)
    assert post(client, article, token=token).status_code == 400


def test_rate_limit_holds_then_refuses_a_flood_from_one_client(
    client, article, settings, trusted_email
):
    settings.COMMENTS_RATE_LIMIT_HOLD = 2
    settings.COMMENTS_RATE_LIMIT_REJECT = 3
    statuses = [
        post(client, article, email=trusted_email, text=f"Comment {number}").status_code
        for number in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    stored = list(Comment.objects.filter(article=article).order_by("pk"))
    assert [c.status for c in stored] == ["approved", "approved", "pending"]
    assert stored[2].held_reason.startswith("rate_limit:count=3&minutes=")
    refused = post(client, article, email=trusted_email, text="Still mine")
    assert "Please wait a few minutes" in refused.content.decode()
    assert kept_text(refused.content.decode()) == "Still mine"


def test_rate_limit_counts_per_client(client, article, settings, trusted_email):
    settings.COMMENTS_RATE_LIMIT_HOLD = 1
    settings.COMMENTS_RATE_LIMIT_REJECT = 1
    url = reverse("comments:post", args=[article.pk])
    data = comment_form_data(article, email=trusted_email)
    assert client.post(url, data, REMOTE_ADDR="198.51.100.1").status_code == 302
    assert client.post(url, data, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.post(url, data, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_rate_limit_ignores_forms_sent_back_for_correction(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_REJECT = 1
    for _ in range(3):
        assert post(client, article, email="typo").status_code == 400
    assert post(client, article).status_code == 302


def test_rate_limit_sees_the_client_behind_trusted_proxies(
    client, article, settings, trusted_email
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.COMMENTS_RATE_LIMIT_HOLD = 1
    settings.COMMENTS_RATE_LIMIT_REJECT = 1
    url = reverse("comments:post", args=[article.pk])
    data = comment_form_data(article, email=trusted_email)
    # The load balancer appends the real client; a forged left-hand entry changes nothing.
    first = client.post(url, data, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    second = client.post(url, data, HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.9")
    other = client.post(url, data, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.10")
    assert [first.status_code, second.status_code, other.status_code] == [302, 429, 302]


def test_comment_with_too_many_links_is_held(client, article, settings, trusted_email):
    settings.COMMENTS_MAX_LINKS = 2
    text = "See https://a.example.com and www.b.example.org and c.example.net"
    post(client, article, email=trusted_email, text=text)
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "too_many_links:links=3&limit=2"


def test_comment_within_the_link_limit_is_published(client, article, settings, trusted_email):
    settings.COMMENTS_MAX_LINKS = 2
    post(client, article, email=trusted_email, text="See https://a.example.com and b.example.org")
    assert Comment.objects.get(article=article).status == Comment.Status.APPROVED


def test_blocked_word_holds_the_comment(client, article, trusted_email):
    BlockedWordFactory(phrase="miracle cure", action=BlockedWord.Action.HOLD)
    post(client, article, email=trusted_email, text="Try this Miracle  Cure today")
    post(client, article, email=trusted_email, text="Try this MIRACLE CURE today")
    held = Comment.objects.filter(article=article, status=Comment.Status.PENDING)
    assert [c.held_reason for c in held] == ["blocked_word:phrase=miracle%20cure"] * 2


def test_blocked_word_marked_spam_sends_the_comment_to_spam(client, article, trusted_email):
    BlockedWordFactory(phrase="casino", action=BlockedWord.Action.SPAM)
    response = post(client, article, email=trusted_email, name="Best ＣＡＳＩＮＯ")
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.SPAM
    assert comment.held_reason == "blocked_word:phrase=casino"
    assert response["Location"] == f"{article.get_absolute_url()}#comments"


def test_blocked_word_matches_whole_words_only(client, article, trusted_email):
    BlockedWordFactory(phrase="ass")
    post(client, article, email=trusted_email, text="A classic assessment of the brass band")
    assert Comment.objects.get(article=article).status == Comment.Status.APPROVED


def test_blocked_words_are_checked_in_the_website_too(client, article, trusted_email):
    BlockedWordFactory(phrase="pills")
    post(client, article, email=trusted_email, website="https://cheap-pills.example.com/")
    assert Comment.objects.get(article=article).status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "disguised",
    [
        pytest.param("ca\u200bsino", id="zero-width space"),
        pytest.param("cas\u00adino", id="soft hyphen"),
        pytest.param("c\u200da\u200cs\u2060i\ufeffno", id="joiners, word joiner and BOM"),
        pytest.param("\u0441\u0430sino", id="Cyrillic es and a"),
        pytest.param("CASIN\u039f", id="Greek capital omicron"),
        pytest.param("ca\u3164sino", id="Hangul filler"),
        pytest.param("cas\uffa0ino", id="half-width Hangul filler"),
        pytest.param("casi\u2800no", id="blank Braille pattern"),
        pytest.param("\u03f2\u03b1\u0455\u0456\u03b7\u03bf", id="no Latin letter at all"),
        pytest.param("c\u0338a\u0301s\u0323i\u0308no", id="combining marks"),
        pytest.param("\uff43\u0430\u200bs\u00adino", id="full-width, Cyrillic and invisible"),
    ],
)
def test_blocked_word_is_found_through_disguises(client, article, trusted_email, disguised):
    BlockedWordFactory(phrase="casino", action=BlockedWord.Action.SPAM)
    post(client, article, email=trusted_email, text=f"Visit the best {disguised} in town")
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.SPAM
    assert comment.held_reason == "blocked_word:phrase=casino"


def test_blocked_phrase_written_with_lookalikes_matches_plain_text(client, article, trusted_email):
    # The editor may paste a phrase copied from a spam comment, disguises and all.
    BlockedWordFactory(phrase="\u0441\u0430s\u200bino")
    post(client, article, email=trusted_email, name="Casino Royale")
    assert Comment.objects.get(article=article).status == Comment.Status.PENDING


def test_folding_lookalikes_keeps_whole_word_matching(client, article, trusted_email):
    BlockedWordFactory(phrase="ass")
    post(client, article, email=trusted_email, text="A cl\u0430ss\u200bic brass band")
    assert Comment.objects.get(article=article).status == Comment.Status.APPROVED
