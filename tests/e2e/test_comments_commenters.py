"""A commenter without an account: editing their comment for a while, and asking for mail
about replies, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, Subscription
from tests.e2e.comment_steps import comment_form, prove_address_in_browser, send, write_comment
from tests.e2e.consent_steps import banner
from tests.factories import ArticleFactory, CommentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("human_pace_at_any_speed"),
]


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_the_author_edits_their_comment_and_readers_see_edited(
    page, context, live_server, new_context, javascript_enabled
):
    story = ArticleFactory()
    CommentFactory(email="ada@example.net")
    prove_address_in_browser(context, live_server.url, "ada@example.net")
    page.goto(story.get_absolute_url())
    banner(page).get_by_role("button", name="Reject all").click()
    form = comment_form(page)
    write_comment(form, text="The crane was fixd.", name="Ada", email="ada@example.net")
    send(form)
    expect(page.get_by_role("status").get_by_text("published")).to_be_visible()

    own = page.locator(".comment-own")
    expect(own.get_by_text("until")).to_be_visible()
    own.get_by_role("link", name="edit this comment").click()
    page.get_by_role("textbox", name="Comment").fill("The crane was fixed.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status").get_by_text("Your comment is updated.")).to_be_visible()

    reader = new_context().new_page()
    reader.goto(story.get_absolute_url())
    comment = reader.locator(f"#comment-{Comment.objects.get(name='Ada').pk}")
    expect(comment.locator(".comment-text")).to_have_text("The crane was fixed.")
    expect(comment.get_by_text("edited")).to_be_visible()
    expect(reader.get_by_role("link", name="edit this comment")).to_have_count(0)


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_asking_for_reply_mail_waits_for_the_address_to_be_confirmed(page, javascript_enabled):
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    banner(page).get_by_role("button", name="Reject all").click()
    form = comment_form(page)
    replies_box = form.get_by_role("checkbox", name="Email me replies to my comment")
    expect(replies_box).not_to_be_checked()
    write_comment(form, text="Tell me when someone answers.", name="Bea", email="bea@example.net")
    replies_box.check()
    send(form)
    expect(page.get_by_role("status").get_by_text("awaiting moderation")).to_be_visible()
    subscription = Subscription.objects.get()
    assert subscription.kind == Subscription.Kind.REPLIES and subscription.confirmed_at is None
