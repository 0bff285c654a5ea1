"""Pictures in a real browser: Chromium picks the rendition that fits its screen (AVIF, about the
slot's width), the lead image is fetched first and the rest lazily, and the media library's
admin pages are usable with a click and pass axe-core."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from articles.pictures import store_picture
from tests.e2e.admin_steps import sign_in_as_editor
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}


def photo(width=1600, height=1000, name="photo.jpg"):
    """A noisy picture: renditions of it are files of real size."""
    buffer = BytesIO()
    Image.effect_noise((width, height), 40).convert("RGB").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


@pytest.fixture
def story():
    picture = store_picture(photo(1000, 700).read(), title="Quay", alt="Boats at the quay.")
    body = f'<p>First.</p><p><img src="{picture.file.url}" alt=""></p>' + "<p>More.</p>" * 30
    return ArticleFactory(lead_image=photo(), lead_image_alt="Hills after rain.", body=body)


def lead_image(page):
    image = page.locator("figure.lead-image img")
    # Loaded: the browser has chosen and decoded a file.
    page.wait_for_function(
        "() => { const i = document.querySelector('figure.lead-image img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    return image


@pytest.mark.parametrize(
    ("viewport", "width"),
    [(PHONE, 480), (DESK, 800)],
    ids=["360px", "1280px"],
)
def test_the_browser_downloads_the_rendition_that_fits_its_screen(
    new_context, story, viewport, width
):
    page = new_context(viewport=viewport).new_page()
    downloaded = []
    page.on("response", lambda response: downloaded.append(response.url))
    page.goto(story.get_absolute_url())
    image = lead_image(page)
    chosen = image.evaluate("i => i.currentSrc")
    assert f"-{width}w-" in chosen and chosen.endswith(".avif"), chosen
    slot = image.evaluate("i => i.getBoundingClientRect().width")
    assert width <= 2 * slot  # never much more than the screen shows
    # Only that one file of the lead image was fetched, and never the upload itself.
    leads = [url for url in downloaded if story.lead_image.name in url]
    assert leads == [chosen]
    expect(image).to_have_attribute("fetchpriority", "high")


def test_a_picture_far_down_the_story_waits_until_the_reader_scrolls(new_context, story):
    page = new_context(viewport=PHONE).new_page()
    page.goto(story.get_absolute_url())
    lead_image(page)
    in_text = page.locator(".story-body figure.body-picture img")
    expect(in_text).to_have_attribute("loading", "lazy")
    expect(page.locator(".story-body figcaption")).to_have_count(0)  # no caption in the library
    in_text.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('.story-body img').currentSrc.endsWith('.avif')"
    )


def test_the_media_library_pages_have_no_serious_accessibility_violations(
    new_context, assert_accessible
):
    store_picture(photo(900, 600).read(), title="Harbour", alt="The harbour at dawn.")
    page = new_context(viewport=DESK).new_page()
    sign_in_as_editor(page, "/admin/articles/picture/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.goto("/admin/articles/picture/add/")
    expect(page.get_by_label("Alt text")).to_be_visible()
    assert_accessible(page)


def test_a_click_on_the_picture_sets_its_focal_point(new_context, assert_accessible):
    picture = store_picture(photo(800, 400).read(), title="Harbour", alt="The harbour.")
    page = new_context(viewport=DESK).new_page()
    sign_in_as_editor(page, f"/admin/articles/picture/{picture.pk}/change/")
    image = page.locator(".focal-point img")
    expect(image).to_be_visible()
    assert_accessible(page)
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    expect(page.get_by_label("Focal point, across")).to_have_value("0.8")
    expect(page.get_by_label("Focal point, down")).to_have_value("0.25")
    expect(page.locator(".focal-point-marker")).to_be_visible()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    picture.refresh_from_db()
    assert (picture.focus_x, picture.focus_y) == (0.8, 0.25)


def test_the_story_form_with_a_lead_image_has_no_serious_accessibility_violations(
    new_context, assert_accessible, story
):
    page = new_context(viewport=DESK).new_page()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".tox-edit-area iframe")).to_be_visible()
    expect(page.locator(".field-lead_focal_point .focal-point img")).to_be_visible()
    assert_accessible(page)


def test_an_editor_inserts_a_library_picture_with_the_image_button(
    new_context, one_request_at_a_time
):
    picture = store_picture(photo(600, 400).read(), title="Quay at noon", alt="Boats.")
    story = ArticleFactory(body="<p>Before the picture.</p>")
    page = new_context(viewport=DESK).new_page()
    sign_in_as_editor(page, f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".tox-edit-area iframe")).to_be_visible()
    page.get_by_role("button", name="Insert/edit image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("combobox", name="Image list").click()
    page.locator(".tox-collection__item", has_text="Quay at noon").click()
    expect(dialog.get_by_label("Source")).to_have_value(picture.file.url)
    dialog.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_be_visible()
    story.refresh_from_db()
    assert f'src="{picture.file.url}"' in story.body
    page.goto(story.get_absolute_url())
    expect(page.locator(".story-body picture img")).to_have_attribute("alt", "Boats.")
