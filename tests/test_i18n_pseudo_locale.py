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
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from consent.models import CookieCategory, CookieDeclaration, EmbedProvider
from newsroom import templating
from tests.factories import ArticleFactory, CommentFactory

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


class VisibleText(HTMLParser):
    """The text nodes of <body> a reader sees (hidden elements and scripts left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_body = False
        self.skipping = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        attributes = dict(attrs)
        if tag in INVISIBLE or "hidden" in attributes:
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if self.in_body and not self.skipping and data.strip():
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
    return story


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
    endonyms = [capfirst(get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES]
    return [
        *consent_texts,
        *endonyms,
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
        "harbour",
    ]


@pytest.mark.parametrize(
    "address",
    ["/", "story", "/search/?q=harbour", "/consent/preferences/?next=/"],
)
def test_reader_pages_show_no_interface_text_unmarked_for_translation(
    client, story, pseudo_locale, address
):
    url = story.get_absolute_url() if address == "story" else address
    response = client.get(url, follow=True)
    assert response.status_code == 200
    left = unmarked_text(response.content.decode(), data_of(story))
    assert left == [], "\n".join(left)
