"""What a reader types into the search box, read as web-search syntax.

Rules this module owns:
- `"two words"` is a phrase, `-word` or `-"two words"` leaves stories with it out, and every
  other word must appear. An unclosed quote runs to the end of the text.
- Only letters and digits make words. Operators of either database (`AND`, `OR`, `NOT`,
  `NEAR(`, `*`, `^`, `:`, parentheses) are plain words or nothing, so no reader text ever
  reaches a database as syntax; each backend quotes the words it is given.
- Control characters (NUL included) are dropped, and a query is cut to MAX_QUERY_LENGTH
  characters and MAX_TERMS terms, so one request cannot ask for an unbounded search.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# A quoted phrase (closed or not) or a bare token, each optionally preceded by a minus.
TOKEN = re.compile(r'(?P<minus>-?)(?:"(?P<phrase>[^"]*)"?|(?P<bare>[^\s"]+))')
# Letters and digits in any script; the underscore joins nothing (SQLite's tokenizer splits
# on it too).
WORD = re.compile(r"[^\W_]+")


def _one_line(text):
    text = unicodedata.normalize("NFKC", text or "")
    # Control, format and private-use characters (NUL among them) become spaces.
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    return " ".join(text.split())


def tidy(text):
    """`text` without control characters, on one line, cut to MAX_QUERY_LENGTH characters."""
    return _one_line(text)[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class Term:
    """One or more words that must appear side by side (or, if `excluded`, must not)."""

    words: tuple[str, ...]
    excluded: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[Term, ...] = ()
    shortened: bool = False
    # Any one included term may match, rather than all of them (related stories).
    match_any: bool = False

    @property
    def included(self):
        return [term for term in self.terms if not term.excluded]

    @property
    def excluded(self):
        return [term for term in self.terms if term.excluded]

    def __bool__(self):
        """True when there is something to look for: a search cannot only exclude."""
        return bool(self.included)


def parse(raw_text):
    """Read `raw_text` (anything a reader sent) as a ParsedQuery; never raises."""
    text = tidy(raw_text)
    shortened = len(_one_line(raw_text)) > MAX_QUERY_LENGTH
    terms = []
    for match in TOKEN.finditer(text):
        words = tuple(WORD.findall((match["phrase"] or match["bare"] or "").lower()))
        term = Term(words, excluded=bool(match["minus"]))
        if words and term not in terms:
            terms.append(term)
    if len(terms) > MAX_TERMS:
        terms, shortened = terms[:MAX_TERMS], True
    return ParsedQuery(text=text, terms=tuple(terms), shortened=shortened)


def any_of(text, limit=MAX_TERMS, min_length=4):
    """The distinct longer words of `text` (a story's headline, say) as a query any of whose
    words may match: how related stories are found."""
    seen = []
    for word in WORD.findall((text or "").lower()):
        if len(word) >= min_length and word not in seen:
            seen.append(word)
    terms = tuple(Term((word,)) for word in seen[:limit])
    return ParsedQuery(text=tidy(text), terms=terms, match_any=True)
