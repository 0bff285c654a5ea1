"""What readers are told about an embed's provider comes in their language: the placeholder, the
frame page and the dialog's "Embedded content" list show the editors' German and French texts,
and the English text, marked as English, where a translation is missing (docs/embeds.md)."""

from urllib.parse import unquote

import pytest
from django.core.cache import caches
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from consent.catalogue import load_catalogue
from consent.models import Embed, EmbedProvider, EmbedProviderTranslation
from tests.factories import ArticleFactory
from tests.html import parse

pytestmark = pytest.mark.django_db
VIDEO = "https://www.youtube.com/watch?v=HarbourRgta"
CHART = "https://datawrapper.dwcdn.net/Hb7Xq/1/"


@pytest.fixture
def story():
    return ArticleFactory(slug="regatta", body=f"<p>{VIDEO}</p><p>{CHART}</p>")


def story_page(client, story, language):
    with translation.override("en"):
        path = story.get_absolute_url()
    return client.get(path if language == "en" else f"/{language}{path}")


def placeholder(response, slug):
    embed = Embed.objects.get(provider__slug=slug)
    figure = parse(response.content.decode()).find("figure", id=f"embed-{embed.pk}")
    assert figure is not None and figure.find("iframe") is None
    return figure


def told(figure):
    """{term: (text, lang)} of the placeholder's "What <provider> does" list."""
    terms = [" ".join(term.text.split()) for term in figure.find_all("dt")]
    return {
        term: (" ".join(detail.text.split()), detail["lang"])
        for term, detail in zip(terms, figure.find_all("dd"), strict=True)
    }


def dialog_entry(response, slug):
    box = parse(response.content.decode()).find("input", id=f"consent-dialog-embed-{slug}")
    assert box is not None
    return box.parent


@pytest.mark.parametrize(
    "language, terms, cookies, purposes, notice",
    [
        (
            "de",
            ("Cookies", "Zwecke"),
            "YouTube (Google) speichert Cookies",
            "Das Video abspielen",
            "https://policies.google.com/privacy?hl=de",
        ),
        (
            "fr",
            ("Cookies", "Finalités"),
            "YouTube (Google) enregistre des cookies",
            "Lire la vidéo",
            "https://policies.google.com/privacy?hl=fr",
        ),
    ],
)
def test_the_placeholder_tells_what_the_provider_does_in_the_readers_language(
    client, story, language, terms, cookies, purposes, notice
):
    figure = placeholder(story_page(client, story, language), "youtube")
    texts = told(figure)
    cookies_term, purposes_term = terms
    assert texts[cookies_term][0].startswith(cookies)
    assert texts[purposes_term][0].startswith(purposes)
    assert {lang for _, lang in texts.values()} == {language}
    assert figure.find("a", href=notice) is not None
    assert "stores cookies" not in figure.text and "Playing the video" not in figure.text


def test_english_pages_keep_the_english_texts(client, story):
    texts = told(placeholder(story_page(client, story, "en"), "youtube"))
    assert texts["Purposes"] == (
        "Playing the video, counting views, detecting abuse, and measuring and personalising "
        "advertising.",
        "en",
    )


def test_the_dialog_lists_each_provider_with_what_it_does_in_the_readers_language(client, story):
    entry = dialog_entry(story_page(client, story, "de"), "datawrapper")
    purposes = entry.find(class_="consent-embed-purposes")
    assert (purposes.text.strip(), purposes["lang"]) == ("Die Grafik zeichnen.", "de")
    french = dialog_entry(story_page(client, story, "fr"), "datawrapper")
    assert french.find(class_="consent-embed-purposes").text.strip() == "Dessiner le graphique."


def test_a_missing_translation_shows_the_english_text_marked_as_english(client, story):
    EmbedProviderTranslation.objects.get(provider__slug="youtube", language="fr").delete()
    german_only = EmbedProviderTranslation.objects.get(provider__slug="datawrapper", language="de")
    german_only.cookies = ""
    german_only.save()

    french = told(placeholder(story_page(client, story, "fr"), "youtube"))
    assert french["Finalités"][1] == "en"
    assert french["Finalités"][0].startswith("Playing the video")
    assert french["Cookies"] == (
        "YouTube (Google) stores cookies and local storage in your browser, such as YSC, "
        "VISITOR_INFO1_LIVE and yt-remote-*, and reads your Google account cookies if you are "
        "signed in.",
        "en",
    )
    # An empty field of a translation leaves that field alone to English.
    german = told(placeholder(story_page(client, story, "de"), "datawrapper"))
    assert german["Cookies"][1] == "en" and german["Cookies"][0].startswith("Datawrapper says")
    assert german["Zwecke"] == ("Die Grafik zeichnen.", "de")


