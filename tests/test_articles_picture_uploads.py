"""Uploads keep no camera metadata, and a file that is not a usable picture is refused with a
clear error next to its field (never a 500, never a worker decoding for seconds)."""

import struct
import time
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from articles.models import Article
from articles.picture_uploads import prepare_picture
from articles.pictures import Picture, store_picture
from tests.factories import ArticleFactory, small_jpeg
from tests.html import parse

GPS_IFD = 0x8825
ORIENTATION = 0x0112


# Made once: a profile LittleCMS creates carries the second it was created, and every photo
# of this module must have the same bytes whenever it is drawn.
PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_jpeg(width=40, height=20, orientation=1):
    """A JPEG as a phone writes it: GPS position, serial number, orientation, a colour profile."""
    image = Image.new("RGB", (width, height), "#884422")
    image.paste((20, 200, 40), (0, 0, width // 4, height))  # a green band on the left edge
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, icc_profile=PROFILE)
    return buffer.getvalue()


def truncated_jpeg():
    """A photograph-sized JPEG whose upload stopped half way."""
    buffer = BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


def png_header_only(width, height):
    """A tiny PNG whose header claims `width` x `height` pixels: a decompression bomb's shape."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def test_a_photo_with_gps_loses_it_and_every_other_camera_detail():
    original = Image.open(BytesIO(camera_jpeg()))
    assert original.getexif().get_ifd(GPS_IFD)  # the test photo does carry a position

    stored = Image.open(BytesIO(prepare_picture(camera_jpeg()).read()))
    exif = stored.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert "SERIAL-123456" not in str(dict(exif)) and len(exif) == 0
    assert "xmp" not in stored.info and "exif" not in stored.info


def test_the_colour_profile_is_kept():
    stored = Image.open(BytesIO(prepare_picture(camera_jpeg()).read()))
    assert stored.info.get("icc_profile")


def test_the_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; the picture must be shown rotated 90° clockwise.
    prepared = prepare_picture(camera_jpeg(40, 20, orientation=6))
    stored = Image.open(BytesIO(prepared.read()))
    assert stored.size == (20, 40) == (prepared.width, prepared.height)
    assert stored.getpixel((10, 2))[1] > 150  # the green left edge is now at the top


def test_a_stored_name_is_a_digest_of_the_stored_bytes():
    first, again = prepare_picture(camera_jpeg()), prepare_picture(camera_jpeg())
    assert first.name == again.name and len(first.digest) == 32
    assert prepare_picture(camera_jpeg(41, 20)).name != first.name


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.7 not a picture at all", "wrong_type"),
        (b"GIF89a" + b"\0" * 40, "wrong_type"),
        (truncated_jpeg(), "truncated"),
        (png_header_only(100_000, 100_000), "too_many_pixels"),
        (png_header_only(20_000, 100), "too_wide"),
        (png_header_only(7_000, 7_000), "too_many_pixels"),
    ],
    ids=["pdf", "gif", "truncated", "bomb", "too-wide", "too-many-pixels"],
)
def test_a_bad_upload_is_refused_quickly_with_a_reason(data, code):
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        prepare_picture(data)
    assert refused.value.code == code
    assert time.monotonic() - started < 0.5


def test_the_limits_are_settings(settings):
    settings.PICTURE_MAX_SIDE = 30
    with pytest.raises(ValidationError) as refused:
        prepare_picture(camera_jpeg(40, 20))
    assert "at most 30" in refused.value.messages[0]
    settings.PICTURE_MAX_SIDE, settings.PICTURE_MAX_BYTES = 12_000, 100
    with pytest.raises(ValidationError) as refused:
        prepare_picture(SimpleUploadedFile("big.jpg", camera_jpeg()))
    assert refused.value.code == "too_large"


@pytest.mark.django_db
def test_a_lead_image_is_stored_without_metadata_whichever_way_it_comes():
    article = ArticleFactory(
        lead_image=SimpleUploadedFile("phone.jpg", camera_jpeg()), lead_image_alt="A street."
    )
    with article.lead_image.open("rb") as file:
        stored = Image.open(BytesIO(file.read()))
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert article.lead_image.name.startswith("lead-images/")
    assert (article.lead_image_width, article.lead_image_height) == (40, 20)


@pytest.mark.django_db
def test_storing_the_same_picture_twice_reuses_the_library_entry():
    photo = camera_jpeg()
    first = store_picture(photo, title="Quay", alt="The quay at noon.")
    again = store_picture(BytesIO(photo), title="Quay again", alt="Again.")
    assert again.pk == first.pk and Picture.objects.count() == 1
    assert first.file.name == f"pictures/{prepare_picture(photo).name}"
    assert (first.width, first.height) == (40, 20)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.jpg", b"meeting notes, not a photo", "not a picture we can use"),
        ("bomb.png", png_header_only(100_000, 100_000), "million pixels"),
        ("cut.jpg", truncated_jpeg(), "damaged or cut short"),
    ],
)
def test_the_story_form_names_a_refused_lead_image_and_keeps_the_text(
    staff_client, name, data, message
):
    form = {
        "headline": "Flood on the high street",
        "slug": "flood-on-the-high-street",
        "standfirst": "Water rose overnight.",
        "body": "<p>Shops closed.</p>",
        "language": "en",
        "category": ArticleFactory().category.pk,
        "author": ArticleFactory().author.pk,
        "status": "draft",
        "published_at_0": "2030-01-01",
        "published_at_1": "08:00:00",
        "lead_image": SimpleUploadedFile(name, data),
        "lead_image_alt": "Water in the street.",
        "lead_image_focus_x": "0.5",
        "lead_image_focus_y": "0.5",
        "comments_open": "on",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = staff_client.post("/admin/articles/article/add/", form)
    assert response.status_code == 200
    page = parse(response.content.decode())
    errors = page.one("div", class_="field-lead_image").text
    assert message in errors
    assert page.one("input", name="headline")["value"] == "Flood on the high street"
    assert not Article.objects.filter(slug="flood-on-the-high-street").exists()


@pytest.mark.django_db
def test_the_library_form_refuses_a_bomb_with_a_reason(staff_client):
    response = staff_client.post(
        "/admin/articles/picture/add/",
        {
            "file": SimpleUploadedFile("bomb.png", png_header_only(100_000, 100_000)),
            "title": "Harbour",
            "alt_text": "Boats in the harbour.",
            "focus_x": "0.5",
            "focus_y": "0.5",
        },
    )
    assert response.status_code == 200
    assert "million pixels" in parse(response.content.decode()).one("div", class_="field-file").text
    assert not Picture.objects.exists()


def test_small_jpeg_factory_still_prepares():
    assert prepare_picture(small_jpeg()).name.endswith(".jpg")


def test_a_png_stays_lossless_and_a_photo_becomes_jpeg():
    buffer = BytesIO()
    Image.new("RGB", (30, 20), "#123456").save(buffer, format="PNG")
    assert prepare_picture(buffer.getvalue()).name.endswith(".png")
    buffer = BytesIO()
    Image.new("RGB", (30, 20), "#123456").save(buffer, format="WEBP")
    assert prepare_picture(buffer.getvalue()).name.endswith(".jpg")
