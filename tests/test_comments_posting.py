from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from comments import outbox
from comments.models import MAX_DEPTH, Comment
from tests.factories import ArticleFactory, CommentFactory, comment_form_data, trusted_commenter
from tests.html import assert_has_element, assert_in_html, find, find_all, one, parse

pytestmark = pytest.mark.django_db


def post_url(article):
    return reverse("comments:post", args=[article.pk])


def kept_text(html):
    """What the comment box holds: the text the reader typed, sent back."""
    return one(html, "textarea", name="text").text


def parent_field(html):
    field = one(html, "input", name="parent")
    assert field["id"] == "id_parent"
    return field


def test_form_has_labelled_required_fields_and_the_privacy_line(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    page = parse(html)
    for field, label in [("text", "Comment"), ("name", "Name"), ("email", "Email")]:
        label_element = page.one("label", for_=f"id_{field}")
        assert label_element.text == f"{label} *"
        assert label_element.one("span", class_="required-mark").text == "*"
        assert page.one(name=field, required=True).tag in ("input", "textarea")
    assert_in_html('<label for="id_website">Website</label>', html)
    assert not page.find_all("input", name="website", required=True)
    assert "Your email address will not be published." in html
    assert "Required fields are marked" in html
    assert_has_element(page, action=f"{post_url(article)}#comment-errors")
    assert_has_element(page, "button", type="submit", text="Post comment")


def test_successful_post_redirects_to_the_comment_with_a_message(client):
    article = ArticleFactory()
    trusted_commenter(client)  # robin is a known commenter, proved in this browser
    response = client.post(post_url(article), comment_form_data(article, text="Well reported."))
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.APPROVED
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Your comment is published." in html
    assert f'id="comment-{comment.pk}"' in html and "Well reported." in html


def test_held_post_redirects_with_an_awaiting_moderation_message_and_a_private_preview(client):
    article = ArticleFactory()
    response = client.post(post_url(article), comment_form_data(article, text="First time here."))
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING
    location = response["Location"]
    assert location.startswith(f"{article.get_absolute_url()}?held=")
    assert location.endswith(f"#comment-{comment.pk}")
    html = client.get(location).content.decode()
    assert "awaiting moderation" in html
    assert f'id="comment-{comment.pk}"' in html and "First time here." in html
    # Anyone reading the story without that link sees nothing of it.
    public = client.get(article.get_absolute_url()).content.decode()
    assert "First time here." not in public


def test_held_preview_link_with_a_forged_token_shows_nothing(client):
    article = ArticleFactory()
    CommentFactory(article=article, pending=True, text="Not yet public.")
    html = client.get(article.get_absolute_url(), {"held": "1:forged"}).content.decode()
    assert "Not yet public." not in html


@pytest.mark.parametrize("missing", ["text", "name", "email"])
def test_missing_required_field_is_reported_next_to_it_and_text_is_kept(client, missing):
    article = ArticleFactory()
    data = comment_form_data(article, text="My carefully written <b>reply</b> & more.")
    data[missing] = "   "
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert_has_element(html, "ul", class_="errorlist", id=f"id_{missing}_error")
    assert_has_element(html, name=missing, aria_invalid="true")
    if missing != "text":  # kept, and escaped: a <b> element would not be text
        assert kept_text(html) == "My carefully written <b>reply</b> & more."
    assert "Your comment has not been posted yet" in html
    assert not Comment.objects.exists()


def test_invalid_email_and_website_keep_everything_the_reader_typed(client):
    article = ArticleFactory()
    data = comment_form_data(
        article, text="Keep me", name="Sam", email="not-an-email", website="javascript:alert(1)"
    )
    response = client.post(post_url(article), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter an email address like name@example.com." in html
    assert "Enter a web address starting with http:// or https://" in html
    assert kept_text(html) == "Keep me"
    assert_has_element(html, "input", name="name", value="Sam")
    assert_has_element(html, "input", name="email", value="not-an-email")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "data:text/html,hi", "ftp://files.example.net/x", "//x"]
)
def test_website_must_be_http_or_https(client, website):
    article = ArticleFactory()
    response = client.post(post_url(article), comment_form_data(article, website=website))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_website_without_scheme_is_taken_as_https(client):
    article = ArticleFactory()
    client.post(post_url(article), comment_form_data(article, website="robin.example.net"))
    assert Comment.objects.get().website == "https://robin.example.net"


