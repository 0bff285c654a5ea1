"""Two editors on one story, in two real browsers: each sees the other has it open, the later
save is refused with what changed and keeps its text, and leaving that form asks first."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from articles.models import Article, StoryPresence
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("one_request_at_a_time"),
]

DESK = {"width": 1280, "height": 800}


@pytest.fixture
def quick_heartbeat(monkeypatch):
    """The form's heartbeat comes every 20 s; a test waits a second."""
    monkeypatch.setattr(StoryPresence, "HEARTBEAT", timedelta(seconds=1))


def open_story_as_editor(new_context, story):
    page = new_context(viewport=DESK).new_page()
    editor = sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".tox-edit-area iframe")).to_be_visible()
    return page, editor.get_full_name()


def test_the_later_of_two_editors_is_stopped_and_keeps_their_text(
    new_context, quick_heartbeat, assert_accessible, save_screenshot
):
    story = ArticleFactory(headline="Harbour reopens", standfirst="Boats are back.")
    first, first_name = open_story_as_editor(new_context, story)
    second, second_name = open_story_as_editor(new_context, story)

    # Each is told the other has the story open: the second when the form is drawn, the first
    # by the form's heartbeat.
    expect(second.locator("#story-presence")).to_contain_text(f"Also open now by {first_name}")
    expect(first.locator("#story-presence")).to_contain_text(f"Also open now by {second_name}")

    first.get_by_label("Headline").fill("Harbour reopens at last")
    with first.expect_navigation():
        first.get_by_role("button", name="Save", exact=True).click()
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.get_by_label("Standfirst").fill("A rewrite nobody may lose.")
    with second.expect_navigation():
        second.get_by_role("button", name="Save", exact=True).click()

    refusal = second.locator(".errorlist.nonfield")
    expect(refusal).to_contain_text(f"Not saved: {first_name} saved this story on")
    expect(refusal).to_contain_text("Changed since then: Headline.")
    conflict = second.locator(".edit-conflict")
    expect(conflict.locator("dt")).to_have_text(["Headline"])
    expect(conflict.locator("dd")).to_have_text(["Harbour reopens at last"])
    expect(second.get_by_label("Standfirst")).to_have_value("A rewrite nobody may lose.")
    story.refresh_from_db()
    assert (story.headline, story.standfirst) == ("Harbour reopens at last", "Boats are back.")
    save_screenshot(second, "admin-story-save-refused")
    assert_accessible(second)

    # The refused form holds unsaved work: leaving it asks first, and staying keeps it.
    questions = []

    def stay(dialog):
        questions.append(dialog.type)
        dialog.dismiss()

    second.on("dialog", stay)
    second.get_by_role("link", name="Articles").first.click()
    expect(second.get_by_label("Standfirst")).to_have_value("A rewrite nobody may lose.")
    assert questions == ["beforeunload"]

    # Saving again, having seen the changes, is the editor's choice and goes through.
    second.remove_listener("dialog", stay)
    with second.expect_navigation():
        second.get_by_role("button", name="Save", exact=True).click()
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=story.pk).standfirst == "A rewrite nobody may lose."


def test_an_unchanged_form_is_left_without_a_question(new_context):
    story = ArticleFactory()
    page, _name = open_story_as_editor(new_context, story)
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.type), dialog.dismiss()))
    with page.expect_navigation():
        page.get_by_role("link", name="Articles").first.click()
    expect(page).to_have_url(re.compile(r"/admin/articles/$"))
    assert questions == []
