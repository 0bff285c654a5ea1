"""Every interface string on the reader pages is marked for translation, proven with a
pseudo-locale: each marked string is rendered wrapped in ⟦…⟧, and no visible text is left
unwrapped but data (headlines, names, comment text, numbers, dates and addresses).

A list of English sentences only catches the sentences on the list; this catches a string
nobody thought to list.
"""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import get_format
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from consent.models import (
    CookieCategory,
    CookieCategoryTranslation,
    CookieDeclaration,
    CookieDeclarationTranslation,
    EmbedProvider,
    EmbedProviderTranslation,
)
from newsroom import templating
from tests.factories import ArticleFactory, CommentFactory, CorrectionFactory, comment_form_data

pytestmark = pytest.mark.django_db

MARKED = re.compile(r"⟦[^⟦⟧]*⟧", re.DOTALL)
# What may be left once the marked strings and the data are taken out: digits, punctuation,
# symbols and space, none of which a translator is asked for.
NO_WORDS = re.compile(r"[^\W\d_]")
INVISIBLE = {"script", "style", "template", "noscript", "svg"}


def pseudo(text):
    return f"⟦{text}⟧"


@pytest.fixture
def pseudo_locale(monkeypatch):
    """Every gettext, ngettext, pgettext and npgettext answers in the pseudo-locale."""
    trans = translation._trans
    real = {name: getattr(trans, name) for name in ["gettext", "ngettext", "pgettext", "npgettext"]}
    monkeypatch.setattr(trans, "gettext", lambda message: pseudo(real["gettext"](message)))
    monkeypatch.setattr(
        trans, "ngettext", lambda one, many, n: pseudo(real["ngettext"](one, many, n))
    )
    monkeypatch.setattr(
        trans, "pgettext", lambda context, message: pseudo(real["pgettext"](context, message))
    )
    monkeypatch.setattr(
        trans,
        "npgettext",
        lambda context, one, many, n: pseudo(real["npgettext"](context, one, many, n)),
    )
    # Pieces drawn once per process (masthead, banner, search form, times, addresses) were drawn
    # by earlier tests in the real language: draw them afresh in the pseudo-locale, and after.
    forget_drawn_pieces()
    yield
    forget_drawn_pieces()


def forget_drawn_pieces():
    templating._drawn.clear()
    for memo in (templating._formatted_time, templating._static, templating._versions_of):
        memo.cache_clear()


# Text a reader meets outside the page's text nodes: what a screen reader announces, what a
# browser tab, a search result or a shared link shows.
READ_ATTRIBUTES = ("aria-label", "placeholder", "alt", "title")
READ_META = {"description", "og:title", "og:description", "twitter:title", "twitter:description"}


