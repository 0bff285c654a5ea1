"""Previewing a story's unsaved changes as readers will see it (articles/admin_views.py)."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from newsroom.models import SITE_SCOPE, PageGeneration
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, small_jpeg
from tests.html import assert_has_element, find
from tests.test_articles_revisions import change_form

pytestmark = pytest.mark.django_db


def preview_url(article=None):
    if article is None:
        return reverse("admin:articles_article_preview_new")
    return reverse("admin:articles_article_preview", args=[article.pk])


def test_preview_shows_unsaved_text_in_the_readers_template(staff_client):
    article = ArticleFactory(headline="Bridge opens on time", body="<p>Traffic flows.</p>")
    form = change_form(
        article,
        headline="Bridge opens a day late",
        body='<p>Traffic waits.</p><script>alert("x")</script>',
    )
    response = staff_client.post(preview_url(article), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert_has_element(html, "h1", text="Bridge opens a day late")
    assert_has_element(html, "article", class_="story")
    assert "Traffic waits." in html
    assert "alert(" not in html  # cleaned as the save would clean it
    banner = assert_has_element(html, "p", class_="preview-banner")
    assert "unsaved changes" in banner.text


def test_preview_saves_nothing_and_retires_no_page(staff_client):
    article = ArticleFactory(headline="Bridge opens on time")
    before = Article.objects.values().get(pk=article.pk)
    generation = PageGeneration.objects.filter(scope=SITE_SCOPE).values_list("number").first()
    staff_client.post(preview_url(article), change_form(article, headline="Never saved"))
    assert Article.objects.values().get(pk=article.pk) == before
    assert not Version.objects.get_for_object(article).exists()
    after = PageGeneration.objects.filter(scope=SITE_SCOPE).values_list("number").first()
    assert after == generation
    reader_page = staff_client.get(article.get_absolute_url()).content.decode()
    assert "Never saved" not in reader_page


def test_preview_is_private_and_not_for_search_engines(staff_client):
    article = ArticleFactory()
    response = staff_client.post(preview_url(article), change_form(article))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex"
    assert find(response.content.decode(), "meta", name="robots", content="noindex")


def test_preview_of_a_story_not_yet_saved(staff_client):
    author = UserFactory(first_name="Lena", last_name="Berg")
    form = {
        "headline": "A brand new story",
        "slug": "a-brand-new-story",
        "standfirst": "Written a minute ago.",
        "body": "<p>Fresh.</p>",
        "language": "en",
        "category": CategoryFactory().pk,
        "author": author.pk,
        "status": "draft",
        "published_at_0": "2030-01-01",
        "published_at_1": "08:00:00",
        "lead_image": small_jpeg(),
        "lead_image_alt": "A harbour at dawn.",
        "comments_open": "on",
    }
    response = staff_client.post(preview_url(), form)
    html = response.content.decode()
    assert response.status_code == 200, html[:2000]
    assert_has_element(html, "h1", text="A brand new story")
    assert "Lena Berg" in html
    image = assert_has_element(html, "img", alt="A harbour at dawn.")
    assert image["src"].startswith("data:image/")
    assert not Article.objects.exists()


def test_preview_with_invalid_values_says_what_to_correct(staff_client):
    article = ArticleFactory()
    response = staff_client.post(preview_url(article), change_form(article, headline=""))
    assert response.status_code == 200
    assert "cannot be previewed" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_preview_is_for_staff_only(client):
    article = ArticleFactory(headline="Bridge opens on time")
    response = client.post(preview_url(article), change_form(article, headline="Forged"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory())
    response = client.post(preview_url(article), change_form(article, headline="Forged"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_preview_needs_the_right_to_change_the_story(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    article = ArticleFactory()
    response = client.post(preview_url(article), change_form(article))
    assert response.status_code == 403


def test_the_change_form_has_a_preview_button_that_works_without_script(staff_client):
    article = ArticleFactory()
    html = staff_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    button = assert_has_element(html, "button", text="Preview")
    assert button["formaction"] == preview_url(article)
    assert button["type"] == "submit"


def test_preview_answers_only_posts(staff_client):
    article = ArticleFactory()
    assert staff_client.get(preview_url(article)).status_code == 405


@pytest.mark.parametrize(("language", "label"), [("de", "Vorschau"), ("fr", "Aperçu")])
def test_the_preview_button_speaks_the_editors_language(staff_client, language, label):
    article = ArticleFactory()
    html = staff_client.get(
        reverse("admin:articles_article_change", args=[article.pk]),
        headers={"accept-language": language},
    ).content.decode()
    assert_has_element(html, "button", text=label)