def test_an_edited_translation_shows_on_the_next_page_even_a_kept_one(client, story):
    first = story_page(client, story, "de")
    assert "public" in first["Cache-Control"]
    translation_row = EmbedProviderTranslation.objects.get(provider__slug="youtube", language="de")
    translation_row.purposes = "Das Video zeigen und sonst nichts."
    translation_row.save()
    response = story_page(client, story, "de")
    assert told(placeholder(response, "youtube"))["Zwecke"] == (
        "Das Video zeigen und sonst nichts.",
        "de",
    )


def test_a_translated_name_names_the_provider_on_the_frame_page(client, story):
    EmbedProviderTranslation.objects.filter(provider__slug="youtube", language="de").update(
        name="YouTube-Video"
    )
    EmbedProvider.objects.get(slug="youtube").save()  # retires the catalogue, as the admin does
    video = Embed.objects.get(provider__slug="youtube")
    video.title = ""
    video.save()
    with translation.override("en"):
        frame = reverse("consent:embed_frame", args=[video.pk])
        load_url, story_path = reverse("consent:embed_load"), story.get_absolute_url()
    refused = client.get(f"/de{frame}")
    assert refused.status_code == 403
    text = " ".join(parse(refused.content.decode()).find("body").text.split())
    assert "Dieser Inhalt von YouTube-Video lädt erst" in text
    once = client.post(f"/de{load_url}", {"embed": video.pk, "next": f"/de{story_path}"})
    token = unquote(once["Location"].split("embed=")[1].split("#")[0])
    shown = client.get(f"/de{frame}", {"once": token})
    assert shown.status_code == 200
    assert parse(shown.content.decode()).find("title").text == "YouTube-Video"


def test_reading_the_providers_costs_one_query_however_many_there_are():
    def queries_to_load(language):
        with CaptureQueriesContext(connection) as queries:
            catalogue = load_catalogue(language)
        return len(queries.captured_queries), len(catalogue.providers)

    before = {language: queries_to_load(language) for language in ("en", "de")}
    template = EmbedProvider.objects.get(slug="vimeo")
    for number in range(5):
        added = EmbedProvider.objects.create(
            **{
                **model_to_dict(template, exclude=["id", "category"]),
                "category": template.category,
                "slug": f"extra{number}",
            }
        )
        EmbedProviderTranslation.objects.create(
            provider=added, language="de", purposes="Noch ein Anbieter."
        )
    after = {language: queries_to_load(language) for language in ("en", "de")}
    for language in ("en", "de"):
        assert after[language][0] == before[language][0]
        assert after[language][1] == before[language][1] + 5


def test_editors_translate_a_provider_in_its_admin_page(staff_client, client, story):
    provider = EmbedProvider.objects.get(slug="youtube")
    existing = list(provider.translations.order_by("language"))
    data = {
        **{
            key: value
            for key, value in model_to_dict(provider, exclude=["id"]).items()
            if key != "is_active"
        },
        "is_active": "on",
        "translations-TOTAL_FORMS": str(len(existing)),
        "translations-INITIAL_FORMS": str(len(existing)),
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(existing):
        data |= {
            f"translations-{index}-{field}": value
            for field, value in model_to_dict(row).items()
            if value is not None
        }
    german = [row.language for row in existing].index("de")
    data[f"translations-{german}-purposes"] = "Videos abspielen, sonst nichts."
    url = reverse("admin:consent_embedprovider_change", args=[provider.pk])
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert provider.translations.get(language="de").purposes == "Videos abspielen, sonst nichts."
    assert told(placeholder(story_page(client, story, "de"), "youtube"))["Zwecke"] == (
        "Videos abspielen, sonst nichts.",
        "de",
    )
    form = parse(staff_client.get(url).content.decode())
    assert form.find("textarea", name=f"translations-{german}-purposes") is not None


def test_a_story_with_embeds_in_german_costs_what_it_costs_in_english(client, story):
    counts = {}
    for language in ("en", "de"):
        story_page(client, story, language)  # fills the kept catalogue and fragments
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert story_page(client, story, language).status_code == 200
        counts[language] = len(queries.captured_queries)
    assert counts["de"] == counts["en"]
