"""SQLite's story search: an FTS5 table of every story's words, ranked by bm25.

The table (made by migration 0003) holds each story's headline, standfirst and body text under
the story's id as its rowid; Article.save() writes the row and a trigger deletes it with the
story. It knows nothing of status or publish times: every search joins the stories the caller
may see, as the ORM writes that query, so an unpublished story is never found whatever the table
holds (`publish()` and `unpublish()` update stories in bulk and never touch it).

Reader text never reaches MATCH as syntax: each term of the parsed query becomes a quoted FTS5
string, which FTS5 reads as words only.
"""

from django.db import connections
from django.db.models import Case, F, IntegerField, When
from django.db.models.expressions import RawSQL

TABLE = "articles_search"
# bm25() weights of the headline, standfirst and body columns.
WEIGHTS = "10.0, 5.0, 1.0"
BODY_COLUMN = 2
SNIPPET_TOKENS = 30


def match_expression(query):
    """`query` (a ParsedQuery) as an FTS5 MATCH expression in which every word is quoted."""

    def quoted(term):
        return '"' + " ".join(term.words).replace('"', '""') + '"'

    joiner = " OR " if query.match_any else " AND "
    expression = "(" + joiner.join(quoted(term) for term in query.included) + ")"
    return expression + "".join(f" NOT {quoted(term)}" for term in query.excluded)


def _matching(stories, query):
    """SQL (and its parameters) joining the index to `stories` and keeping the matches."""
    visible = stories.order_by().values("id", "published_at", "category_id").query
    visible_sql, params = visible.get_compiler(using=stories.db).as_sql()
    # CROSS JOIN makes SQLite read the matches first and look each story up by its id; left
    # to choose, it may walk every published story and run the full-text query for each.
    sql = (
        f"FROM {TABLE} CROSS JOIN ({visible_sql}) AS visible ON visible.id = {TABLE}.rowid "
        f"WHERE {TABLE} MATCH %s"
    )
    return sql, [*params, match_expression(query)]


def count(stories, query, cap):
    """Matches, counted no further than `cap`."""
    matching, params = _matching(stories, query)
    with connections[stories.db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 {matching} LIMIT %s)", [*params, cap])
        return cursor.fetchone()[0]


def matching(stories, query):
    """`stories` matching `query`, found through the FTS5 table, in any order."""
    ids = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match_expression(query)])
    return stories.filter(pk__in=ids)


def _ranked(stories, query, offset, limit, first_section=None, marks=None, ranked=None):
    """`limit` stories from `offset` in rank order, with their rank (and raw snippet, the
    matches between `marks`); with `ranked`, among the newest `ranked` matches only."""
    matching, params = _matching(stories, query)
    if ranked is not None:
        # The newest matches first, by the stories' publish times, then bm25 over those alone
        # (articles/search.py says why and what is given up). The unary plus keeps this IN
        # away from FTS5, which would run the whole MATCH again for each of the `ranked` ids:
        # 400 ms for a word in 8% of 100,000 stories, 27 ms with the list checked after it.
        matching += (
            f" AND +{TABLE}.rowid IN (SELECT visible.id {matching} "
            "ORDER BY visible.published_at DESC, visible.id DESC LIMIT %s)"
        )
        params = [*params, *params, ranked]
    section_first = ""
    if first_section is not None:
        section_first, params = "visible.category_id = %s DESC, ", [*params, first_section]
    # The ranked ids are chosen inside, so snippets are made for one page of stories only,
    # not for every match; the outer query reads each chosen story's rank and snippet again.
    ids = RawSQL(
        f"SELECT {TABLE}.rowid {matching} ORDER BY {section_first}bm25({TABLE}, {WEIGHTS}), "
        "visible.published_at DESC, visible.id DESC LIMIT %s OFFSET %s",
        [*params, limit, offset],
    )
    expression = match_expression(query)
    story_id = f'"{stories.model._meta.db_table}"."id"'
    of_this_story = f"FROM {TABLE} WHERE {TABLE} MATCH %s AND {TABLE}.rowid = {story_id}"
    rank = RawSQL(f"SELECT bm25({TABLE}, {WEIGHTS}) {of_this_story}", [expression])
    ranked = stories.filter(pk__in=ids).annotate(search_rank=rank)
    if marks:
        snippet = RawSQL(
            f"SELECT snippet({TABLE}, {BODY_COLUMN}, %s, %s, %s, {SNIPPET_TOKENS}) {of_this_story}",
            [*marks, "…", expression],
        )
        ranked = ranked.annotate(search_snippet=snippet)
    return ranked


def page(stories, query, offset, limit, marks, ranked):
    ranked = _ranked(stories, query, offset, limit, marks=marks, ranked=ranked)
    return list(ranked.order_by(F("search_rank").asc(), "-published_at", "-id"))


def related(stories, query, section_id, limit, ranked):
    ranked = _ranked(stories, query, 0, limit, first_section=section_id, ranked=ranked)
    in_section = Case(When(category_id=section_id, then=1), default=0, output_field=IntegerField())
    ranked = ranked.annotate(same_section=in_section)
    return list(ranked.order_by("-same_section", "search_rank", "-published_at", "-id"))


def write(model, db_alias, rows):
    """Store (id, headline, standfirst, body text) rows, replacing what each story had."""
    with connections[db_alias].cursor() as cursor:
        cursor.executemany(
            f"INSERT OR REPLACE INTO {TABLE} (rowid, headline, standfirst, body) "
            "VALUES (%s, %s, %s, %s)",
            rows,
        )
