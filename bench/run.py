"""`make bench`: seed the fixed data set, serve it with production settings under gunicorn and
measure each reader page's throughput as a share of a bare Django view's, in the same run.

Absolute numbers depend on the machine; the ratios are what we compare between runs and
machines. Results are printed as a table and written to bench/results/<time>.json.
"""

import argparse
import gzip
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import django

from bench import BARE_VIEW_PATH, load, nginx, posting, server
from bench.targets import (
    COMMENT_FLOW,
    EDITOR,
    ROWS,
    add_ratios_and_verdicts,
    format_table,
    missed_targets,
)

RESULTS_DIR = Path(__file__).resolve().parent / "results"
NOT_AVAILABLE = "not available (needs the comments app)"
EDITOR_USERNAME = "bench-editor"
EDITOR_PASSWORD = "a long passphrase for the benchmark editor"
# gunicorn.conf.py's worker count on this machine, unless WEB_CONCURRENCY says otherwise.
SHIPPED_WORKERS = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1))


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers",
        type=int,
        default=SHIPPED_WORKERS,
        help="gunicorn worker processes (default: gunicorn.conf.py's, 2 per core + 1)",
    )
    parser.add_argument(
        "--pages",
        help="comma-separated subset of rows to measure (the ceilings always are), "
        "e.g. story,nginx_story",
    )
    return parser.parse_args()


def machine_description():
    model = platform.processor() or platform.machine()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(
            line.split(":", 1)[1].strip()
            for line in lscpu.splitlines()
            if line.startswith("Model name")
        )
    except (OSError, subprocess.CalledProcessError, StopIteration):
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "nginx": nginx_version(),
    }


def nginx_version():
    binary = nginx.nginx_binary()
    if binary is None:
        return None
    completed = subprocess.run([binary, "-v"], capture_output=True, text=True)
    return completed.stderr.strip().rpartition("/")[2]


class Run:
    """One run's servers and what it measured so far."""

    def __init__(self, arguments, paths, environment):
        self.arguments = arguments
        self.paths = {**paths, "bare": "/" + BARE_VIEW_PATH, "static": "/story.html"}
        self.environment = environment
        self.results = {}
        self.editor_session = None
        wanted = arguments.pages.split(",") if arguments.pages else None
        self.rows = [
            row
            for row in ROWS
            if wanted is None or row.key in wanted or row.key in ("minimal", "static")
        ]

    def measure(self, server, base_url):
        """Every row served by `server`, against `base_url`."""
        for row in self.rows:
            if row.server != server:
                continue
            path = self.paths.get(row.path)
            if path is None:
                self.results[row.key] = {"status": NOT_AVAILABLE}
                continue
            headers = self.headers(row)
            print(f"  {row.label}: {path}", file=sys.stderr)
            arguments = self.arguments
            figures = load.measure_get(
                base_url + path,
                arguments.connections,
                arguments.duration,
                arguments.warmup,
                headers,
            )
            # The editor's session is not worth keeping in the results.
            shown = {"Cookie": "sessionid=(the editor's)"} if row.headers == EDITOR else headers
            self.results[row.key] = {**figures, "path": path, "headers": shown}

    def headers(self, row):
        if row.headers == EDITOR:
            return {"Cookie": f"sessionid={self.editor_session}"}
        return dict(row.headers)

    def page_bytes(self, base_url, key):
        path = self.paths["article_50"]
        self.results[key] = load.page_bytes(base_url + path, {"Host": "127.0.0.1"})

    def comment_flow(self, base_url):
        """Posters for the run's duration, then a check that each accepted post is stored once."""
        row = COMMENT_FLOW
        arguments = self.arguments
        if arguments.pages and row.key not in arguments.pages.split(","):
            return
        self.rows.append(row)
        path = self.paths.get(row.path)
        if path is None:
            self.results[row.key] = {"status": NOT_AVAILABLE}
            return
        print(f"  {row.label}: {path}", file=sys.stderr)
        if arguments.warmup:
            posting.run_posters(base_url, path, arguments.connections, arguments.warmup)
        figures = posting.run_posters(base_url, path, arguments.connections, arguments.duration)
        accepted = figures.pop("accepted_markers")
        stored = server.dataset(self.environment, "stored", figures["run_id"])
        figures["storage"] = {
            "accepted": len(accepted),
            "stored": sum(stored.values()),
            "accepted_but_missing": sum(1 for marker in accepted if marker not in stored),
            "stored_more_than_once": sum(1 for count in stored.values() if count > 1),
            "stored_but_not_acknowledged": len(set(stored) - set(accepted)),
        }
        figures["storage_problems"] = sum(
            figures["storage"][name] for name in ("accepted_but_missing", "stored_more_than_once")
        )
        self.results[row.key] = {**figures, "path": path}


