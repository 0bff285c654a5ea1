"""PostgreSQL's story search: a weighted tsvector column, websearch queries, ts_rank.

Each story's `search_vector` holds its headline (weight A), standfirst (B) and body text (C) in
the text search configuration SEARCH_CONFIG (the site's language); Article.save() writes it and
a GIN index (migration 0003) finds matches. Changing SEARCH_CONFIG needs
`manage.py rebuild_search_index`.

Reader text reaches websearch_to_tsquery() only as the quoted words of the parsed query, so
`or` and other operator words a reader types stay words.
"""

import html

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
)
from django.db import connections
from django.db.models import F, Func, TextField, Value

# Snippets come from the body with its tags (and any stray marks) blanked out; entities are
# decoded after, in Python.
TAGS_AND_MARKS = r"<[^>]*>|[\ue000\ue001]"
SNIPPET_OPTIONS = {"max_words": 30, "min_words": 12, "max_fragments": 2}


def config():
    return settings.SEARCH_CONFIG


def websearch_text(query):
    """`query` (a ParsedQuery) as websearch_to_tsquery() input with every term quoted."""

    def quoted(term):
        return '"' + " ".join(term.words) + '"'

    joiner = " or " if query.match_any else " "
    included = joiner.join(quoted(term) for term in query.included)
    return " ".join([included, *(f"-{quoted(term)}" for term in query.excluded)])


def _tsquery(query):
    return SearchQuery(websearch_text(query), search_type="websearch", config=config())


def count(stories, query, cap):
    """Matches, counted no further than `cap` (a LIMITed subquery: the database stops there)."""
    return stories.filter(search_vector=_tsquery(query)).order_by()[:cap].count()


def matching(stories, query):
    """`stories` matching `query`, found through the GIN index, in any order."""
    return stories.filter(search_vector=_tsquery(query))


def page(stories, query, offset, limit, marks, ranked):
    tsquery = _tsquery(query)
    order = ("-search_rank", "-published_at", "-id")
    # Only the newest `ranked` matches are ranked (articles/search.py): the newest first by the
    # publish-time index, then ts_rank over those alone.
    newest = (stories.filter(search_vector=tsquery).order_by("-published_at", "-id").values("pk"))[
        :ranked
    ]
    # The page's stories are chosen by rank first, so ts_headline (costly) runs for those ten
    # rows only: in one query with the OFFSET, it would also run for every row skipped.
    chosen = (
        stories.filter(pk__in=newest)
        .annotate(search_rank=SearchRank(F("search_vector"), tsquery))
        .order_by(*order)
        .values("pk")[offset : offset + limit]
    )
    body_text = Func(
        F("body"),
        Value(TAGS_AND_MARKS),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    found = (
        stories.filter(pk__in=chosen)
        .annotate(
            search_rank=SearchRank(F("search_vector"), tsquery),
            search_snippet=SearchHeadline(
                body_text,
                tsquery,
                config=config(),
                start_sel=marks[0],
                stop_sel=marks[1],
                fragment_delimiter=" … ",
                **SNIPPET_OPTIONS,
            ),
        )
        .order_by(*order)
    )
    found = list(found)
    for article in found:
        article.search_snippet = " ".join(html.unescape(article.search_snippet or "").split())
    return found


def related(stories, query, section_id, limit, ranked):
    tsquery = _tsquery(query)
    # Ranked in the one scan that finds the newest matches, then ordered around it: only the
    # `limit` chosen ids leave the database. Ordering the whole stories in SQL meant a second
    # pass that fetched and joined all `ranked` of them again (19 of a story page's 31 ms of
    # queries at 100,000 stories), and handing the `ranked` rows to Python cost 4 ms more.
    newest = (
        stories.filter(search_vector=tsquery)
        .annotate(search_rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-published_at", "-id")
        .values_list("pk", "category_id", "search_rank", "published_at")[:ranked]
    )
    newest_sql, params = newest.query.sql_with_params()
    with connections[stories.db].cursor() as cursor:
        # Its own section's first, then best match; equal ranks newest first.
        cursor.execute(
            f"SELECT newest.pk FROM ({newest_sql}) AS newest ORDER BY "
            "newest.category_id = %s DESC, newest.search_rank DESC, "
            "newest.published_at DESC, newest.pk DESC LIMIT %s",
            [*params, section_id, limit],
        )
        best = [row[0] for row in cursor.fetchall()]
    chosen = stories.in_bulk(best)
    return [chosen[pk] for pk in best if pk in chosen]


def write(model, db_alias, rows):
    """Store the vectors of (id, headline, standfirst, body text) rows, in one UPDATE: a
    round trip per story made a rebuild of 100,000 stories take half an hour."""
    if not rows:
        return
    table = connections[db_alias].ops.quote_name(model._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    weighted = " || ".join(
        f"setweight(to_tsvector(%s::regconfig, coalesce(given.{column}, '')), '{weight}')"
        for column, weight in (("headline", "A"), ("standfirst", "B"), ("body", "C"))
    )
    # An UPDATE, not save(): indexing changes no story, so nothing else must react.
    with connections[db_alias].cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET search_vector = {weighted} "
            f"FROM (VALUES {values}) AS given (id, headline, standfirst, body) "
            f"WHERE {table}.id = given.id::bigint",
            [config()] * 3 + [value for row in rows for value in row],
        )
