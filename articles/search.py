"""Story search: which database feature runs it, and what every backend promises.

Rules this module owns:
- PostgreSQL searches with its own full-text search (search_postgres.py), SQLite with FTS5
  (search_sqlite.py), chosen by the connection's vendor. Views, templates and models never
  know which one runs.
- A story is indexed when it is saved: headline weighs more than standfirst, standfirst more
  than body, and a body is reduced to its words first (its markup is never indexed).
- Only stories of the queryset asked are found (callers pass `Article.objects.published()`),
  whatever the index holds: best match first, newer first among equal matches.
- A snippet is the story's text escaped for HTML with only the matched words in <mark>, so a
  story body's markup can never leak into a results page.
- Answers are kept (the "search" cache, in each process's memory) when the caller names what
  was searched with `remember_as`: the site's page generation (a story published, edited or
  withdrawn), which the answer is kept under, and the filters. Readers search for the
  day's news, so the same few queries come again and again; a query never asked before costs
  a count and a page query (docs/search.md).
"""

from html.parser import HTMLParser

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom.copies import is_list_of, kept

from . import search_postgres, search_sqlite
from .search_syntax import any_of

INDEXED_FIELDS = ("headline", "standfirst", "body")
# Backends return matched words between these two private-use characters, which indexed text
# never holds (search_syntax.tidy and body_text drop them); they become <mark> after escaping.
MARKS = MARK_START, MARK_END = "\ue000", "\ue001"
BACKENDS = {"postgresql": search_postgres, "sqlite": search_sqlite}
# A search ranks only the newest RANKED stories that match, and counts no further than that:
# a word in half of 100,000 stories would otherwise be ranked 50,000 times for every new
# question (seconds), when readers look at the first pages and want recent news. What is given
# up (docs/search.md): an older story that matches better than all of the newest 1,000 is not
# found, and a count beyond 1,000 is shown as "more than 1,000".
RANKED = 1000
# Related stories are chosen among fewer: four recent stories sharing a headline's words are
# what a reader of a story wants next. At 100,000 stories (bench/scale) finding them took
# 12 ms of a plain story page ranking 1,000 candidates, 7 ms ranking 250.
RELATED_RANKED = 250


def backend_for(db_alias):
    vendor = connections[db_alias].vendor
    if vendor not in BACKENDS:
        raise ImproperlyConfigured(f"Search supports PostgreSQL and SQLite, not {vendor}.")
    return BACKENDS[vendor]


class SearchResults:
    """The stories of a queryset matching a query, for Django's Paginator: `count()` and
    each slice (a page) run one query each, whatever the number of matches, unless the answer
    is kept (`remember_as`: see the module rules)."""

    def __init__(self, stories, query, remember_as=None):
        self.stories = stories
        self.query = query
        self.backend = backend_for(stories.db)
        self.remember_as = remember_as
        self._count = None

    def count(self):
        """How many stories the pages hold: the matches, RANKED at most."""
        return min(self.matches(), RANKED)

    def matches(self):
        """How many stories match, RANKED + 1 meaning "more than RANKED"."""
        if self._count is None:
            self._count = (
                self._kept(
                    "count",
                    is_count,
                    lambda: self.backend.count(self.stories, self.query, RANKED + 1),
                )
                if self.query
                else 0
            )
        return self._count

    @property
    def more_than_ranked(self):
        return self.matches() > RANKED

    def _kept(self, part, is_ours, make):
        if self.remember_as is None:
            return make()
        generation, filters = self.remember_as
        question = (self.stories.db, filters, self.query.terms, self.query.match_any, part)
        return kept(
            "search", is_ours, make, store="search", generations=[generation], parts=question
        )

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        start, stop = window.start or 0, window.stop
        if not self.query or self._count == 0 or (stop is not None and stop <= start):
            return []
        limit = (stop - start) if stop is not None else self.count()
        return self._kept(
            ("page", start, limit), is_list_of(self.stories.model), lambda: self._page(start, limit)
        )

    def _page(self, start, limit):
        found = self.backend.page(self.stories, self.query, start, limit, MARKS, RANKED)
        for article in found:
            article.snippet = highlight(article.search_snippet)
        return found


def is_count(value):
    return type(value) is int and value >= 0


def related(stories, article, limit):
    """Up to `limit` of `stories` sharing words with `article`'s headline (its most telling
    words): those in its section first, then by how well they match."""
    query = any_of(article.headline)
    if not query:
        return []
    # Among the newest RELATED_RANKED stories sharing a word: any of a headline's words is in
    # most stories, and ranking them all made every story page slower as the archive grew.
    return backend_for(stories.db).related(
        stories, query, article.category_id, limit, RELATED_RANKED
    )


def matching(stories, query):
    """`stories` (drafts too) whose indexed words match `query` (a ParsedQuery), unranked:
    for the editors' story list, which keeps its own order."""
    return backend_for(stories.db).matching(stories, query)


def index_article(article):
    backend_for(article._state.db).write(type(article), article._state.db, [index_row(article)])


# Stories per transaction of a rebuild: on PostgreSQL each costs a few milliseconds to index,
# so an editor saving a story in the chunk being written waits well under a second (measured
# by bench/scale on a busy machine: 1.5 s with chunks of 500 written a story at a time, 0.17 s
# at 100,000 stories with chunks of 25 in one UPDATE each).
REBUILD_CHUNK = 25


def rebuild_index(stories, chunk_size=REBUILD_CHUNK):
    """Index every story of `stories` afresh (after a bulk import, or a change of language);
    return how many were indexed. Each story's entry is replaced whole, so nothing is cleared
    first (a deleted story's entry goes with it: see the backends).

    Stories are read and written `chunk_size` at a time by primary key, each chunk in its own
    transaction (a savepoint inside a caller's): on 100,000 stories an editor saving a story
    waits for one chunk at most, never for the whole rebuild, and readers search the index
    as it is meanwhile, each story old or new."""
    backend = backend_for(stories.db)
    chosen = stories.only(*INDEXED_FIELDS).order_by("pk")
    total, after = 0, None
    while True:
        chunk = chosen if after is None else chosen.filter(pk__gt=after)
        with transaction.atomic(using=stories.db):
            rows = [index_row(article) for article in chunk[:chunk_size]]
            backend.write(stories.model, stories.db, rows)
        if not rows:
            return total
        total, after = total + len(rows), rows[-1][0]


def index_row(article):
    """(id, headline, standfirst, body text): what a backend indexes for `article`."""
    return (article.pk, article.headline, article.standfirst, body_text(article.body))


class _TextOfHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        # Every tag separates words: "<p>end.</p><p>Start" is two words, not "end.Start".
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def body_text(html):
    """The words of a story body, without markup, entities decoded, on one line."""
    parser = _TextOfHTML()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts).replace(MARK_START, " ").replace(MARK_END, " ")
    return " ".join(text.split())


def highlight(raw_snippet):
    """`raw_snippet` (plain text with matches between the marks) as safe HTML."""
    html = escape(raw_snippet or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