def static_copy(base_url, path, folder):
    """The story page as gunicorn sends it, saved (and gzipped) for nginx to send as a file."""
    status, _, body = load.get(base_url + path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    folder.mkdir()
    (folder / "story.html").write_bytes(body)
    (folder / "story.html.gz").write_bytes(gzip.compress(body, compresslevel=6))
    return folder


def measure_everything(run, run_dir):
    """Each server in turn: the minimal app, the site (alone, then behind nginx), the site
    with its cache on Redis."""
    arguments = run.arguments
    workers = arguments.workers
    log = RESULTS_DIR / f"{run_dir.name}.gunicorn"
    print("Minimal Django app...", file=sys.stderr)
    with server.Gunicorn(run.environment, workers, f"{log}-minimal.log", minimal=True) as app:
        run.measure("minimal", app.base_url)
    print("Newsroom (gunicorn, shipped defaults, in-app cache)...", file=sys.stderr)
    with server.Gunicorn(run.environment, workers, f"{log}.log") as site:
        run.editor_session = server.sign_in(site.base_url, EDITOR_USERNAME, EDITOR_PASSWORD)
        run.measure("site", site.base_url)
        run.page_bytes(site.base_url, "bytes_gunicorn")
        copies = static_copy(site.base_url, run.paths["article_50"], run_dir / "static-copy")
        print("nginx with scripts/nginx/newsroom.conf in front...", file=sys.stderr)
        with nginx.Nginx(
            run_dir / "nginx",
            upstream=f"127.0.0.1:{site.port}",
            static_root=run.environment["BENCH_STATIC_ROOT"],
            static_copy_root=copies,
        ) as front:
            run.measure("static", front.static_base_url)
            run.measure("nginx", front.base_url)
            run.page_bytes(front.base_url, "bytes_nginx")
        # Last: posting retires the posting story's pages, and its rows must not.
        run.comment_flow(site.base_url)
    if any(row.server == "redis" for row in run.rows):
        print("Newsroom with its cache on Redis...", file=sys.stderr)
        with server.Redis(run_dir) as redis:
            environment = {**run.environment, "CACHE_URL": redis.url}
            with server.Gunicorn(environment, workers, f"{log}-redis.log") as site:
                run.measure("redis", site.base_url)


def format_bytes(results):
    lines = []
    for key, label in (("bytes_gunicorn", "gunicorn"), ("bytes_nginx", "nginx")):
        sizes = results.get(key)
        if sizes:
            lines.append(
                f"Story page (50 comments) from {label}: {sizes['plain_bytes']:,} bytes, "
                f"{sizes['gzip_bytes']:,} gzipped (Content-Encoding: "
                f"{sizes['content_encoding'] or 'none'})"
            )
    return "\n".join(lines)


def main():
    arguments = parse_arguments()
    if not load.wrk_available():
        sys.exit("wrk is not installed: apt-get install wrk")
    started = datetime.now(UTC)
    busy = os.getloadavg()[0]
    if busy > 0.5:
        print(
            f"Warning: load average {busy:.1f} before the run: other processes share the CPU, "
            "so this run's figures (ratios included) are less reliable.",
            file=sys.stderr,
        )
    run_dir = RESULTS_DIR / started.strftime("run-%Y%m%dT%H%M%SZ")
    run_dir.mkdir(parents=True)
    environment = server.production_environment(run_dir)
    print("Preparing the site (migrate, collectstatic, seed)...", file=sys.stderr)
    seeded = server.prepare_site(environment)
    server.create_editor(environment, EDITOR_USERNAME, EDITOR_PASSWORD)
    settings = {
        "workers": arguments.workers,
        "connections": arguments.connections,
        "duration_s": arguments.duration,
        "warmup_s": arguments.warmup,
        "database": "SQLite (WAL)",
    }
    print(f"Measuring with {settings}...", file=sys.stderr)
    began = time.monotonic()
    run = Run(arguments, seeded["paths"], environment)
    try:
        measure_everything(run, run_dir)
    finally:
        # The database is only this run's scaffolding; the figures are what we keep.
        shutil.rmtree(run_dir, ignore_errors=True)
    results = run.results
    add_ratios_and_verdicts(run.rows, results)
    report = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - began),
        "machine": machine_description(),
        "load_average_before": round(busy, 2),
        "settings": settings,
        "results": results,
    }
    print(format_table(run.rows, results))
    print(format_bytes(results))
    machine = report["machine"]
    print(
        f"\n{machine['cpu']}, {machine['cores']} cores; {settings['workers']} gunicorn "
        f"workers, {settings['connections']} connections, {settings['duration_s']} s per page"
    )
    misses = missed_targets(run.rows, results)
    print("\nTargets of issue 11 missed in this run:" if misses else "\nAll targets met.")
    for line in misses:
        print(f"  - {line}")
    result_file = RESULTS_DIR / f"{run_dir.name}.json"
    result_file.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to {result_file.relative_to(RESULTS_DIR.parent.parent)}")


if __name__ == "__main__":
    main()
