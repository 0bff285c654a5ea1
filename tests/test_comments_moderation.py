import pytest
from django.urls import reverse

from comments import confirmation
from comments.held_reasons import UNCONFIRMED
from comments.models import Comment, ModerationReason
from comments.outbox import OutgoingMail, deliver_due
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    StaffFactory,
    UserFactory,
    comment_form_data,
    prove_address,
    trusted_commenter,
)
from tests.html import assert_has_element

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def post(client, article, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_form_data(article, **overrides)
    )


def test_first_comment_from_an_email_is_held(client):
    article = ArticleFactory()
    post(client, article, email="New.Reader@Example.net")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == f"first_comment; {UNCONFIRMED}"
    assert comment.email == "new.reader@example.net"


def test_email_with_an_approved_comment_is_approved_directly_from_a_browser_that_proved_it(
    client,
):
    trusted_commenter(client, "regular@example.net")
    article = ArticleFactory()
    post(client, article, email="REGULAR@example.net")
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.APPROVED and comment.held_reason == ""


def test_email_with_only_pending_or_spam_comments_is_still_held(client):
    CommentFactory(email="unsure@example.net", pending=True)
    CommentFactory(email="unsure@example.net", spam=True)
    article = ArticleFactory()
    post(client, article, email="unsure@example.net")
    assert Comment.objects.get(article=article).status == Comment.Status.PENDING


def test_hold_all_setting_holds_even_known_commenters(client, settings):
    settings.COMMENTS_HOLD_ALL = True
    trusted_commenter(client, "regular@example.net")
    article = ArticleFactory()
    post(client, article, email="regular@example.net")
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "hold_all"


def test_several_reasons_are_all_recorded(client, settings):
    settings.COMMENTS_MAX_LINKS = 0
    article = ArticleFactory()
    post(client, article, text="Look at https://example.com")
    assert Comment.objects.get().held_reason == (
        f"too_many_links:links=1&limit=0; first_comment; {UNCONFIRMED}"
    )


def editor_mail(mailoutbox):
    """The mail delivered from the outbox, confirmation mails to posters left out."""
    deliver_due()
    return [mail for mail in mailoutbox if "confirm" not in mail.subject]


def test_editors_are_emailed_about_held_comments(client, settings, mailoutbox):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test"]
    article = ArticleFactory(headline="Harbour reopens")
    prove_address(client, "secret-robin@example.net")
    post(client, article, name="Robin", email="secret-robin@example.net", text="A word.")
    sent = editor_mail(mailoutbox)
    assert len(sent) == 1
    mail = sent[0]
    assert mail.to == ["desk@newsroom.test"]
    assert "awaiting moderation" in mail.subject
    assert "Harbour reopens" in mail.body and "first comment from this email" in mail.body
    assert "http://testserver/admin/comments/comment/?status__exact=pending" in mail.body
    assert "secret-robin" not in mail.body


def test_without_a_notification_list_active_staff_are_emailed(client, settings, mailoutbox):
    settings.COMMENTS_NOTIFY_EMAILS = []
    StaffFactory(email="editor@newsroom.test")
    StaffFactory(email="retired@newsroom.test", is_active=False)
    UserFactory(email="reader@newsroom.test")
    article = ArticleFactory()
    prove_address(client, "robin@example.net")
    post(client, article)
    assert [mail.to for mail in editor_mail(mailoutbox)] == [["editor@newsroom.test"]]


def test_approved_comments_send_no_email(client, mailoutbox):
    trusted_commenter(client, "regular@example.net")
    article = ArticleFactory()
    post(client, article, email="regular@example.net")
    assert OutgoingMail.objects.count() == 0
    deliver_due()
    assert mailoutbox == []


def test_a_comment_held_only_until_its_address_is_confirmed_does_not_trouble_editors(
    client, settings
):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test"]
    CommentFactory(email="regular@example.net")  # known, but this browser proved nothing
    post(client, ArticleFactory(), email="regular@example.net")
    assert list(OutgoingMail.objects.values_list("to", "purpose")) == [
        ("regular@example.net", "confirmation")
    ]


def test_a_failing_mail_server_does_not_lose_the_comment(client, settings):
    settings.EMAIL_BACKEND = "tests.test_comments_outbox.RefusingBackend"
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test"]
    article = ArticleFactory()
    response = post(client, article)
    assert response.status_code == 302
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 1
    # The confirmation link (editors hear of the comment once its address is confirmed).
    assert deliver_due() == (0, 1)
    assert OutgoingMail.objects.filter(sent_at=None, attempts=1).count() == 1


def test_admin_list_shows_moderation_columns(staff_client):
    CommentFactory(
        article=ArticleFactory(headline="Bridge story"),
        name="Quinn",
        email="quinn@example.net",
        text="Held because new",
        pending=True,
        held_reason="first_comment",
    )
    html = staff_client.get(CHANGELIST).content.decode()
    for expected in (
        "Bridge story", "Quinn", "quinn@example.net", "Pending", "Held because new",
        "first comment from this email", "Why it was held",
    ):  # fmt: skip
        assert expected in html
    # Name and address share a column, so everything fits a 1280 px screen (tests/e2e).
    for column in ("column-article", "column-commenter", "column-status", "column-why_held"):
        assert column in html


