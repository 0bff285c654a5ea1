"""Lead images uploaded before uploads were stripped lose their metadata when the site is
migrated, and renditions of any picture never carry metadata."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from articles.models import Article
from articles.renditions import Source, make_rendition, renditions_of
from tests.factories import ArticleFactory

BEFORE = ("articles", "0015_picture_library_and_focal_points")
AFTER = ("articles", "0016_strip_metadata_from_existing_lead_images")
GPS_IFD = 0x8825


def legacy_upload(name="lead-images/2025/06/harbour.jpg"):
    """A file stored as uploads were before: the camera's GPS position and maker inside."""
    image = Image.new("RGB", (160, 90), "#336699")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 31.0, 12.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return default_storage.save(name, ContentFile(buffer.getvalue()))


@pytest.mark.django_db(transaction=True)
def test_migrating_strips_an_old_lead_image_and_removes_the_old_file():
    story = ArticleFactory(lead_image_alt="The harbour.")
    old_name = legacy_upload()
    Article.objects.filter(pk=story.pk).update(lead_image=old_name)
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    executor.loader.build_graph()
    executor.migrate([AFTER])

    story.refresh_from_db()
    assert story.lead_image.name != old_name
    assert story.lead_image.name.startswith("lead-images/2025/06/")
    assert not default_storage.exists(old_name)
    with story.lead_image.open("rb") as file:
        data = file.read()
    assert b"PhoneMaker" not in data
    assert not Image.open(BytesIO(data)).getexif().get_ifd(GPS_IFD)
    assert (story.lead_image_width, story.lead_image_height) == (160, 90)


@pytest.mark.parametrize("image_format", ["avif", "webp", "jpg"])
def test_renditions_never_carry_metadata(image_format):
    name = legacy_upload("lead-images/legacy.jpg")
    rendition = renditions_of(Source(name, 160, 90, 0.5, 0.5), "16x9", image_format)[0]
    data = make_rendition(rendition)
    assert b"PhoneMaker" not in data
    assert not Image.open(BytesIO(data)).getexif()
