from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, small_jpeg
from tests.html import assert_has_element

pytestmark = pytest.mark.django_db


def test_article_list_shows_editors_columns(staff_client):
    ArticleFactory(headline="Listed story", category=CategoryFactory(name="Health"))
    response = staff_client.get(reverse("admin:articles_article_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Listed story" in html and "Health" in html
    for column in (
        "column-publication_status",
        "column-published_at",
        "column-author",
        "column-category",
    ):
        assert column in html


def test_admin_search_and_filter(staff_client):
    ArticleFactory(headline="Library reopens")
    ArticleFactory(headline="Draft about parks", draft=True)
    url = reverse("admin:articles_article_changelist")
    assert "Library reopens" in staff_client.get(url, {"q": "library"}).content.decode()
    filtered = staff_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Draft about parks" in filtered and "Library reopens" not in filtered


def test_publish_and_unpublish_actions(staff_client):
    draft = ArticleFactory(draft=True, published_at=timezone.now() - timedelta(days=2))
    live = ArticleFactory()
    url = reverse("admin:articles_article_changelist")
    response = staff_client.post(
        url, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Published 1 story." in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_published()
    staff_client.post(url, {"action": "unpublish", "_selected_action": [live.pk]})
    live.refresh_from_db()
    assert live.status == Article.Status.DRAFT


def test_publish_action_refuses_image_without_alt_text(staff_client):
    article = ArticleFactory(draft=True, lead_image=small_jpeg(), lead_image_alt="")
    response = staff_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "needs alt text first" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_add_form_uses_the_rich_text_editor_and_fills_the_slug(staff_client):
    html = staff_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "tinymce" in html.lower()
    assert "prepopulated" in html
    assert "https://cdn" not in html


def post_new_story(client, slug, **fields):
    """Submit the admin's "add story" form for a published story, with `fields` on top."""
    form = {
        "headline": slug.replace("-", " ").capitalize(),
        "slug": slug,
        "standfirst": "A short summary.",
        "body": "<p>Hello</p>",
        "category": CategoryFactory().pk,
        "author": client.session["_auth_user_id"],
        "status": "published",
        "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
        "published_at_1": "00:00:00",
        "lead_image_alt": "",
        "comments_open": "on",
        "language": "en",
        # The corrections inline, empty (a new story has none).
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **fields,
    }
    return client.post(reverse("admin:articles_article_add"), form)


def test_editor_saves_a_story_and_the_body_is_sanitized(staff_client):
    body = '<p>Hello</p><script>alert("x")</script>'
    response = post_new_story(staff_client, "written-in-the-admin", body=body)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="written-in-the-admin")
    assert article.body == "<p>Hello</p>"


def test_admin_rejects_publishing_an_image_without_alt_text(staff_client):
    response = post_new_story(staff_client, "picture-story", lead_image=small_jpeg())
    assert response.status_code == 200
    assert "Describe the lead image before publishing the story." in response.content.decode()
    assert not Article.objects.filter(slug="picture-story").exists()


def test_view_on_site_link_opens_the_story(staff_client):
    article = ArticleFactory()
    html = staff_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    link = assert_has_element(html, "a", text="View on site")
    assert staff_client.get(link["href"])["Location"].endswith(article.get_absolute_url())


def test_publish_and_unpublish_messages_count_in_proper_english(staff_client):
    drafts = ArticleFactory.create_batch(2, draft=True)
    url = reverse("admin:articles_article_changelist")
    selected = [article.pk for article in drafts]
    published = staff_client.post(
        url, {"action": "publish", "_selected_action": selected}, follow=True
    )
    assert "Published 2 stories." in published.content.decode()
    one = staff_client.post(
        url, {"action": "unpublish", "_selected_action": selected[:1]}, follow=True
    )
    assert "Unpublished 1 story." in one.content.decode()


@pytest.mark.parametrize(
    "address, example",
    [
        ("admin:articles_article_add", "/story/your-slug/"),
        ("admin:articles_category_add", "/category/your-slug/"),
    ],
)
def test_slug_help_text_shows_an_example_address(staff_client, address, example):
    html = staff_client.get(reverse(address)).content.decode()
    assert f"as in {example}." in html
    assert "<slug>" not in html and "//." not in html
