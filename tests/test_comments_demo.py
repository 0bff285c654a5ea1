import pytest
from django.core.management import call_command

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_demo_comments_are_added_once_and_shown_threaded(client):
    call_command("seed_demo")
    call_command("seed_demo_comments")
    counts = (Comment.objects.count(), Comment.objects.approved().count())
    call_command("seed_demo_comments")
    assert (Comment.objects.count(), Comment.objects.approved().count()) == counts
    assert Comment.objects.pending().exists() and Comment.objects.filter(depth=2).exists()
    story = Article.objects.get(slug="harbourford-general-opens-overnight-urgent-care-unit")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "4 comments" in html and "Thank you, that is really useful." in html
    assert "first-timer@demo.example" not in html and "My first comment here" not in html
