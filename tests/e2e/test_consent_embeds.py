"""Embeds in a real browser with every request recorded: nothing reaches the provider's host
before the reader loads it (JavaScript on and off, with and without Global Privacy Control),
the embed after it, nothing again after it is withdrawn in the cookie dialog.

The "provider" is the live server itself under its other name (127.0.0.1 when the site is
localhost), so its frame loads without the internet and its requests are easy to tell apart.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from consent.models import EmbedProvider
from tests.e2e.consent_steps import cookie_settings_link, open_preferences
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)
VIDEO = "https://www.youtube.com/watch?v=HarbourRgta"
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}


@pytest.fixture
def provider_host(live_server):
    """The provider's host:port, and the built-in YouTube provider pointed at it."""
    site = urlsplit(live_server.url)
    other = "127.0.0.1" if site.hostname == "localhost" else "localhost"
    host = f"{other}:{site.port}"
    EmbedProvider.objects.filter(slug="youtube").update(
        frame_url=f"http://{host}/e2e-provider/{{id}}/", frame_sources=f"http://{host}"
    )
    return host


@pytest.fixture
def story(provider_host):
    return ArticleFactory(slug="regatta", body=f"<p>The final:</p><p>{VIDEO}</p><p>More words.</p>")


def recorder(context, host):
    """The addresses the browser asks the provider's host for, from now on."""
    seen = []
    context.on(
        "request",
        lambda request: urlsplit(request.url).netloc == host and seen.append(request.url),
    )
    return seen


def placeholder_button(page):
    return page.get_by_role("button", name="Load YouTube content")


def loaded_frame(page):
    return page.locator("figure.embed iframe")


def withdraw_in_dialog(page, javascript_enabled):
    link = cookie_settings_link(page)
    # Scrolled to first: Playwright's own scroll-and-click on a page holding a frame sometimes
    # lands on the frame (the click never reaches the link); a reader scrolls first anyway.
    link.scroll_into_view_if_needed()
    preferences = open_preferences(page, link, javascript_enabled=javascript_enabled)
    preferences.get_by_role("checkbox", name="YouTube").uncheck()
    # Either way the page comes back: with JavaScript it reloads itself once YouTube is no
    # longer allowed (static/consent/embeds.js), without it the form leads back.
    with page.expect_navigation():
        preferences.get_by_role("button", name="Save my preferences").click()


