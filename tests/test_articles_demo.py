from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from PIL import Image

from articles.demo_content import STORIES
from articles.demo_images import KINDS, lead_image_file
from articles.models import Article, Category, Picture
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_demo_command_is_idempotent():
    call_command("seed_demo", stdout=None)
    counts = (Category.objects.count(), Article.objects.count())
    call_command("seed_demo", stdout=None)
    assert (Category.objects.count(), Article.objects.count()) == counts
    assert counts[0] >= 5 and counts[1] >= 12
    assert Category.objects.filter(name="Health").exists()


def test_demo_stories_are_published_with_images_and_editor_can_log_in(client):
    call_command("seed_demo")
    assert Article.objects.published().count() == len(STORIES)
    with_images = Article.objects.exclude(lead_image="")
    assert with_images.exists()
    assert not with_images.filter(lead_image_alt="").exists()
    assert Article.objects.filter(lead_image="").exists()
    editor = authenticate(username="editor", password="newsroom-editor")
    assert editor is not None and editor.is_staff
    article = with_images.first()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_demo_stories_edited_after_publication_show_the_updated_stamp(client):
    call_command("seed_demo")
    updated = {story["slug"] for story in STORIES if story["updated_hours_ago"] is not None}
    assert len(updated) >= 3
    with_update_note = {story["slug"] for story in STORIES if "Update:" in story["body"]}
    assert with_update_note and with_update_note <= updated
    for article in Article.objects.all():
        assert article.was_updated == (article.slug in updated), article.slug
    published = sorted(Article.objects.values_list("published_at", flat=True))
    assert published[-1] - published[0] > timedelta(days=7)  # spread over recent weeks
    story = Article.objects.get(slug=sorted(with_update_note)[0])
    assert "Updated" in client.get(story.get_absolute_url()).content.decode()


def test_seeding_again_keeps_every_stamp_where_it_was():
    call_command("seed_demo")
    stamps = set(Article.objects.values_list("slug", "published_at", "created_at", "updated_at"))
    images = set(Article.objects.values_list("slug", "lead_image"))
    call_command("seed_demo")
    assert set(Article.objects.values_list("slug", "published_at", "created_at", "updated_at")) == (
        stamps
    )
    assert set(Article.objects.values_list("slug", "lead_image")) == images


def test_demo_stories_get_distinct_generated_pictures_of_the_right_size():
    call_command("seed_demo")
    pictures = {}
    for article in Article.objects.exclude(lead_image=""):
        with article.lead_image.open("rb") as file:
            content = file.read()
        image = Image.open(BytesIO(content))
        if article.lead_image_alt.startswith("A photograph-like picture"):
            # The one photograph: what renditions save is shown on a picture with a camera's
            # texture (articles/demo_photo.py), which compresses far worse than a drawing.
            assert (image.format, image.size) == ("JPEG", (1600, 1067))
        else:
            assert (image.format, image.size) == ("JPEG", (1200, 675))
            assert len(content) < 150_000
        pictures[article.slug] = content
    assert len(pictures) >= 8
    assert len(set(pictures.values())) == len(pictures)


def test_pictures_are_drawn_the_same_way_every_time_and_differ_by_kind():
    first = lead_image_file("map", "#7a6a53", "a-story").read()
    assert lead_image_file("map", "#7a6a53", "a-story").read() == first
    assert lead_image_file("map", "#7a6a53", "another-story").read() != first
    kinds = {lead_image_file(kind, "#7a6a53", "a-story").read() for kind in KINDS}
    assert len(kinds) == len(KINDS)


def test_the_demo_shows_renditions_and_a_library_picture_in_a_story(client):
    call_command("seed_demo")
    story = Article.objects.get(slug="museum-digitises-a-century-of-fishing-photographs")
    page = parse(client.get(story.get_absolute_url()).content.decode())
    lead = page.one("figure", class_="lead-image")
    assert [source["type"] for source in lead.find_all("source")] == ["image/avif", "image/webp"]
    figure = page.one("div", class_="story-body").one("figure", class_="body-picture")
    assert figure.one("figcaption").text.endswith("Map: The Newsroom Ledger")
    assert Picture.objects.count() == 1
    call_command("seed_demo")  # seeding again reuses the library picture
    assert Picture.objects.count() == 1
