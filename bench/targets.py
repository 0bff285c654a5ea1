"""What `make bench` measures and the targets of issue 11 each measurement is held to.

Each row is compared with a ceiling measured in the same run: pages gunicorn serves with the
minimal Django app (bench/minimal.py), pages nginx serves from its cache with nginx sending a
static copy of the same page.
"""

from dataclasses import dataclass

MAX_P99_MS = 50
ANALYTICS_COOKIE = {"Cookie": "_ga=GA1.2.123.456"}


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    # Which server answers: "minimal", "site" (gunicorn with the in-app cache on local
    # memory), "redis" (the same with the cache on Redis), "nginx" (the shipped config in
    # front of "site"), "static" (nginx sending a file); in the cluster (two app servers on
    # PostgreSQL with the cache on Redis), "cluster_nginx" (the shipped config in front of
    # both) and "cluster_app" (nginx balancing between them without its cache).
    server: str
    path: str  # a key of the data set's paths, or "bare"/"static"
    headers: tuple = ()
    reference: str | None = "minimal"
    target_ratio: float | None = None
    # Reader pages through gunicorn are held to the p99 target.
    p99_target: bool = False


GA = tuple(ANALYTICS_COOKIE.items())
EDITOR = "editor"  # replaced by the signed-in editor's session cookie at run time


def reader_page(key, label, server, path, headers=(), target_ratio=None):
    """A page readers get through gunicorn: compared with the minimal view, p99 held."""
    return Row(key, label, server, path, headers, "minimal", target_ratio, p99_target=True)


# key, label, server, path, headers, reference, minimum share of the reference
ROWS = [
    Row("static", "nginx, static copy of the story (50 comments)", "static", "static", (), None),
    Row("nginx_story", "story, nginx cache", "nginx", "article_50", (), "static", 0.50),
    Row("nginx_story_ga", "story, nginx cache, _ga", "nginx", "article_50", GA, "static", 0.50),
    Row("minimal", "minimal Django view", "minimal", "bare", (), None),
    Row("bare", "bare view, Newsroom middleware", "site", "bare"),
    reader_page("story", "story, in-app cache", "site", "article_50", (), 0.35),
    reader_page("story_ga", "story, in-app cache, _ga", "site", "article_50", GA, 0.35),
    reader_page("home", "home, in-app cache", "site", "home"),
    reader_page("home_ga", "home, in-app cache, _ga", "site", "home", GA),
    reader_page("category", "category, in-app cache", "site", "category"),
    reader_page("category_ga", "category, in-app cache, _ga", "site", "category", GA),
    reader_page("story_500", "story (500 comments), in-app cache", "site", "article_500"),
    reader_page("rss", "RSS feed", "site", "rss"),
    Row("editor_story", "story, signed-in editor", "site", "article_50", EDITOR, "minimal", 0.10),
    reader_page("redis_story", "story, in-app cache on Redis", "redis", "article_50"),
    reader_page("redis_story_ga", "story, in-app cache on Redis, _ga", "redis", "article_50", GA),
]
# The cluster section: the same reader pages through the cluster's layers. Held to the same
# targets as their single-machine rows; the personal reader (a full render) to none.
PERSONAL_COOKIE = (("Cookie", "messages=x"),)
CLUSTER_ROWS = [
    Row(
        "cluster_story",
        "cluster: story, nginx cache",
        "cluster_nginx",
        "article_50",
        (),
        "static",
        0.50,
    ),
    Row(
        "cluster_story_ga",
        "cluster: story, nginx cache, _ga",
        "cluster_nginx",
        "article_50",
        GA,
        "static",
        0.50,
    ),
    Row(
        "cluster_story_personal",
        "cluster: story, messages cookie (no cache)",
        "cluster_nginx",
        "article_50",
        PERSONAL_COOKIE,
        "minimal",
    ),
    reader_page(
        "cluster_story_app",
        "cluster: story, app servers, cache on Redis",
        "cluster_app",
        "article_50",
    ),
    reader_page(
        "cluster_home", "cluster: home, app servers, cache on Redis", "cluster_app", "home"
    ),
    reader_page(
        "cluster_category",
        "cluster: category, app servers, cache on Redis",
        "cluster_app",
        "category",
    ),
]
CLUSTER_SERVERS = ("cluster_nginx", "cluster_app")
COMMENT_FLOW = Row("comment_post", "comment GET + POST (flows)", "site", "comment_post")


def judge(row, figures):
    """Which of the issue's targets this measurement misses (an empty list means all met)."""
    misses = []
    if figures["errors"]:
        misses.append(f"{figures['errors']} errors")
    if figures.get("storage_problems"):
        misses.append("comments not stored exactly once")
    if row.p99_target and figures["p99_ms"] >= MAX_P99_MS:
        misses.append(f"p99 >= {MAX_P99_MS} ms")
    if row.target_ratio is not None and figures.get("ratio", 1) < row.target_ratio:
        misses.append(f"< {row.target_ratio:.0%} of {row.reference}")
    return misses


def add_ratios_and_verdicts(rows, results):
    for row in rows:
        figures = results.get(row.key)
        if figures is None or "requests_per_second" not in figures:
            continue
        reference = (
            results.get(row.reference, {}).get("requests_per_second") if row.reference else None
        )
        if reference:
            figures["ratio"] = figures["requests_per_second"] / reference
        figures["misses"] = judge(row, figures)


def format_table(rows, results, headings=None):
    """The table; `headings` maps a row's key to a line printed before it (a section)."""
    lines = [
        f"{'page':<48}{'req/s':>8}{'ratio':>7}  {'of':<8}{'p50 ms':>7}{'p99 ms':>8}"
        f"{'errors':>7}  target",
        "-" * 110,
    ]
    for row in rows:
        if headings and row.key in headings:
            lines.append(headings[row.key])
        figures = results.get(row.key, {"status": "not measured"})
        if "requests_per_second" not in figures:
            lines.append(f"{row.label:<48}{figures['status']}")
            continue
        ratio = f"{figures['ratio']:.0%}" if "ratio" in figures else ""
        target = [f">= {row.target_ratio:.0%}"] if row.target_ratio else []
        target += [f"p99 < {MAX_P99_MS}"] if row.p99_target else []
        verdict = "MISSED: " + ", ".join(figures["misses"]) if figures["misses"] else "met"
        verdict = verdict if target or figures["misses"] else ""
        lines.append(
            f"{row.label:<48}{figures['requests_per_second']:>8.0f}{ratio:>7}  "
            f"{(row.reference or '') if ratio else '':<8}{figures['p50_ms']:>7.1f}"
            f"{figures['p99_ms']:>8.1f}{figures['errors']:>7}  {', '.join(target)} {verdict}"
        )
    return "\n".join(lines)


def missed_targets(rows, results):
    """One line per row that misses a target of issue 11."""
    return [
        f"{row.label}: {', '.join(results[row.key]['misses'])}"
        for row in rows
        if results.get(row.key, {}).get("misses")
    ]
