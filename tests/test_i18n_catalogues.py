"""The shipped translations are complete, and the compiled catalogues are their sources.

Compiled .mo files are committed, so `make run` needs no gettext on a fresh machine; these
tests keep them equal to the .po files they come from (run `manage.py compilemessages` after
editing a .po file) and fail on any message left untranslated or marked fuzzy.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from tests.po_catalogues import read_po

SHIPPED = [code for code, _name in settings.LANGUAGES if code != "en"]


def catalogue(code):
    return Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_is_translated_and_none_is_fuzzy(code):
    entries = [entry for entry in read_po(catalogue(code)) if not entry.obsolete]
    assert len(entries) > 100
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    untranslated = [entry.msgid for entry in entries if entry.untranslated]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("code", SHIPPED)
def test_the_compiled_catalogue_matches_its_source(code):
    source = catalogue(code)
    with source.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for entry in read_po(source):
        if entry.obsolete or entry.is_header:
            continue
        if entry.msgid_plural:
            for count, index in ((1, 0), (2, 1)):
                translated = translations.ngettext(entry.msgid, entry.msgid_plural, count)
                assert translated == entry.msgstr[index], entry.msgid
        else:
            assert translations.gettext(entry.msgid) == entry.msgstr[0], entry.msgid


@pytest.mark.parametrize("code", SHIPPED)
def test_placeholders_survive_translation(code):
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in read_po(catalogue(code)):
        if entry.is_header or entry.obsolete:
            continue
        expected = set(placeholder.findall(entry.msgid + entry.msgid_plural))
        for text in entry.msgstr.values():
            assert set(placeholder.findall(text)) <= expected, entry.msgid
            assert set(placeholder.findall(text)) >= expected - {"%(counter)s"}, entry.msgid


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_of_the_reader_templates_is_in_the_catalogue(code):
    """The Jinja2 templates' messages as Babel reads them (`make messages`), so a changed
    `{% trans %}` block cannot silently fall back to English."""
    environment = engines["jinja2"].env
    known = {entry.msgid for entry in read_po(catalogue(code)) if not entry.obsolete}
    templates = Path(settings.BASE_DIR, "templates")
    messages = set()
    for template in templates.rglob("*.html"):
        for _line, _function, message in environment.extract_translations(template.read_text()):
            messages.add(message[0] if isinstance(message, tuple) else message)
    assert len(messages) > 100
    assert sorted(messages - known) == []