class VisibleText(HTMLParser):
    """The text a reader meets: the text nodes of <body> (hidden elements and scripts left
    out), the <title>, the descriptions search engines and social cards show, and the labels
    and hints in attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_body = self.in_title = False
        self.skipping = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        self.in_title = tag == "title"
        attributes = dict(attrs)
        if tag in INVISIBLE or "hidden" in attributes:
            self.skipping.append(tag)
        if self.skipping:
            return
        if tag == "meta" and (attributes.get("name") or attributes.get("property")) in READ_META:
            self.texts.append(attributes.get("content") or "")
        for name in READ_ATTRIBUTES:
            if (attributes.get(name) or "").strip():
                self.texts.append(attributes[name].strip())

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if (self.in_body or self.in_title) and not self.skipping and data.strip():
            self.texts.append(data.strip())


def unmarked_text(html, data):
    """The visible lines of text with words left once marked strings and data are taken out.

    A marked string can hold markup (a link, a hidden "to Ada Lovelace") and other marked
    strings (a month in a sentence), so the text is joined before the marks are taken out,
    innermost first."""
    parser = VisibleText()
    parser.feed(html)
    text = "\n".join(parser.texts)
    while MARKED.search(text):
        text = MARKED.sub(" ", text)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    text = re.sub(r"https?://\S+|\S+@\S+", " ", text)
    return [line.strip() for line in text.splitlines() if NO_WORDS.search(line)]


@pytest.fixture
def story():
    story = ArticleFactory(headline="Harbour reopens after the storm")
    CommentFactory(article=story, name="Ada Lovelace", text="Good news for the fishermen.")
    CorrectionFactory(article=story, text="An earlier version gave the wrong date.")
    return story


DATE_FORMATS = ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]


def date_format_words():
    """The words every language's date formats write out (French "30 novembre 2026 à 14:05"):
    locale data from newsroom/formats/, like a month's name, not text for translators. Django's
    format characters are ASCII letters, so the words are the escaped and non-ASCII ones."""
    words = set()
    for code, _name in settings.LANGUAGES:
        for name in DATE_FORMATS:
            written = get_format(name, code)
            words.update(re.findall(r"(?:\\[^\W\d_]|[^\x00-\x7f])+", written))
    return sorted(word.replace("\\", "") for word in words)


def data_of(story):
    """What editors, writers and commenters wrote, and names no language translates."""
    comment = story.comments.get()
    consent_texts = (
        [
            text
            for category in CookieCategory.objects.all()
            for text in [category.name, category.description]
        ]
        + [
            text
            for declaration in CookieDeclaration.objects.all()
            for text in [
                declaration.name,
                declaration.provider,
                declaration.duration,
                declaration.purpose,
            ]
        ]
        + [
            text
            for provider in EmbedProvider.objects.all()
            for text in [provider.name, provider.cookies, provider.purposes]
        ]
    )
    # Editors' translations of the cookie catalogue and the embed providers are data too (what
    # they wrote).
    consent_texts += (
        [
            text
            for translation in CookieCategoryTranslation.objects.all()
            for text in [translation.name, translation.description]
        ]
        + [
            text
            for translation in CookieDeclarationTranslation.objects.all()
            for text in [translation.provider, translation.duration, translation.purpose]
        ]
        + [
            text
            for translation in EmbedProviderTranslation.objects.all()
            for text in [translation.name, translation.cookies, translation.purposes]
            if text
        ]
    )
    endonyms = [capfirst(get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES]
    return [
        *consent_texts,
        *endonyms,
        *date_format_words(),
        settings.SITE_NAME,
        "RSS",
        "Atom",
        story.headline,
        story.standfirst,
        "First paragraph.",
        "Second paragraph.",
        story.category.name,
        story.category.description,
        story.author.get_full_name(),
        story.author.username,
        comment.name,
        comment.text,
        *story.corrections.values_list("text", flat=True),
        "harbour",
        # What the reader typed into the forms below, shown back to them.
        "Robin Reader",
        "robin@",
        "13/45/2024",
    ]


LANGUAGE_PREFIXES = ["", "/de", "/fr"]


def address_of(story, page):
    """The address of `page` (a path, or a name for one that depends on the story)."""
    return {
        "story": story.get_absolute_url(),
        "section": story.category.get_absolute_url(),
        "author": story.author_url,
    }.get(page, page)


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES, ids=["en", "de", "fr"])
@pytest.mark.parametrize(
    "page",
    [
        "/",
        "story",
        "section",
        "author",
        "/corrections/",
        "/search/?q=harbour",
        "/search/?q=nothing+matches+this",
        "/search/?q=harbour&from=13/45/2024&to=yesterday",
        "/consent/preferences/?next=/",
    ],
)
def test_reader_pages_show_no_interface_text_unmarked_for_translation(
    client, story, pseudo_locale, prefix, page
):
    response = client.get(prefix + address_of(story, page), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    # Each page is in the state it is meant to test.
    if "from=" in page:
        assert 'aria-invalid="true"' in html, "the search form shows its errors"
    if page in ("/corrections/", "story"):
        assert "An earlier version gave the wrong date." in html
    left = unmarked_text(html, data_of(story))
    assert left == [], "\n".join(left)


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES, ids=["en", "de", "fr"])
def test_the_404_page_shows_no_interface_text_unmarked_for_translation(
    client, story, pseudo_locale, prefix
):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    left = unmarked_text(response.content.decode(), data_of(story))
    assert left == [], "\n".join(left)


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES, ids=["en", "de", "fr"])
def test_a_comment_form_with_errors_shows_no_interface_text_unmarked_for_translation(
    client, story, pseudo_locale, prefix
):
    with translation.override(prefix.strip("/") or settings.LANGUAGE_CODE):
        address = reverse("comments:post", args=[story.pk])
    data = comment_form_data(story, email="robin@", text="")
    response = client.post(address, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html, "the form came back with its errors"
    left = unmarked_text(html, data_of(story))
    assert left == [], "\n".join(left)
