import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from articles.demo_content import STORIES
from articles.models import Article, Category

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