@pytest.mark.parametrize("gpc", [False, True], ids=["plain", "gpc"])
@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_nothing_reaches_the_provider_before_always_allow_and_nothing_after_withdrawal(
    new_context, story, provider_host, javascript_enabled, gpc
):
    headers = {"Sec-GPC": "1"} if gpc else {}
    context = new_context(java_script_enabled=javascript_enabled, extra_http_headers=headers)
    seen = recorder(context, provider_host)
    page = context.new_page()
    page.goto(story.get_absolute_url())
    expect(placeholder_button(page)).to_be_visible()
    thumbnail = page.locator("figure.embed picture img")
    assert thumbnail.get_attribute("src").startswith("/media/renditions/embeds/")
    if javascript_enabled:  # our own file, drawn: a rendition from /media/, never the provider's
        expect(thumbnail).to_have_js_property("complete", True)
        assert thumbnail.evaluate("image => image.naturalWidth") > 0
        assert urlsplit(thumbnail.evaluate("image => image.currentSrc")).path.startswith(
            "/media/renditions/embeds/"
        )
    expect(page.get_by_text("Harbour regatta 2026: the final race")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert seen == [], "no request to the provider before the reader says yes"

    page.get_by_role("checkbox", name="Always allow YouTube").check()
    with page.expect_request(lambda request: urlsplit(request.url).netloc == provider_host):
        placeholder_button(page).click()
    expect(loaded_frame(page)).to_have_count(1)
    player = page.frame_locator("figure.embed iframe").frame_locator("iframe")
    expect(player.get_by_text("Playing clip HarbourRgta")).to_be_visible()
    expect(loaded_frame(page)).to_have_attribute(
        "title", "Harbour regatta 2026: the final race from the harbour wall (YouTube)"
    )
    if javascript_enabled:
        assert "#embed-" not in page.url, "swapped in place, no reload"

    # Allowed always: the next visit loads it straight away.
    page.goto(story.get_absolute_url())
    expect(loaded_frame(page)).to_have_count(1)

    withdraw_in_dialog(page, javascript_enabled)
    page.goto(story.get_absolute_url())
    expect(placeholder_button(page)).to_be_visible()
    seen.clear()
    page.reload()
    page.wait_for_load_state("networkidle")
    expect(loaded_frame(page)).to_have_count(0)
    assert seen == [], "withdrawn: nothing from the provider any more"


@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js", "no-js"])
def test_load_once_shows_this_embed_now_and_asks_again_next_time(
    new_context, story, provider_host, javascript_enabled
):
    context = new_context(java_script_enabled=javascript_enabled)
    seen = recorder(context, provider_host)
    page = context.new_page()
    page.goto(story.get_absolute_url())
    with page.expect_request(lambda request: urlsplit(request.url).netloc == provider_host):
        placeholder_button(page).click()
    expect(loaded_frame(page)).to_have_count(1)
    assert {cookie["name"] for cookie in context.cookies()}.isdisjoint({"newsroom_consent"})
    seen.clear()
    page.goto(story.get_absolute_url())
    expect(placeholder_button(page)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert seen == []


@pytest.mark.parametrize(("viewport", "width"), [(PHONE, 480), (DESK, 800)], ids=["360", "1280"])
def test_the_placeholder_thumbnail_is_a_right_sized_avif(new_context, viewport, width):
    """With a 1,280 px still (YouTube's largest), a phone downloads a 480 px AVIF for the
    328 px slot and a desktop an 800 px one for the 672 px column, never the whole still."""
    from articles.demo_photo import photo_like_jpeg
    from articles.pictures import store_unlisted_picture
    from consent.models import Embed

    story = ArticleFactory(slug="regatta", body=f"<p>{VIDEO}</p>")
    source = store_unlisted_picture(photo_like_jpeg(width=1280, height=720), "embeds")
    Embed.objects.filter(article=story).update(
        thumbnail=source.name, thumbnail_width=source.width, thumbnail_height=source.height
    )
    context = new_context(viewport=viewport)
    downloaded = []
    context.on("response", lambda response: downloaded.append(urlsplit(response.url).path))
    page = context.new_page()
    page.goto(story.get_absolute_url())
    thumbnail = page.locator("figure.embed picture img")
    expect(thumbnail).to_have_js_property("complete", True)
    chosen = urlsplit(thumbnail.evaluate("image => image.currentSrc")).path
    assert chosen.startswith(f"/media/renditions/{source.name}/16x9-50x50-{width}w-")
    assert chosen.endswith(".avif")
    assert thumbnail.evaluate("image => image.naturalWidth") > 0  # drawn (scaled to the slot)
    pictures = [path for path in downloaded if path.startswith("/media/")]
    assert pictures == [chosen], "one picture, the chosen one: not the source, no other size"


def test_keyboard_alone_loads_the_embed_and_lands_on_it(new_context, story, provider_host):
    page = new_context().new_page()
    page.goto(story.get_absolute_url())
    # Tab from the heading of the story until the "Always allow" box has focus.
    page.get_by_role("checkbox", name="Always allow YouTube").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    expect(placeholder_button(page)).to_be_focused()
    page.keyboard.press("Enter")
    expect(loaded_frame(page)).to_be_focused()


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_placeholder_and_loaded_embed_pass_axe(new_context, story, viewport, assert_accessible):
    page = new_context(viewport=viewport).new_page()
    page.goto(story.get_absolute_url())
    expect(placeholder_button(page)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "the placeholder fits the screen"
    assert_accessible(page)
    page.get_by_role("checkbox", name="Always allow YouTube").check()
    placeholder_button(page).click()
    expect(loaded_frame(page)).to_have_count(1)
    assert_accessible(page)


def test_embed_admin_pages_pass_axe(new_context, story, assert_accessible):
    from tests.e2e.admin_steps import sign_in_as_editor

    page = new_context(viewport=DESK).new_page()
    sign_in_as_editor(page, "/admin/consent/embedprovider/")
    expect(page.locator("#result_list tbody tr")).to_have_count(10)
    assert_accessible(page)
    provider = EmbedProvider.objects.get(slug="youtube")
    page.goto(f"/admin/consent/embedprovider/{provider.pk}/change/")
    assert_accessible(page)
    page.goto("/admin/consent/embed/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    assert_accessible(page)


def test_an_editor_pastes_an_address_in_the_story_editor_and_it_becomes_an_embed(
    new_context, provider_host, one_request_at_a_time
):
    """The rich text editor keeps what the save made of the address: saving the story again
    keeps the embed (TinyMCE must not strip the marker)."""
    from tests.e2e.admin_steps import sign_in_as_editor

    story = ArticleFactory(slug="desk", body="<p>Before the video.</p>")
    page = new_context(viewport=DESK).new_page()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    editing_area = page.frame_locator(".tox-edit-area iframe").locator("body")
    editing_area.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(VIDEO)
    page.keyboard.press("Enter")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").click()
    story.refresh_from_db()
    embed = story.embeds.get()
    assert embed.provider.slug == "youtube"
    assert f'data-embed="{embed.pk}"' in story.body

    # Saved again from the editor, the marker survives and points at the same embed.
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").click()
    story.refresh_from_db()
    assert f'data-embed="{embed.pk}"' in story.body
    assert list(story.embeds.values_list("pk", flat=True)) == [embed.pk]
    # Closed here, before the database is emptied: the open form keeps reporting presence.
    page.close()
