"""Replying to a comment, and "remember me", which needs the visitor's consent to Functional
cookies: details come back in the form only when it was given."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.e2e.comment_steps import (
    comment_form,
    prove_address_in_browser,
    send,
    textbox,
    write_comment,
)
from tests.e2e.consent_steps import (
    banner,
    choose,
    cookie_names,
    cookie_settings_link,
    open_preferences,
)
from tests.factories import ArticleFactory, CommentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("human_pace_at_any_speed"),
]

REMEMBER = "Remember my name, email and website"


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_reply_appears_nested_under_the_comment_it_answers(
    page, context, live_server, javascript_enabled, assert_accessible, save_screenshot
):
    story = ArticleFactory()
    grace = CommentFactory(article=story, name="Grace Hopper", text="Who fixed the crane?")
    CommentFactory(article=story, name="Alan", text="A later, unrelated comment.")
    # Ada has been approved before and confirmed her address in this browser, so her reply is
    # published without waiting.
    CommentFactory(email="ada@example.net", name="Ada Lovelace")
    prove_address_in_browser(context, live_server.url, "ada@example.net")
    page.goto(story.get_absolute_url())
    banner(page).get_by_role("button", name="Reject all").click()

    page.get_by_role("link", name="Reply to Grace Hopper").click()
    form = comment_form(page)
    expect(form.get_by_role("heading", name="Reply to Grace Hopper")).to_be_visible()
    write_comment(
        form, text="The harbour's own engineers did.", name="Ada", email="ada@example.net"
    )
    send(form)

    expect(page.get_by_role("status").get_by_text("published")).to_be_visible()
    thread = page.locator(".comment-item").filter(has=page.locator(f"#comment-{grace.pk}"))
    reply = thread.locator(".comment-replies .comment")
    assert reply.locator(".comment-text").inner_text() == "The harbour's own engineers did."
    assert Comment.objects.get(text="The harbour's own engineers did.").parent == grace
    html = page.content()
    assert "ada@example.net" not in html and grace.email not in html
    assert_accessible(page)
    if javascript_enabled:
        save_screenshot(page, "article-with-comments")


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_remember_me_prefills_the_form_only_with_functional_cookies_allowed(
    page, context, javascript_enabled
):
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    preferences = open_preferences(
        page,
        banner(page).get_by_role("link", name="Customize"),
        javascript_enabled=javascript_enabled,
    )
    preferences.get_by_role("switch", name="Functional").check()
    choose(preferences, "Save my preferences", javascript_enabled=javascript_enabled)
    page.goto(story.get_absolute_url())  # the form as rendered for the new choice

    form = comment_form(page)
    write_comment(
        form, text="First!", name="Ada", email="ada@example.net", website="https://ada.example"
    )
    form.get_by_role("checkbox", name=REMEMBER).check()
    send(form)
    assert "newsroom_commenter" in cookie_names(context)

    page.goto(story.get_absolute_url())
    form = comment_form(page)
    assert textbox(form, "Name").input_value() == "Ada"
    assert textbox(form, "Email").input_value() == "ada@example.net"
    assert textbox(form, "Website").input_value() == "https://ada.example"
    expect(form.get_by_role("checkbox", name=REMEMBER)).to_be_checked()

    # Withdrawing Functional consent forgets the details and greys out the box.
    preferences = open_preferences(
        page,
        cookie_settings_link(page),
        javascript_enabled=javascript_enabled,
    )
    preferences.get_by_role("switch", name="Functional").uncheck()
    choose(preferences, "Save my preferences", javascript_enabled=javascript_enabled)
    assert "newsroom_commenter" not in cookie_names(context)
    page.goto(story.get_absolute_url())
    form = comment_form(page)
    assert textbox(form, "Name").input_value() == ""
    assert textbox(form, "Email").input_value() == ""
    expect(form.get_by_role("checkbox", name=REMEMBER)).to_be_disabled()


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_remember_me_is_unavailable_without_functional_cookies(page, context, javascript_enabled):
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    banner(page).get_by_role("button", name="Reject all").click()

    form = comment_form(page)
    remember = form.get_by_role("checkbox", name=REMEMBER)
    expect(remember).to_be_disabled()
    expect(form.get_by_text("you have not allowed Functional cookies")).to_be_visible()
    write_comment(form, text="First!", name="Ada", email="ada@example.net")
    send(form)

    page.goto(story.get_absolute_url())
    form = comment_form(page)
    assert textbox(form, "Name").input_value() == ""
    assert textbox(form, "Email").input_value() == ""
    assert "newsroom_commenter" not in cookie_names(context)


def test_allowing_functional_cookies_in_the_dialog_frees_remember_me_at_once(page, context):
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    # Saved in place: the dialog is opened only once the answer is in (it closes the dialog).
    choose(banner(page), "Reject all", javascript_enabled=True)
    form = comment_form(page)
    remember = form.get_by_role("checkbox", name=REMEMBER)
    expect(remember).to_be_disabled()

    preferences = open_preferences(page, cookie_settings_link(page), javascript_enabled=True)
    preferences.get_by_role("switch", name="Functional").check()
    choose(preferences, "Save my preferences", javascript_enabled=True)

    # The same page, not a new one: the box is free and says what it does.
    expect(remember).to_be_enabled()
    expect(form.get_by_text("Saved in a cookie on this device")).to_be_visible()
    expect(form.get_by_text("you have not allowed Functional cookies")).to_be_hidden()
    write_comment(form, text="Remembered.", name="Ada", email="ada@example.net")
    remember.check()
    send(form)
    assert "newsroom_commenter" in cookie_names(context)

    # Withdrawing it the same way greys the box out again.
    page.goto(story.get_absolute_url())
    form = comment_form(page)
    preferences = open_preferences(page, cookie_settings_link(page), javascript_enabled=True)
    preferences.get_by_role("switch", name="Functional").uncheck()
    choose(preferences, "Save my preferences", javascript_enabled=True)
    expect(form.get_by_role("checkbox", name=REMEMBER)).to_be_disabled()
    expect(form.get_by_text("you have not allowed Functional cookies")).to_be_visible()
