"""`make bench-scale`: fill a private PostgreSQL at each size, measure, write bench/SCALE.md.

    python -m bench.scale.run [--sizes 1000 10000 100000] [--rounds 30]

PostgreSQL comes from scripts/services.sh in .bench-scale/ and is stopped at the end.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
STATE = PROJECT / ".bench-scale"
REPORT = PROJECT / "bench" / "SCALE.md"


def start_postgres():
    environment = {**os.environ, "SERVICES_DIR": str(STATE)}
    subprocess.run(["scripts/services.sh", "start"], env=environment, cwd=PROJECT, check=True)
    for line in (STATE / "env").read_text().splitlines():
        if "TEST_DATABASE_URL=" in line:
            return line.split("=", 1)[1].strip(), environment
    raise RuntimeError("scripts/services.sh wrote no database URL")


def reader_pages(stories):
    from django.conf import settings

    from articles.listing_pages import DEEPEST_NUMBERED_PAGE
    from articles.models import Article
    from articles.sitemaps import ADDRESSES_PER_FILE
    from bench.scale.fill import BIG_STORY_COMMENTS

    per_page = settings.ARTICLES_PER_PAGE
    last = -(-stories // per_page)
    threads = BIG_STORY_COMMENTS * 2 // 3
    comment_pages = -(-threads // settings.COMMENTS_PER_PAGE)
    files = stories // (ADDRESSES_PER_FILE // len(settings.LANGUAGES)) + 1
    # Page 2,000 as a reader reaches it, by "Older stories" links: the stories listed after
    # the last one of page 1,999 (articles/listing_pages.py).
    deep = min(2000, last - 1)
    listed = Article.objects.published().order_by("-published_at", "-pk")
    before = listed.values_list("pk", flat=True)[(deep - 1) * per_page - 1]
    pages = {
        "home": "/",
        "home, page 2,000 (or the last but one)": f"/?before={before}",
        # The deepest page an old number still reaches (deeper ones are a 404).
        "home, page 1,000 by its old number": f"/?page={min(DEEPEST_NUMBERED_PAGE, last)}",
        "home, last page": "/?after=0",
        "section, last page": "/category/section-1/?after=0",
        "author, page 1": "/author/writer-number-1/",
        "a story (related stories)": f"/story/scale-story-{stories // 2}/",
        "story with 5,000 comments": "/story/scale-story-1/",
        "its last comment page": f"/story/scale-story-1/?comments={comment_pages}",
        "RSS feed": "/feeds/rss/",
        "section Atom feed": "/feeds/category/section-1/atom/",
        "news sitemap": "/sitemap-news.xml",
        "sitemap index": "/sitemap.xml",
        "sitemap, sections": "/sitemap-categories.xml",
        "sitemap, authors": "/sitemap-authors.xml",
    }
    # The first, a middle and the last file of stories.
    for place, number in (("first", 1), ("middle", (files + 1) // 2), ("last", files)):
        pages[f"sitemap, {place} stories file"] = f"/sitemap-articles.xml?p={number}"
    return pages


SEARCHES = {
    "search, one word in 40%": "/search/?q=council",
    "search, one word in 8%": "/search/?q=harbour",
    "search, three words": "/search/?q=harbour+council+budget",
}


def admin_pages():
    from consent.models import ConsentRecord

    visitor = ConsentRecord.objects.order_by("-pk").values_list("visitor_id", flat=True)[0]
    return {
        "admin story list": "/admin/articles/article/",
        "admin story search": "/admin/articles/article/?q=harbour",
        "admin comment list": "/admin/comments/comment/",
        "admin comment list, pending": "/admin/comments/comment/?status__exact=pending",
        "admin comment search": "/admin/comments/comment/?q=number+4242",
        "admin consent log": "/admin/consent/consentrecord/",
        "admin consent log, one visitor": f"/admin/consent/consentrecord/?q={visitor}",
        "admin outgoing mail": "/admin/comments/outgoingmail/",
    }


def editor_waits_during_rebuild():
    """Rebuild the search index while an editor saves a story every 0.2 s elsewhere; return
    (seconds the rebuild took, longest save in seconds)."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.models import F

    from articles.models import Article

    done, waits = threading.Event(), []

    def editor():
        while not done.is_set():
            started = time.monotonic()
            Article.objects.filter(pk=1).update(edit_version=F("edit_version") + 1)
            waits.append(time.monotonic() - started)
            time.sleep(0.2)
        connections.close_all()

    saving = threading.Thread(target=editor)
    saving.start()
    started = time.monotonic()
    try:
        with open(os.devnull, "w") as quiet:
            call_command("rebuild_search_index", stdout=quiet)
    finally:
        took = time.monotonic() - started
        done.set()
        saving.join()
    return took, max(waits, default=0)


def settle(connection):
    """Have the data set written to disk before anything is timed. Right after the load the
    disk was still writing it back (half the machine's time in I/O wait), and the pages timed
    first were slower than the same pages a few minutes later."""
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
    os.sync()


def measure_size(stories, rounds):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from bench.scale import housekeeping
    from bench.scale.fill import fill
    from bench.scale.measure import measure
    from consent.models import ConsentRecord

    print(f"Filling {stories:,} stories...", flush=True)
    started = time.monotonic()
    fill(connection, stories)
    result = {"fill_seconds": time.monotonic() - started}
    settle(connection)
    print(f"Measuring {stories:,} stories...", flush=True)
    reader = reader_pages(stories)
    # Searches are reader pages too: asked in the same rounds.
    timed, result["machine"] = measure({**reader, **SEARCHES}, rounds=rounds)
    result["reader"] = {name: timed[name] for name in reader}
    result["search"] = {name: timed[name] for name in SEARCHES}
    editor = get_user_model().objects.create_superuser("scale-editor", "", "scale-password")
    staff = Client()
    staff.force_login(editor)
    # The process's peak memory before and after the admin pages: how much one of them grew a
    # worker, at least (a page that needed less than the peak so far shows as nothing).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["admin"], _ = measure(admin_pages(), client=staff, explain=False, rounds=rounds)
    result["admin_memory_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    result["rebuild_seconds"], result["longest_save_seconds"] = editor_waits_during_rebuild()
    print(f"Exporting and pruning the consent log of {stories:,} stories...", flush=True)
    result["consent_records"] = ConsentRecord.objects.count()
    seconds, rows, peak = housekeeping.export_whole_log(editor)
    result["export"] = {"seconds": seconds, "rows": rows, "peak_mb": peak}
    result["prune"] = housekeeping.prune_while_recording()
    return result


def main():
    from bench.scale.measure import ROUNDS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    arguments = parser.parse_args()
    url, services = start_postgres()
    try:
        os.environ.update(
            DATABASE_URL=url,
            DJANGO_SETTINGS_MODULE="bench.scale.settings",
            DEBUG="False",
            SECRET_KEY="bench-scale-" + "x" * 50,
            SECURE_SSL_REDIRECT="False",
        )
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        results = {}
        for size in arguments.sizes:
            results[size] = measure_size(size, arguments.rounds)
            (STATE / "results.json").write_text(json.dumps(results, indent=2))
        from bench.scale.report import write_report

        write_report(results, REPORT)
        print(REPORT.read_text())
    finally:
        subprocess.run(["scripts/services.sh", "stop"], env=services, cwd=PROJECT)


if __name__ == "__main__":
    sys.exit(main())