@pytest.mark.parametrize(
    ("field", "length"), [("text", 5001), ("name", 81), ("email", 255), ("website", 201)]
)
def test_overlong_fields_are_refused_with_a_clear_error(client, field, length):
    article = ArticleFactory()
    value = {
        "text": "x" * length,
        "name": "n" * length,
        "email": "e" * (length - 12) + "@example.net",
        "website": "https://example.net/" + "p" * (length - 20),
    }[field]
    response = client.post(post_url(article), comment_form_data(article, **{field: value}))
    assert response.status_code == 400
    assert "Please shorten this to" in response.content.decode()
    assert not Comment.objects.exists()


def test_script_tags_in_every_field_come_out_escaped(client):
    article = ArticleFactory()
    trusted_commenter(client)
    hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    client.post(post_url(article), comment_form_data(article, text=hostile, name=hostile))
    assert Comment.objects.filter(article=article, status=Comment.Status.APPROVED).exists()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert('x')" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "text",
    [
        "nul\x00byte",
        "\u202egnp.exe",
        "emoji 👩\u200d👩\u200d👧 and Ǆ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "combining a\u0301\u0301\u0301",
        "\r\n\r\nwindows\r\nlines\r\n",
        "\x0b\x0c\x1b[31m ansi",
    ],
)
def test_odd_unicode_never_causes_a_server_error(client, text):
    article = ArticleFactory()
    response = client.post(post_url(article), comment_form_data(article, text=text, name=text))
    assert response.status_code in (302, 400)
    for comment in Comment.objects.all():
        assert "\x00" not in comment.text + comment.name
        assert "\u202e" not in comment.text + comment.name
    assert client.get(article.get_absolute_url()).status_code == 200


