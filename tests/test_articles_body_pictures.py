"""Pictures inside a story's text come from the media library, with its alt text, caption and
credit and its renditions; a picture from anywhere else does not survive the save."""

import re
from io import BytesIO

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.body_pictures import body_with_pictures
from articles.pictures import store_picture
from tests import query_budgets
from tests.factories import ArticleFactory, CommentFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def photo_bytes(colour):
    buffer = BytesIO()
    Image.new("RGB", (50, 50), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def library_picture(**texts):
    buffer = BytesIO()
    Image.new("RGB", (1000, 700), "#557799").save(buffer, format="JPEG")
    fields = {"title": "Quay", "alt": "Fishing boats at the quay.", **texts}
    return store_picture(buffer.getvalue(), **fields)


def story_page(client, body):
    article = ArticleFactory(body=body)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return article, parse(response.content.decode()).one("div", class_="story-body")


def test_a_library_picture_alone_in_a_paragraph_becomes_a_figure_with_caption_and_credit(client):
    picture = library_picture(caption="The catch came in late.", credit="Photo: Ada Berg")
    body = f'<p>Before.</p><p><img src="{picture.file.url}" alt=""></p><p>After.</p>'
    _, text = story_page(client, body)
    figure = text.one("figure", class_="body-picture")
    image = figure.one("img")
    assert image["alt"] == "Fishing boats at the quay."  # the library's, when left empty
    assert image["loading"] == "lazy"
    assert (image["width"], image["height"]) == ("1000", "700")
    assert "/media/renditions/pictures/" in image["src"]
    assert [s["type"] for s in figure.find_all("source")] == ["image/avif", "image/webp"]
    assert figure.one("figcaption").text == "The catch came in late. Photo: Ada Berg"
    assert [p.text for p in text.find_all("p")] == ["Before.", "After."]


def test_the_title_the_editor_listed_it_by_is_not_taken_for_a_description(client):
    # TinyMCE's image list fills an empty description with the listed title.
    picture = library_picture()
    _, text = story_page(client, f'<p><img src="{picture.file.url}" alt="Quay"></p>')
    assert text.one("img")["alt"] == "Fishing boats at the quay."


def test_an_editors_own_alt_text_is_kept(client):
    picture = library_picture()
    body = f'<p>Boats <img src="{picture.file.url}" alt="Two boats"> at rest.</p>'
    _, text = story_page(client, body)
    assert text.one("img")["alt"] == "Two boats"
    assert text.one("p").one("picture")  # in running text it stays inline, no figure
    assert not text.find_all("figure")


def test_a_hotlinked_picture_is_removed_when_the_story_is_saved():
    picture = library_picture()
    article = ArticleFactory(
        body=(
            '<p><img src="https://tracker.example/pixel.gif" alt="x"></p>'
            '<p><img src="//cdn.example/media/pictures/0123456789abcdef0123456789abcdef.jpg"></p>'
            '<p><img src="/media/pictures/../secret.jpg" alt="y"></p>'
            f'<p><img src="{picture.file.url}?track=1" alt="z"></p>'
            f'<p><img src="{picture.file.url}" alt="kept"></p>'
        )
    )
    article.refresh_from_db()
    images = parse(article.body).find_all("img")
    assert [image["alt"] for image in images] == ["kept"]


def test_a_library_picture_deleted_later_disappears_from_the_story(client):
    picture = library_picture()
    body = f'<p>Text.</p><p><img src="{picture.file.url}" alt="Boats"></p>'
    picture.delete()
    _, text = story_page(client, body)
    assert not text.find_all("img") and text.one("p").text == "Text."


def test_a_body_without_pictures_costs_no_query(client):
    article = ArticleFactory(body="<p>Words only.</p>")
    with CaptureQueriesContext(connection) as queries:
        assert body_with_pictures(article.body) == "<p>Words only.</p>"
    assert len(queries) == 0


def test_a_caption_cannot_inject_markup(client):
    picture = library_picture(caption="<script>alert(1)</script>", credit='"><b>x</b>')
    _, text = story_page(client, f'<p><img src="{picture.file.url}" alt=""></p>')
    caption = text.one("figcaption")
    assert not caption.find_all("script") and not caption.find_all("b")
    assert "<script>alert(1)</script>" in caption.text


def test_the_editor_lists_the_library_for_its_image_button(staff_client):
    picture = library_picture()
    listed = staff_client.get("/admin/articles/picture/choices.json").json()
    assert listed == [{"title": "Quay", "value": picture.file.url}]
    anonymous = Client().get("/admin/articles/picture/choices.json")
    assert anonymous.status_code == 302  # to the login page


def test_the_library_is_searched_by_title(staff_client):
    library_picture(title="Harbour at dawn")
    store_picture(photo_bytes("#aa3311"), title="Council chamber", alt="Empty seats.")
    page = parse(staff_client.get("/admin/articles/picture/?q=harbour").content.decode())
    titles = [cell.text for cell in page.find_all("th", class_="field-title")]
    assert titles == ["Harbour at dawn"]


def test_the_library_page_sets_the_focal_point_without_javascript(staff_client):
    picture = library_picture()
    url = f"/admin/articles/picture/{picture.pk}/change/"
    page = parse(staff_client.get(url).content.decode())
    assert page.one("div", class_="focal-point").one("img")["src"] == picture.file.url
    response = staff_client.post(
        url,
        {
            "title": "Quay",
            "alt_text": "Fishing boats at the quay.",
            "caption": "",
            "credit": "",
            "focus_x": "0.8",
            "focus_y": "0.25",
        },
    )
    assert response.status_code == 302
    picture.refresh_from_db()
    assert (picture.focus_x, picture.focus_y) == (0.8, 0.25)


def test_a_changed_caption_reaches_the_cached_story_page(client):
    picture = library_picture(caption="Old caption.")
    article = ArticleFactory(body=f'<p><img src="{picture.file.url}" alt=""></p>')
    assert "Old caption." in client.get(article.get_absolute_url()).content.decode()
    picture.caption = "New caption."
    picture.save()
    assert "New caption." in client.get(article.get_absolute_url()).content.decode()


def test_a_story_with_pictures_in_its_text_stays_within_its_query_budget(
    client, django_assert_max_num_queries
):
    first, second = library_picture(), library_picture(title="Other")
    other = store_picture(photo_bytes("#aa3311"), title="Chamber", alt="Empty seats.")
    body = "".join(
        f'<p><img src="{picture.file.url}" alt=""></p>' for picture in (first, second, other)
    )
    article = ArticleFactory(body=body, with_image=True)
    CommentFactory.create_batch(3, article=article)
    with django_assert_max_num_queries(query_budgets.STORY_WITH_PICTURES):
        response = client.get(article.get_absolute_url())
    # The same picture stored twice is one library entry, so two distinct pictures.
    assert first.pk == second.pk
    assert response.content.decode().count('class="body-picture"') == 3


def test_a_story_with_library_pictures_and_an_embed_shows_both(client):
    # Pictures are drawn first (articles/body_pictures.py), then the embeds for this reader
    # (consent/templating.py): neither may undo the other.
    picture = library_picture(caption="The quay at dawn.")
    video = "https://www.youtube.com/watch?v=HarbourRgta"
    _, text = story_page(client, f'<p><img src="{picture.file.url}" alt=""></p><p>{video}</p>')
    assert text.one("figure", class_="body-picture").one("figcaption").text == "The quay at dawn."
    placeholder = text.one("figure", id=re.compile(r"^embed-\d+$"))
    assert placeholder.one("button").text.strip().startswith("Load")
