"""A reader's comment from the form to the page, with JavaScript on and off: errors sit next to
their fields and keep what was typed; a first comment waits for an editor, who approves it in
the admin; then every reader sees it, and the commenter's email is never in the page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.comment_steps import (
    approve_as_editor,
    comment_form,
    field,
    send,
    textbox,
    write_comment,
)
from tests.e2e.consent_steps import banner
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("human_pace_at_any_speed"),
]

EMAIL = "harriet.vane@example.net"
TEXT = "The new quay is lovely, but where will the fishing boats unload now?"


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_comment_errors_keep_the_text_then_moderation_then_publication(
    page, new_context, javascript_enabled, assert_accessible, save_screenshot
):
    story = ArticleFactory(headline="Harbour reopens")
    page.goto(story.get_absolute_url())
    banner(page).get_by_role("button", name="Reject all").click()
    form = comment_form(page)

    write_comment(form, text=TEXT)
    send(form)
    form = comment_form(page)
    assert "Enter your name" in field(form, "Name").inner_text()
    assert "Enter your email address" in field(form, "Email").inner_text()
    assert "Enter your" not in field(form, "Comment").inner_text()
    assert textbox(form, "Comment").input_value() == TEXT
    assert_accessible(page)
    if javascript_enabled:
        save_screenshot(page, "comment-form-errors")

    write_comment(form, text=TEXT, name="Harriet Vane", email=EMAIL)
    send(form)
    expect(page.get_by_role("status").get_by_text("awaiting moderation")).to_be_visible()
    assert EMAIL not in page.content()

    approve_as_editor(new_context, TEXT, save_screenshot if javascript_enabled else None)

    reader = new_context(java_script_enabled=javascript_enabled).new_page()
    reader.goto(story.get_absolute_url())
    comments = reader.locator("#comments")
    expect(comments.get_by_role("heading", name="1 comment")).to_be_visible()
    published = comments.locator(".comment").filter(has_text=TEXT)
    assert published.locator(".comment-author").inner_text() == "Harriet Vane"
    assert EMAIL not in reader.content()


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_failed_post_focuses_an_error_summary_that_links_to_every_invalid_field(page):
    story = ArticleFactory(headline="Ferry timetable changes")
    page.goto(story.get_absolute_url())
    banner(page).get_by_role("button", name="Reject all").click()
    form = comment_form(page)
    expect(form.get_by_role("heading", name="Leave a Response")).to_be_visible()
    expect(form).to_contain_text("Your email address will not be published.")

    write_comment(form, text=TEXT, email="not an address")
    send(form)
    form = comment_form(page)
    summary = form.locator("#comment-errors")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Name: Enter your name")).to_have_attribute(
        "href", "#id_name"
    )
    expect(summary.get_by_role("link", name="Email: Enter an email address")).to_have_attribute(
        "href", "#id_email"
    )
    expect(summary.get_by_role("link")).to_have_count(2)
    for label in ("Name", "Email"):
        expect(field(form, label)).to_have_class(re.compile(r"\bhas-error\b"))
        # The error border reaches every invalid field, not only the textarea.
        expect(textbox(form, label)).to_have_css("border-top-width", "2px")
    expect(field(form, "Comment")).not_to_have_class(re.compile(r"\bhas-error\b"))
    expect(textbox(form, "Comment")).to_have_css("border-top-width", "1px")

    summary.get_by_role("link", name="Email: Enter an email address").click()
    expect(textbox(form, "Email")).to_be_focused()