def test_posting_to_a_story_closed_by_its_editor_is_refused_and_the_text_kept(client):
    article = ArticleFactory(comments_open=False)
    response = client.post(post_url(article), comment_form_data(article, text="Too late?"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Comments are closed for this story" in html
    assert one(html, "textarea", id="refused-comment").text == "Too late?"
    assert not Comment.objects.exists()


def test_posting_after_the_automatic_closing_date_is_refused(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=8))
    response = client.post(post_url(article), comment_form_data(article))
    assert response.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_posting_to_an_unpublished_story_is_404(client, trait):
    article = ArticleFactory(**{trait: True})
    assert client.post(post_url(article), comment_form_data(article)).status_code == 404
    assert not Comment.objects.exists()


def test_comment_form_accepts_only_post(client):
    article = ArticleFactory()
    assert client.get(post_url(article)).status_code == 405


def test_reply_is_stored_under_its_parent(client):
    trusted_commenter(client)
    parent = Comment.objects.get(email="robin@example.net")
    article = parent.article
    response = client.post(
        post_url(article), comment_form_data(article, parent=parent.pk, text="I agree.")
    )
    reply = Comment.objects.get(parent=parent)
    assert (reply.thread_id, reply.depth, reply.status) == (parent.pk, 1, "approved")
    assert urlsplit(response["Location"]).fragment == f"comment-{reply.pk}"


def test_reply_to_a_hidden_comment_or_one_on_another_story_is_refused_text_kept(client):
    article = ArticleFactory()
    hidden = CommentFactory(article=article, pending=True)
    elsewhere = CommentFactory()
    for parent in (hidden, elsewhere):
        data = comment_form_data(article, parent=parent.pk, text="My reply text")
        response = client.post(post_url(article), data)
        html = response.content.decode()
        assert response.status_code == 400
        assert "no longer available" in html and kept_text(html) == "My reply text"
        # The form comes back as a new comment, so sending it again just works.
        assert not parent_field(html).has("value")
    assert Comment.objects.filter(article=article).count() == 1


def test_replies_stop_at_the_maximum_depth(client):
    comment = CommentFactory()
    for _level in range(MAX_DEPTH - 1):
        comment = CommentFactory(article=comment.article, parent=comment)
    assert comment.depth == MAX_DEPTH - 1
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert find(html, data_reply_to=str(comment.pk)) is None
    assert_has_element(html, data_reply_to=str(comment.parent_id))
    data = comment_form_data(comment.article, parent=comment.pk)
    assert client.post(post_url(comment.article), data).status_code == 400


def test_reply_link_works_without_javascript(client):
    parent = CommentFactory(name="Dana")
    url = parent.article.get_absolute_url()
    html = client.get(url).content.decode()
    assert_has_element(html, "a", href=f"{url}?replyto={parent.pk}#respond")
    reply_form = client.get(url, {"replyto": parent.pk}).content.decode()
    assert "Reply to Dana" in reply_form
    assert parent_field(reply_form).get("value") == str(parent.pk)
    assert "Cancel reply" in reply_form


def test_success_message_never_repeats_on_the_next_page(client):
    article = ArticleFactory()
    response = client.post(post_url(article), comment_form_data(article), follow=True)
    assert "awaiting moderation" in response.content.decode()
    assert "awaiting moderation" not in client.get(article.get_absolute_url()).content.decode()


def test_malformed_request_bodies_never_cause_a_server_error(client):
    article = ArticleFactory()
    url = post_url(article)
    data = comment_form_data(article)
    token = data["token"]
    bodies = [
        b"text=%FF%FE%00&name=%C0%AF&email=x%40example.net&token=" + token.encode(),
        b"text=one&text=two&name=a&name=b&email=e%40example.net",
        b"",
        b"%%%&&&===",
    ]
    for body in bodies:
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (302, 400), body
    for parent in ("abc", "-5", "1e9", "9" * 40):
        response = client.post(url, comment_form_data(article, parent=parent, text="Kept"))
        assert response.status_code == 400
        assert kept_text(response.content.decode()) == "Kept"


@pytest.mark.parametrize(
    "value", ["", "abc", "0", "-1", "+1", " 1", "1.0", "１", "99999999999999999999"]
)
def test_invalid_reply_target_is_ignored_rather_than_read_as_comment_1(client, value):
    # The first comment in a fresh database is id 1: the one a misread id would reply to.
    first = CommentFactory(pk=1, name="Dana")
    response = client.get(first.article.get_absolute_url(), {"replyto": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reply to Dana" not in html and "Leave a Response" in html
    assert not parent_field(html).has("value")


def test_valid_reply_target_sets_the_parent_and_heading(client):
    first = CommentFactory(pk=1, name="Dana")
    html = client.get(first.article.get_absolute_url(), {"replyto": "1"}).content.decode()
    assert "Reply to Dana" in html
    assert parent_field(html).get("value") == "1"


INVISIBLE_ONLY = [
    pytest.param("\u200b\u200c\u200d", id="zero-width space and joiners"),
    pytest.param("\u00ad\u2060\ufeff", id="soft hyphen, word joiner, BOM"),
    pytest.param(" \u200b \u2003\u200b ", id="spaces and zero-width spaces"),
    pytest.param("\u3164\u3164", id="Hangul filler"),
    pytest.param("\u2800", id="blank Braille pattern"),
    pytest.param("\u034f\u0301", id="combining marks alone"),
]


@pytest.mark.parametrize("invisible", INVISIBLE_ONLY)
def test_name_of_only_invisible_characters_is_refused_like_an_empty_one(client, invisible):
    article = ArticleFactory()
    data = comment_form_data(article, name=invisible, text="Words I want to keep")
    response = client.post(post_url(article), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your name; it is shown with your comment." in html
    assert kept_text(html) == "Words I want to keep"
    assert not Comment.objects.exists()


@pytest.mark.parametrize("invisible", INVISIBLE_ONLY)
def test_comment_of_only_invisible_characters_is_refused_like_an_empty_one(client, invisible):
    article = ArticleFactory()
    response = client.post(post_url(article), comment_form_data(article, text=invisible))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Write your comment." in html
    assert_has_element(html, "input", name="name", value="Robin Reader")
    assert not Comment.objects.exists()


def test_joiners_inside_visible_text_are_kept(client):
    article = ArticleFactory()
    # A ZWJ emoji sequence and a Persian word with a zero-width non-joiner.
    name, text = (
        "Sam \U0001f469\u200d\U0001f4bb",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    )
    response = client.post(post_url(article), comment_form_data(article, name=name, text=text))
    assert response.status_code == 302
    comment = Comment.objects.get(article=article)
    assert (comment.name, comment.text) == (name, text)


def test_failed_post_opens_at_an_error_summary_linking_to_each_invalid_field(client):
    article = ArticleFactory()
    data = comment_form_data(article, name="", email="not an address")
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    html = response.content.decode()
    summary = one(html, id="comment-errors")
    # The form's action ends with the summary's anchor, so the page opens (and, being
    # focusable, puts focus) on it without JavaScript.
    assert_has_element(html, action=f"{post_url(article)}#comment-errors")
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assertInHTML(
        '<a href="#id_name">Name: Enter your name; it is shown with your comment.</a>', html
    )
    assertInHTML(
        '<a href="#id_email">Email: Enter an email address like name@example.com.</a>', html
    )
    assert find(html, href="#id_text") is None


def test_every_invalid_field_is_marked_with_the_error_style(client):
    article = ArticleFactory()
    response = client.post(
        post_url(article), comment_form_data(article, text="", name="", email="")
    )
    boxes = find_all(response.content.decode(), "div", class_="form-field")
    assert sum("has-error" in box.classes for box in boxes) == 3


def test_a_blank_form_has_no_error_summary(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert find(html, id="comment-errors") is None and "has-error" not in html


def test_form_uses_the_familiar_wording(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    heading = one(html, id="respond-heading")
    assert heading["data-default-heading"] == "Leave a Response"
    assertInHTML(
        '<h3 id="respond-heading" data-default-heading="Leave a Response"'
        ' data-reply-heading="Reply to %(name)s">Leave a Response</h3>',
        html,
    )
    note = parse(html).one("p", id="comment-form-note")
    assert note.text.startswith(
        "Your email address will not be published. Required fields are marked *"
    )
    assert note.one("span", class_="required-mark").text == "*"


@pytest.mark.parametrize(
    "name", ["Robin\r\nBcc: all@example.net", "Robin\nReader", "Robin\tReader"]
)
def test_a_name_with_a_line_break_is_refused_next_to_the_field_and_text_kept(client, name):
    article = ArticleFactory()
    data = comment_form_data(article, name=name, text="Words worth keeping.")
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    html = response.content.decode()
    errors = one(html, "ul", class_="errorlist", id="id_name_error")
    assert "on one line" in errors.text
    assert kept_text(html) == "Words worth keeping."
    assert not Comment.objects.exists()


def test_a_stored_name_with_a_line_break_still_gives_a_deliverable_reply_mail(mailoutbox):
    # Names stored before they were checked: the subject is put on one line when queued.
    outbox.enqueue("a@example.net", "[Site] Robin\r\nBcc: x@example.net replied", "Body", "test")
    assert outbox.deliver_due() == (1, 0)
    assert mailoutbox[0].subject == "[Site] Robin Bcc: x@example.net replied"
