"""The consent dialog and the comment form in German and French, as a reader of that language
meets them: the page's language, the dialog's texts as editors translated them, the buttons,
labels, errors and confirmations, with axe-core finding nothing serious or critical."""

import pytest
from playwright.sync_api import expect

from consent.models import ConsentRecord
from tests.e2e.comment_steps import comment_form, field
from tests.e2e.consent_steps import banner, cookie_names
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("human_pace_at_any_speed"),
]

WORDS = {
    "de": {
        "customize": "Anpassen",
        "reject_all": "Alle ablehnen",
        "dialog": "Einwilligungseinstellungen anpassen",
        "necessary": "Notwendig",
        "functional": "Funktional",
        "necessary_text": "Diese Cookies halten die Website funktionsfähig und sicher",
        "save": "Meine Auswahl speichern",
        "saved": "Ihre Cookie-Einstellungen sind gespeichert",
        "comment": "Kommentar",
        "name": "Name",
        "email": "E-Mail",
        "post": "Kommentar senden",
        "name_missing": "Bitte geben Sie Ihren Namen ein",
        "held": "Ihr Kommentar wird moderiert",
    },
    "fr": {
        "customize": "Personnaliser",
        "reject_all": "Tout refuser",
        "dialog": "Personnaliser vos préférences de consentement",
        "necessary": "Nécessaires",
        "functional": "Fonctionnels",
        "necessary_text": "Ces cookies assurent le fonctionnement et la sécurité du site",
        "save": "Enregistrer mes préférences",
        "saved": "Vos choix de cookies sont enregistrés",
        "comment": "Commentaire",
        "name": "Nom",
        "email": "E-mail",
        "post": "Publier le commentaire",
        "name_missing": "Veuillez saisir votre nom",
        "held": "en attente de modération",
    },
}


def story_in(language):
    story = ArticleFactory(headline="Harbour reopens")
    return f"/{language}{story.get_absolute_url()}"


@pytest.mark.parametrize("language", ["de", "fr"])
def test_customize_and_save_in_the_readers_language(page, context, language, assert_accessible):
    words = WORDS[language]
    page.goto(story_in(language))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)

    banner(page).get_by_role("link", name=words["customize"]).click()
    dialog = page.get_by_role("dialog", name=words["dialog"])
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(words["necessary_text"])
    expect(dialog.get_by_role("switch", name=words["necessary"])).to_be_checked()
    functional = dialog.get_by_role("switch", name=words["functional"])
    expect(functional).not_to_be_checked()
    assert_accessible(page)

    functional.check()
    dialog.get_by_role("button", name=words["save"]).click()
    expect(page.locator("#consent-status")).to_contain_text(words["saved"])
    expect(banner(page)).to_have_count(0)
    assert "newsroom_consent" in cookie_names(context)
    record = ConsentRecord.objects.latest()
    assert record.language == language
    assert record.choices["functional"] is True


@pytest.mark.parametrize("language", ["de", "fr"])
def test_comment_form_speaks_the_readers_language(page, language, assert_accessible):
    words = WORDS[language]
    page.goto(story_in(language))
    banner(page).get_by_role("button", name=words["reject_all"]).click()
    expect(banner(page)).to_have_count(0)

    form = comment_form(page)
    form.get_by_role("textbox", name=words["comment"], exact=True).fill("Wunderbar, merci.")
    with page.expect_navigation():
        form.get_by_role("button", name=words["post"]).click()
    form = comment_form(page)
    expect(field(form, words["name"])).to_contain_text(words["name_missing"])
    assert_accessible(page)

    form.get_by_role("textbox", name=words["name"], exact=True).fill("Harriet Vane")
    form.get_by_role("textbox", name=words["email"], exact=True).fill("harriet@example.net")
    with page.expect_navigation():
        form.get_by_role("button", name=words["post"]).click()
    expect(page.get_by_role("status").get_by_text(words["held"])).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
