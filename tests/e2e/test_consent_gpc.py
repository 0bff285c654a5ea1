"""Global Privacy Control: a browser sending `Sec-GPC: 1` has refused every optional category
before it is asked, and the dialog says so. JavaScript on and off."""

import pytest
from playwright.sync_api import expect

from tests.e2e.consent_steps import (
    OPTIONAL_CATEGORIES,
    banner,
    cookie_names,
    cookie_settings_link,
    necessary_cookie_names,
    open_preferences,
    switch_states,
)
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("every_category_in_use"),
]


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_gpc_signal_refuses_every_optional_category_and_the_dialog_says_so(
    new_context, javascript_enabled, assert_accessible
):
    context = new_context(
        java_script_enabled=javascript_enabled, extra_http_headers={"Sec-GPC": "1"}
    )
    page = context.new_page()
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    expect(banner(page), "the signal already answered the question").to_have_count(0)
    page.goto("/test/set-cookies/?name=newsroom_commenter")
    assert cookie_names(context) <= necessary_cookie_names()

    page.goto(story.get_absolute_url())
    footer_link = cookie_settings_link(page)
    preferences = open_preferences(page, footer_link, javascript_enabled=javascript_enabled)
    notice = preferences.get_by_role("note")
    assert "Global Privacy Control" in notice.inner_text()
    expect(notice).to_be_visible()
    assert switch_states(preferences) == {"Necessary": True} | dict.fromkeys(
        OPTIONAL_CATEGORIES, False
    )
    assert_accessible(page)