def test_admin_filters_by_status_and_article_and_searches(staff_client):
    story = ArticleFactory()
    CommentFactory(article=story, text="Kept apples", pending=True)
    CommentFactory(article=story, text="Approved pears")
    CommentFactory(text="Elsewhere plums", pending=True)
    pending = staff_client.get(CHANGELIST, {"status__exact": "pending"}).content.decode()
    assert "Kept apples" in pending and "Elsewhere plums" in pending
    assert "Approved pears" not in pending
    on_story = staff_client.get(CHANGELIST, {"article__id__exact": story.pk}).content.decode()
    assert "Elsewhere plums" not in on_story and "Kept apples" in on_story
    found = staff_client.get(CHANGELIST, {"q": "pears"}).content.decode()
    assert "Approved pears" in found and "Kept apples" not in found


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", "approved", "Approved 2 comments."),
        ("mark_spam", "spam", "Marked as spam: 2 comments."),
        ("remove", "removed", "Removed 2 comments."),
    ],
)
def test_bulk_moderation_actions(staff_client, action, status, message):
    chosen = CommentFactory.create_batch(2, pending=True)
    untouched = CommentFactory(pending=True)
    data = {"action": action, "_selected_action": [c.pk for c in chosen]}
    if status != "approved":
        # Removing and restricting ask for a reason first (test_comments_statements.py).
        data.update(post="yes", reason=ModerationReason.objects.get(code="off-topic").pk)
    response = staff_client.post(CHANGELIST, data, follow=True)
    assert message in response.content.decode()
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == status and comment.moderated_at is not None
    untouched.refresh_from_db()
    assert untouched.status == "pending"


def test_approving_in_the_admin_publishes_the_comment(client, staff_client):
    comment = CommentFactory(pending=True, text="Now you see me")
    url = comment.article.get_absolute_url()
    assert "Now you see me" not in client.get(url).content.decode()
    staff_client.post(CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]})
    assert "Now you see me" in client.get(url).content.decode()


def test_admin_index_shows_the_pending_count(staff_client):
    CommentFactory.create_batch(3, pending=True)
    CommentFactory()
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "3 comments awaiting moderation" in html
    assert_has_element(html, "a", href=f"{CHANGELIST}?status__exact=pending")


def test_editing_the_text_in_the_admin_rerenders_it(staff_client):
    comment = CommentFactory(text="Old words")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    data = {
        "name": comment.name,
        "email": comment.email,
        "website": "",
        "text": "New words with https://example.org",
        "status": "approved",
    }
    assert staff_client.post(url, data).status_code == 302
    comment.refresh_from_db()
    assert_has_element(
        comment.text_html, "a", href="https://example.org", rel="nofollow ugc noopener"
    )


def test_article_admin_list_shows_comment_counts_without_a_query_per_row(
    staff_client, django_assert_max_num_queries
):
    for count in (1, 3):
        article = ArticleFactory(headline=f"Story with {count}")
        CommentFactory.create_batch(count, article=article)
        CommentFactory(article=article, pending=True)
    url = reverse("admin:articles_article_changelist")
    html = staff_client.get(url).content.decode()
    assert "column-comment_count" in html
    assert "3 (1 pending)" in html and "1 (1 pending)" in html
    ArticleFactory.create_batch(20)
    with django_assert_max_num_queries(12) as few_rows:
        staff_client.get(url)
    ArticleFactory.create_batch(40)
    with django_assert_max_num_queries(len(few_rows)):
        staff_client.get(url)


def test_editors_maintain_blocked_words_in_the_admin(staff_client, client):
    add = reverse("admin:comments_blockedword_add")
    response = staff_client.post(add, {"phrase": "Free Money", "action": "spam"})
    assert response.status_code == 302
    trusted_commenter(client, "regular@example.net")
    article = ArticleFactory()
    post(client, article, email="regular@example.net", text="Get free money here")
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.SPAM
    assert comment.held_reason == "blocked_word:phrase=Free%20Money"


@pytest.mark.parametrize(
    ("language", "count", "message"),
    [
        ("en", 1, "Approved 1 comment."),
        ("de", 1, "1 Kommentar freigegeben."),
        ("de", 3, "3 Kommentare freigegeben."),
        ("fr", 1, "1 commentaire approuvé."),
        ("fr", 3, "3 commentaires approuvés."),
    ],
)
def test_moderation_messages_count_in_the_editors_language(staff_client, language, count, message):
    chosen = CommentFactory.create_batch(count, pending=True)
    response = staff_client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [c.pk for c in chosen]},
        headers={"Accept-Language": language},
        follow=True,
    )
    assert message in response.content.decode()


def test_editors_hear_of_a_comment_from_an_unconfirmed_address_once_it_is_confirmed(
    client, settings, mailoutbox
):
    # Until then nobody need read it, and a post from an unconfirmed address takes the same
    # steps whatever address it names: its timing tells nothing about the address.
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@newsroom.test"]
    settings.COMMENTS_HOLD_ALL = True  # still waiting for a moderator once confirmed
    post(client, ArticleFactory(headline="Harbour reopens"), email="new@example.net")
    assert not OutgoingMail.objects.filter(to="desk@newsroom.test").exists()
    comment = Comment.objects.get()
    client.post(confirmation.link_for(comment, ""))
    notice = OutgoingMail.objects.get(to="desk@newsroom.test")
    assert "Harbour reopens" in notice.body
