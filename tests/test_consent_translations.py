"""The consent dialog in the reader's language: texts editors translate in the admin, English
where a translation is missing, a policy version per language, and the language each decision
was made in."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.translation import override

from consent.catalogue import get_catalogue
from consent.models import (
    ConsentRecord,
    CookieCategory,
    CookieCategoryTranslation,
    CookieDeclarationTranslation,
    PolicyVersion,
)
from consent.policy import describe_changes
from newsroom.pagecache import retire_site_pages
from tests.consent_forms import banner_of, current_policy, html_of
from tests.factories import ConsentRecordFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def dialog_text(client, path):
    dialog = parse(html_of(client.get(path))).find("dialog")
    assert dialog is not None
    return " ".join(dialog.text.split())


def decide_in(client, language, action="accept_all"):
    prefix = "" if language == "en" else f"/{language}"
    data = {"action": action, "next": f"{prefix}/", "policy": current_policy(language)}
    return client.post(f"{prefix}/consent/", data)


def test_german_and_french_pages_show_the_dialog_in_their_language(client):
    german = dialog_text(client, "/de/")
    assert "Notwendig" in german
    assert "Diese Cookies halten die Website funktionsfähig und sicher" in german
    assert "Diese Website" in german
    assert "1 Jahr" in german
    french = dialog_text(client, "/fr/")
    assert "Nécessaires" in french
    assert "Ces cookies assurent le fonctionnement et la sécurité du site" in french
    assert "Jusqu’à la fermeture du navigateur" in french


def test_english_pages_keep_the_english_texts(client):
    english = dialog_text(client, "/")
    assert "These cookies keep the site working and secure" in english
    assert "Notwendig" not in english


def test_a_missing_translation_shows_the_english_text(client):
    functional = CookieCategory.objects.get(slug="functional")
    CookieCategoryTranslation.objects.filter(category=functional, language="de").delete()
    CookieDeclarationTranslation.objects.filter(
        declaration__name="sessionid", language="de"
    ).update(duration="")  # An update sends no signal: retire the cached catalogue by hand.
    retire_site_pages()
    german = get_catalogue("de")
    assert german.category("functional").name == "Functional"
    assert german.category("necessary").name == "Notwendig"
    sessionid = next(c for c in german.category("necessary").cookies if c.name == "sessionid")
    assert sessionid.duration == "2 weeks"
    assert sessionid.purpose.startswith("Hält die Redaktion")


def test_each_language_has_its_own_cached_catalogue(django_assert_num_queries):
    german, french, english = get_catalogue("de"), get_catalogue("fr"), get_catalogue("en")
    request = RequestFactory().get("/")
    # One query, for the generation the request's page depends on; the catalogues are kept.
    with django_assert_num_queries(1):
        assert get_catalogue("de", request=request) == german
        assert get_catalogue("fr", request=request) == french
        assert get_catalogue("en", request=request) == english
    assert (german.language, french.language, english.language) == ("de", "fr", "en")
    assert len({german.version, french.version, english.version}) == 3


def test_an_edited_translation_shows_on_the_next_page(client):
    translation = CookieCategoryTranslation.objects.get(category__slug="functional", language="de")
    translation.name = "Komfort"
    translation.save()
    assert "Komfort" in dialog_text(client, "/de/")


def test_a_new_german_text_asks_german_readers_again_and_no_one_else(client):
    german_reader, english_reader = client, Client()
    decide_in(german_reader, "de")
    decide_in(english_reader, "en")
    assert banner_of(html_of(german_reader.get("/de/"))) is None
    english_version = get_catalogue("en").version

    translation = CookieCategoryTranslation.objects.get(category__slug="functional", language="de")
    translation.description = "Diese Cookies merken sich Ihren Namen für Kommentare."
    translation.save()

    assert get_catalogue("en").version == english_version
    assert banner_of(html_of(german_reader.get("/de/"))) is not None
    assert german_reader.get("/de/").wsgi_request.consent.ask_reason == "changed"
    assert banner_of(html_of(english_reader.get("/"))) is None


def test_a_decision_records_its_language_and_the_texts_shown_in_it(client):
    decide_in(client, "fr")
    record = ConsentRecord.objects.latest()
    assert record.language == "fr"
    assert record.policy_version == get_catalogue("fr").version
    snapshot = PolicyVersion.objects.get(version=record.policy_version).snapshot
    assert snapshot["categories"][0]["name"] == "Nécessaires"

    decide_in(client, "en", action="reject_all")
    assert ConsentRecord.objects.latest().language == "en"


def test_the_consent_log_shows_and_exports_the_language(staff_client):
    record = ConsentRecordFactory(language="de")
    change = reverse("admin:consent_consentrecord_change", args=[record.pk])
    page = parse(staff_client.get(change).content.decode())
    field = page.find(class_="field-language")
    assert field is not None
    assert "German" in field.text
    assert page.find("input", attrs={"name": "language"}) is None

    export = staff_client.get(reverse("admin:consent_consentrecord_export"))
    header, row = b"".join(export.streaming_content).decode().splitlines()[:2]
    assert header.split(",")[4] == "language"
    assert row.split(",")[4] == "de"


def test_editors_translate_a_category_in_its_admin_page(staff_client, client):
    category = CookieCategory.objects.get(slug="functional")
    existing = list(category.translations.order_by("language"))
    data = {
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "order": category.order,
        "declarations-TOTAL_FORMS": "0",
        "declarations-INITIAL_FORMS": "0",
        "declarations-MIN_NUM_FORMS": "0",
        "declarations-MAX_NUM_FORMS": "1000",
        "translations-TOTAL_FORMS": str(len(existing)),
        "translations-INITIAL_FORMS": str(len(existing)),
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
    }
    for index, translation in enumerate(existing):
        data |= {
            f"translations-{index}-id": translation.pk,
            f"translations-{index}-category": category.pk,
            f"translations-{index}-language": translation.language,
            f"translations-{index}-name": translation.name,
            f"translations-{index}-description": translation.description,
        }
    german = [t.language for t in existing].index("de")
    data[f"translations-{german}-name"] = "Bequemlichkeit"
    url = reverse("admin:consent_cookiecategory_change", args=[category.pk])
    response = staff_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "changed for readers of German" in response.content.decode()
    assert "Bequemlichkeit" in dialog_text(client, "/de/")
    assert "Bequemlichkeit" not in dialog_text(client, "/fr/")


def test_what_changed_is_told_in_the_readers_language():
    before = get_catalogue("de").snapshot()
    translation = CookieCategoryTranslation.objects.get(category__slug="functional", language="de")
    translation.description = "Neue Worte."
    translation.save()
    with override("de"):
        assert describe_changes(before, get_catalogue("de").snapshot()) == [
            "Funktional: Beschreibung umformuliert."
        ]


@pytest.mark.usefixtures("every_category_in_use")
@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/", "functional, analytical, performance and advertisement"),
        ("/de/", "Funktional, Analyse, Leistung und Werbung"),
        ("/fr/", "fonctionnels, analytiques, performance et publicité"),
    ],
)
def test_the_banner_names_the_optional_categories_in_the_readers_language(client, path, names):
    banner = banner_of(html_of(client.get(path)))
    assert names in " ".join(banner.text.split())


def test_the_version_hashes_the_texts_not_the_name_of_their_language():
    CookieCategoryTranslation.objects.all().delete()
    CookieDeclarationTranslation.objects.all().delete()
    # Nothing translated: German readers see the English texts, under the same version.
    assert get_catalogue("de").version == get_catalogue("en").version


def test_a_choice_made_in_english_holds_in_german_and_french(client):
    decide_in(client, "en", action="reject_all")
    decide_in(client, "en")
    for path in ("/de/", "/fr/"):
        reader = client.get(path).wsgi_request.consent
        assert reader.decided, path
        assert reader.allows("functional"), path
        assert banner_of(html_of(client.get(path))) is None, path
    assert ConsentRecord.objects.filter(language="en").count() == 2
    assert not ConsentRecord.objects.exclude(language="en").exists()


def test_a_new_translation_does_not_re_ask_readers_who_chose_in_another_language(client):
    decide_in(client, "de")
    translation = CookieCategoryTranslation.objects.get(category__slug="functional", language="de")
    translation.description = "Neue Worte."
    translation.save()
    assert client.get("/").wsgi_request.consent.decided
    # German readers are asked again about the German text they answered, told what changed.
    assert client.get("/de/").wsgi_request.consent.changes == [
        "Funktional: Beschreibung umformuliert."
    ]


def test_across_languages_only_a_change_in_what_is_collected_re_asks_and_says_so(client):
    decide_in(client, "en")
    category = CookieCategory.objects.get(slug="analytical")
    category.declarations.create(name="_pk_id", duration="13 months", purpose="Visits.")
    with override("de"):
        reader = client.get("/de/").wsgi_request.consent
        assert not reader.decided
        assert reader.ask_reason == "changed"
        # Compared on what is collected, not on the texts (every one would read as reworded).
        assert reader.changes == ["Neues Cookie: _pk_id (Analyse)."]
