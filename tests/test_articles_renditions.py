"""Renditions: sized AVIF, WebP and JPEG copies, cropped around the focal point, made once,
named for what they are made from, kept forever; and the story pages that offer them."""

import importlib.util
import sys
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from articles.demo_photo import photo_like_jpeg
from articles.renditions import (
    Source,
    crop_box,
    every_rendition,
    fallback_format,
    make_rendition,
    parse_rendition,
    renditions_of,
    social_card,
)
from newsroom import urls as newsroom_urls
from tests.factories import ArticleFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

RED = (220, 20, 20)


def picture_with_a_red_spot(width=1600, height=600, spot=(1400, 300)):
    image = Image.new("RGB", (width, height), (40, 90, 160))
    x, y = spot
    image.paste(RED, (x - 40, y - 40, x + 40, y + 40))
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=92)
    return ContentFile(buffer.getvalue(), name="spot.jpg")


def story_with(picture, **fields):
    return ArticleFactory(lead_image=picture, lead_image_alt="A red buoy at sea.", **fields)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_a_crop_keeps_the_focal_point_in_frame(client):
    article = story_with(
        picture_with_a_red_spot(), lead_image_focus_x=1400 / 1600, lead_image_focus_y=0.5
    )
    square = renditions_of(article.lead_source, "1x1", "jpg")[-1]
    image = Image.open(BytesIO(b"".join(fetch(client, square.url))))
    assert image.size == (600, 600)
    centre = image.getpixel((image.width * 2 // 3, 300))
    assert centre[0] > 180 and centre[2] < 80  # the red spot is in the square

    centred = story_with(picture_with_a_red_spot(spot=(1400, 301)))  # focal point: the middle
    square = renditions_of(centred.lead_source, "1x1", "jpg")[-1]
    image = Image.open(BytesIO(b"".join(fetch(client, square.url))))
    assert all(image.getpixel((x, 300))[0] < 100 for x in range(0, 600, 20))  # cropped away


def test_crop_boxes_stay_inside_the_picture():
    wide = Source("pictures/x.jpg", 1600, 600, 1.0, 0.0)
    assert crop_box(wide, "1x1") == (1000, 0, 1600, 600)
    assert crop_box(wide, "16x9") == (533, 0, 1600, 600)
    tall = Source("pictures/x.jpg", 600, 1600, 0.5, 0.0)
    assert crop_box(tall, "16x9") == (0, 0, 600, 338)


def test_renditions_are_never_enlarged_and_the_social_card_is_1200_by_630():
    photo = Source("pictures/p.jpg", 1600, 1067, 0.5, 0.5)
    widths = [rendition.width for rendition in renditions_of(photo, "16x9", "avif")]
    assert widths == [320, 480, 640, 800, 960, 1280, 1600]
    card = social_card(photo)
    assert (card.width, card.height, card.format) == (1200, 630, "jpg")
    small = Source("pictures/s.jpg", 700, 400, 0.5, 0.5)
    assert [r.width for r in renditions_of(small, "16x9", "webp")] == [320, 480, 640, 700]


def test_a_rendition_is_made_once_then_served_from_storage_with_immutable_caching(client):
    article = story_with(picture_with_a_red_spot())
    wanted = renditions_of(article.lead_source, "16x9", "avif")[1]
    assert not default_storage.exists(wanted.name)

    first = fetch(client, wanted.url)
    assert first["Content-Type"] == "image/avif"
    assert first["Cache-Control"] == "public, max-age=31536000, immutable"
    assert default_storage.exists(wanted.name)
    made = Image.open(BytesIO(first.content))
    assert (made.format, made.size) == ("AVIF", (480, 270))

    # Stored: the next request reads the file (a different file there proves it is not redrawn).
    default_storage.delete(wanted.name)
    default_storage.save(wanted.name, ContentFile(b"stored bytes"))
    assert fetch(client, wanted.url).content == b"stored bytes"


def test_only_the_renditions_the_site_links_to_can_be_asked_for(client):
    article = story_with(picture_with_a_red_spot())
    wanted = renditions_of(article.lead_source, "16x9", "webp")[0]
    forged = wanted.url.replace("320w", "321w")
    assert parse_rendition(wanted.name) is not None
    for url in (
        forged,
        wanted.url.replace(".webp", ".avif"),
        wanted.url.replace("16x9-50x50", "16x9-10x50"),
        "/media/renditions/pictures/../../settings.py/whole-320w-0123456789abcdef.jpg",
        "/media/renditions/nothing",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(wanted.url).status_code == 405


def test_a_new_focal_point_or_a_new_picture_gives_new_names():
    article = story_with(picture_with_a_red_spot())
    before = {r.name for r in renditions_of(article.lead_source, "16x9", "avif")}
    article.lead_image_focus_x = 0.9
    moved = {r.name for r in renditions_of(article.lead_source, "16x9", "avif")}
    assert not before & moved
    other = story_with(picture_with_a_red_spot(spot=(200, 300)))
    assert not before & {r.name for r in renditions_of(other.lead_source, "16x9", "avif")}


def test_the_story_page_offers_avif_webp_and_jpeg_at_several_widths(client):
    article = story_with(picture_with_a_red_spot(1600, 900))
    page = parse(fetch(client, article.get_absolute_url()).content.decode())
    lead = page.one("figure", class_="lead-image")
    avif, webp = lead.find_all("source")
    assert (avif["type"], webp["type"]) == ("image/avif", "image/webp")
    assert avif["srcset"].count("w,") == 6 and "1600w" in avif["srcset"]
    image = lead.one("img")
    assert image["fetchpriority"] == "high" and not image.has("loading")
    assert (image["width"], image["height"]) == ("1600", "900")
    assert image["alt"] == "A red buoy at sea."
    assert image["sizes"] == avif["sizes"] == webp["sizes"]
    card = page.one("meta", property="og:image")["content"]
    assert "/40x21-50x50-1200w-" in card
    assert page.one("meta", property="og:image:height")["content"] == "630"


def test_teasers_load_their_pictures_lazily(client):
    story_with(picture_with_a_red_spot())
    page = parse(fetch(client, "/").content.decode())
    image = page.one("a", class_="teaser-image").one("img")
    assert image["loading"] == "lazy" and image["alt"] == ""
    assert "/media/renditions/lead-images/" in image["src"]


def test_every_rendition_the_page_links_to_can_be_made(client):
    article = story_with(picture_with_a_red_spot(900, 600))
    page = fetch(client, article.get_absolute_url()).content.decode()
    for rendition in every_rendition(article.lead_source):
        if rendition.crop == "16x9":
            assert rendition.url in page
    made = fetch(client, social_card(article.lead_source).url)
    assert Image.open(BytesIO(made.content)).size == (900, 472)


def test_a_phone_downloads_far_fewer_bytes_than_the_original_photograph():
    """The issue's bar, on a photograph-like 1,600 px picture: the lead a 360 px phone picks
    (480 px AVIF for a 328 px slot) is at least 80% smaller than the original, and the one a
    1,280 px screen picks (800 px for the 672 px column) at least 40% smaller."""
    original = photo_like_jpeg()
    article = story_with(ContentFile(original, name="photo.jpg"))
    avif = {r.width: r for r in renditions_of(article.lead_source, "16x9", "avif")}
    phone, desktop = len(make_rendition(avif[480])), len(make_rendition(avif[800]))
    assert phone <= 0.2 * len(original)
    assert desktop <= 0.6 * len(original)


def test_make_renditions_draws_what_is_missing_once(client):
    article = story_with(picture_with_a_red_spot(700, 400))
    wanted = every_rendition(article.lead_source)
    out = StringIO()
    call_command("make_renditions", "--dry-run", stdout=out)
    assert f"{len(wanted)} renditions missing, would make {len(wanted)}" in out.getvalue()
    assert not any(default_storage.exists(rendition.name) for rendition in wanted)
    call_command("make_renditions", stdout=out)
    assert all(default_storage.exists(rendition.name) for rendition in wanted)
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert "0 renditions missing" in out.getvalue()


@pytest.mark.parametrize(("name", "mode"), [("OLD/IMG_0042.JPG", "CMYK"), ("old/chart.gif", "P")])
def test_an_older_upload_of_any_name_and_kind_still_gets_renditions(client, name, mode):
    buffer = BytesIO()
    image = Image.new(mode, (400, 300))
    image.save(buffer, format="JPEG" if name.endswith(".JPG") else "GIF")
    stored = default_storage.save(f"lead-images/{name}", ContentFile(buffer.getvalue()))
    source = Source(stored, 400, 300, 0.5, 0.5)
    for image_format in ("avif", "webp", fallback_format(source)):
        rendition = renditions_of(source, "16x9", image_format)[0]
        made = Image.open(BytesIO(fetch(client, rendition.url).content))
        assert made.size == (320, 180)


def test_a_rendition_of_a_missing_or_unreadable_picture_is_a_404(client):
    default_storage.save("lead-images/broken.jpg", ContentFile(b"not a picture"))
    for name in ("lead-images/broken.jpg", "lead-images/gone.jpg"):
        rendition = renditions_of(Source(name, 800, 450, 0.5, 0.5), "16x9", "avif")[0]
        assert client.get(rendition.url).status_code == 404


@pytest.fixture
def site_serving_media(settings):
    """The site's URLs as a machine with nothing in front has them: Django serves uploads."""
    settings.SERVE_MEDIA = True
    spec = importlib.util.spec_from_file_location(
        "newsroom.serving_media_urls", newsroom_urls.__file__
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["newsroom.serving_media_urls"] = module
    settings.ROOT_URLCONF = "newsroom.serving_media_urls"
    yield
    del sys.modules["newsroom.serving_media_urls"]


def test_django_serves_uploads_for_a_year_when_nothing_is_in_front(client, site_serving_media):
    article = story_with(picture_with_a_red_spot(400, 300))
    response = client.get(article.lead_image.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    rendition = renditions_of(article.lead_source, "16x9", "webp")[0]
    assert fetch(client, rendition.url)["Cache-Control"] == "public, max-age=31536000, immutable"
