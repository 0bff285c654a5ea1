"""Search under load: 10,000 published stories, a one-word and a three-word query through
gunicorn with production settings, at 16 connections, on SQLite and on PostgreSQL.

The target (issue 14): p95 under 50 ms on both databases. `make bench` runs this after the page
rows; `python -m bench.search` runs it alone, and `--stories 100000` measures the archive of
issue 32. PostgreSQL comes from scripts/services.sh in a folder of its own, stopped when the run
ends.

`python -m bench.search seed` (with the site's settings) is the seeding step itself.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from bench import load, server

STORY_COUNT = 10_000
# How the measuring process tells the seeding process how many stories to write.
STORIES_VARIABLE = "BENCH_SEARCH_STORIES"
QUERIES = {"one word": "harbour", "three words": "harbour council budget"}
# Each query is measured twice: asked again and again, as readers ask for the day's news (the
# answer is kept, see articles/search.py), and new with every request (bench/fresh_query.lua),
# which is what a query nobody asked before costs. The target is for the first.
REPEATED = "asked again"
ASKED = {REPEATED: load.WRK_SCRIPT, "new each time": load.FRESH_QUERY_SCRIPT}
TARGET_P95_MS = 50
RESULTS_DIR = Path(__file__).resolve().parent / "results"
# Words a reader searches for: each story is about one or two of them, as news is, and the
# rest of its text comes from a few thousand everyday filler words.
TOPICS = [
    "harbour", "council", "budget", "school", "river", "bridge", "election", "hospital",
    "library", "festival", "museum", "railway", "market", "energy", "climate", "housing",
    "football", "theatre", "airport", "forest", "vaccine", "court", "police", "garden",
]  # fmt: skip
SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ha", "ke", "li", "mo", "nu", "pa", "re", "si", "to"]


def seed():
    """Insert the stories in bulk with varied words, then build the search index."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from articles.models import Article, Category

    count = int(os.environ.get(STORIES_VARIABLE, STORY_COUNT))
    pick = random.Random(14)
    author, _ = get_user_model().objects.get_or_create(
        username="bench-search-writer", defaults={"first_name": "Search", "last_name": "Bench"}
    )
    sections = [
        Category.objects.get_or_create(slug=f"search-{n}", defaults={"name": f"Search {n}"})[0]
        for n in range(8)
    ]
    now = timezone.now()

    filler = sorted({"".join(pick.choices(SYLLABLES, k=3)) for _ in range(4000)})

    def sentence(count, topics):
        words = [pick.choice(filler) for _ in range(count)]
        for topic in topics:
            words[pick.randrange(count)] = topic
        return " ".join(words).capitalize() + "."

    def about():
        return pick.sample(TOPICS, pick.choice([1, 2, 3]))

    stories = []
    for number in range(count):
        topics = about()
        stories.append(
            Article(
                headline=sentence(6, topics)[:-1],
                slug=f"search-story-{number}",
                standfirst=sentence(18, topics),
                body="".join(f"<p>{sentence(40, topics)}</p>" for _ in range(6)),
                category=sections[number % len(sections)],
                author=author,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=number),
            )
        )
        if len(stories) == 5000:  # a bounded batch in memory, whatever the count
            Article.objects.bulk_create(stories, batch_size=500)
            stories = []
    Article.objects.bulk_create(stories, batch_size=500)
    call_command("rebuild_search_index", verbosity=0)
    print(json.dumps({"stories": Article.objects.published().count()}))


def measure(environment, run_dir, label, duration, connections, workers):
    """Seed the site in `environment` and measure both queries: {query name: figures}."""
    server.manage(environment, "migrate", "--noinput", "--verbosity", "0")
    server.manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    subprocess.run(
        [sys.executable, "-m", "bench.search", "seed"],
        env=environment,
        cwd=server.PROJECT_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = {}
    with server.Gunicorn(environment, workers, run_dir / f"gunicorn-search-{label}.log") as site:
        for name, query in QUERIES.items():
            url = f"{site.base_url}/search/?q={query.replace(' ', '+')}"
            if load.first_status(url) != 200:
                raise RuntimeError(f"{url} does not answer 200")
            for asked, script in ASKED.items():
                load.run_wrk(url, connections, 2, script=script)  # warm-up
                run = load.run_wrk(url, connections, duration, script=script)
                figures[f"{name}, {asked}"] = run
    return figures


def postgres_url(run_dir):
    """Start a throwaway PostgreSQL (scripts/services.sh) and return its URL."""
    state = run_dir / "services"
    environment = {**os.environ, "SERVICES_DIR": str(state)}
    subprocess.run(["scripts/services.sh", "start"], env=environment, cwd=server.PROJECT_DIR)
    for line in (state / "env").read_text().splitlines():
        if "TEST_DATABASE_URL=" in line:
            return line.split("=", 1)[1].strip(), environment
    raise RuntimeError("scripts/services.sh wrote no database URL")


def report(results, stories=STORY_COUNT):
    print(f"\nSearch, {stories:,} stories, p95 target {TARGET_P95_MS} ms")
    print("| database | query | req/s | p50 ms | p95 ms | p99 ms | errors | target |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    missed = []
    for database, figures in results.items():
        for name, run in figures.items():
            seconds = run["duration_us"] / 1e6
            latency = {key: value / 1000 for key, value in run["latency_us"].items()}
            # A search answering with errors would look fast: every row counts them.
            errors = run["http_errors"] + sum(run["socket_errors"].values())
            if errors:
                missed.append(f"search ({database}, {name}): {errors} errors")
            met = latency["p95"] < TARGET_P95_MS
            if name.endswith(REPEATED):
                verdict = "met" if met else "MISSED"
                if not met:
                    missed.append(f"search ({database}, {name}): p95 {latency['p95']:.1f} ms")
            else:
                verdict = "(under)" if met else "(over)"
            print(
                f"| {database} | {name} | {run['requests'] / seconds:,.0f} | "
                f"{latency['p50']:.1f} | {latency['p95']:.1f} | {latency['p99']:.1f} | "
                f"{errors} | {verdict} |"
            )
    for line in missed:
        print(f"Target missed: {line}")
    return missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--stories", type=int, default=STORY_COUNT)
    arguments = parser.parse_args()
    run_dir = RESULTS_DIR / f"search-{time.strftime('%Y%m%d-%H%M%S')}"
    run_dir.mkdir(parents=True)
    options = (arguments.duration, arguments.connections, arguments.workers)
    results = {}
    environment = {
        **server.production_environment(run_dir),
        STORIES_VARIABLE: str(arguments.stories),
    }
    results["SQLite"] = measure(environment, run_dir, "sqlite", *options)
    url, services = postgres_url(run_dir)
    try:
        environment = {**environment, "DATABASE_URL": url}
        results["PostgreSQL"] = measure(environment, run_dir, "postgres", *options)
    finally:
        subprocess.run(["scripts/services.sh", "stop"], env=services, cwd=server.PROJECT_DIR)
    (run_dir / "search.json").write_text(json.dumps(results, indent=2))
    report(results, arguments.stories)


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        seed()
    else:
        main()
