"""`make bench`: seed the fixed data set, serve it with production settings under gunicorn and
measure each reader page's throughput as a share of a bare Django view's, in the same run.

After the single-machine rows, the cluster section measures the same reader pages on the
layout of `make cluster`: two app servers sharing PostgreSQL and Redis, behind nginx, with the
single machine's worker count split between them. `--only-cluster` measures only that (and
the two ceilings its ratios need).

Absolute numbers depend on the machine; the ratios are what we compare between runs and
machines. Results are printed as a table and written to bench/results/<time>.json.
"""

import argparse
import gzip
import json
import os
import platform
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import django

from bench import BARE_VIEW_PATH, load, nginx, posting, server
from bench.targets import (
    CLUSTER_ROWS,
    CLUSTER_SERVERS,
    COMMENT_FLOW,
    EDITOR,
    ROWS,
    add_ratios_and_verdicts,
    format_table,
    missed_targets,
)

RESULTS_DIR = Path(__file__).resolve().parent / "results"
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
        "e.g. story,nginx_story,cluster_story",
    )
    parser.add_argument(
        "--only-cluster",
        action="store_true",
        help="measure only the cluster section (2 app servers behind nginx, PostgreSQL, Redis) "
        "and the ceilings its ratios need",
    )
    return parser.parse_args()


def cluster_split(workers):
    """The single machine's worker count shared between the cluster's two app servers, so
    the cluster has as many workers in all (the first gets the odd one)."""
    return [(workers + 1) // 2, workers // 2]


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
        self.cluster = None
        wanted = arguments.pages.split(",") if arguments.pages else None
        ceilings = ("minimal", "static")
        rows = ROWS + CLUSTER_ROWS
        if arguments.only_cluster:
            rows = [row for row in rows if row.key in ceilings or row.server in CLUSTER_SERVERS]
        self.rows = [
            row for row in rows if wanted is None or row.key in wanted or row.key in ceilings
        ]

    def wants(self, *servers):
        return any(row.server in servers for row in self.rows)

    def measure(self, server, base_url, paths=None):
        """Every row served by `server`, against `base_url` (with `paths`, the data set's
        paths in that server's database, if not the run's)."""
        paths = {**self.paths, **(paths or {})}
        for row in self.rows:
            if row.server != server:
                continue
            path = paths[row.path]
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
            if server in ("nginx", "cluster_nginx"):
                # What nginx's cache did for this request (HIT, or BYPASS for a personal one).
                _, answer, _ = load.get(base_url + path, headers)
                self.results[row.key]["x_cache_status"] = answer.get("X-Cache-Status")

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
        path = self.paths[row.path]
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
    with its cache on Redis, then the cluster."""
    arguments = run.arguments
    workers = arguments.workers
    log = RESULTS_DIR / f"{run_dir.name}.gunicorn"
    print("Minimal Django app...", file=sys.stderr)
    with server.Gunicorn(run.environment, workers, f"{log}-minimal.log", minimal=True) as app:
        run.measure("minimal", app.base_url)
    if not arguments.only_cluster:
        measure_single_machine(run, run_dir)
    if run.wants(*CLUSTER_SERVERS):
        measure_cluster(run, run_dir)


def measure_single_machine(run, run_dir):
    workers = run.arguments.workers
    log = RESULTS_DIR / f"{run_dir.name}.gunicorn"
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
    if run.wants("redis"):
        print("Newsroom with its cache on Redis...", file=sys.stderr)
        with server.Redis(run_dir) as redis:
            environment = {**run.environment, "CACHE_URL": redis.url}
            with server.Gunicorn(environment, workers, f"{log}-redis.log") as site:
                run.measure("redis", site.base_url)


def measure_cluster(run, run_dir):
    """The layout of `make cluster`: a private PostgreSQL and Redis (scripts/services.sh),
    the data set seeded into PostgreSQL, two app servers of the production configuration
    sharing them (the run's workers split between the two), nginx with the shipped
    configuration in front of both. Everything started here is stopped by PID on the way out,
    whatever happens."""
    split = cluster_split(run.arguments.workers)
    log = RESULTS_DIR / f"{run_dir.name}.gunicorn-cluster"
    print(
        f"Cluster: PostgreSQL, Redis, 2 app servers ({' + '.join(map(str, split))} workers), "
        "nginx in front...",
        file=sys.stderr,
    )
    with ExitStack() as stack:
        # One PostgreSQL connection per worker, and some for the run's own commands.
        services = stack.enter_context(
            server.Services(run_dir / "cluster-services", max_connections=sum(split) + 20)
        )
        run.cluster = {"workers": split, **services.versions}
        environment = {
            **run.environment,
            "DATABASE_URL": services.database_url,
            "CACHE_URL": services.redis_url,
            # nginx faces the readers (as scripts/cluster.sh).
            "TRUSTED_PROXY_COUNT": "1",
        }
        print("  Migrating and seeding PostgreSQL...", file=sys.stderr)
        paths = server.prepare_site(environment)["paths"]
        apps = [
            stack.enter_context(server.Gunicorn(environment, workers, f"{log}-{name}.log"))
            for name, workers in zip("ab", split, strict=True)
        ]
        copies = None
        if "static" not in run.results:
            # Only the cluster is measured: nginx's ceiling comes from the cluster's nginx.
            copies = static_copy(apps[0].base_url, paths["article_50"], run_dir / "static-copy")
        front = stack.enter_context(
            nginx.Nginx(
                run_dir / "cluster-nginx",
                upstream=[f"127.0.0.1:{app.port}" for app in apps],
                static_root=environment["BENCH_STATIC_ROOT"],
                static_copy_root=copies,
                uncached=True,
            )
        )
        if copies:
            run.measure("static", front.static_base_url)
        run.measure("cluster_nginx", front.base_url, paths)
        run.measure("cluster_app", front.uncached_base_url, paths)


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


def stop_on_sigterm(signum, frame):
    # As Ctrl-C does: unwind, so every server this run started is stopped on the way out.
    raise SystemExit(128 + signum)


def cluster_heading(cluster):
    workers = cluster["workers"]
    return (
        f"-- Cluster: nginx in front of 2 app servers with {' + '.join(map(str, workers))} "
        f"gunicorn workers (the same {sum(workers)} in all), {cluster['database']}, "
        f"{cluster['cache']} --"
    )


def main():
    arguments = parse_arguments()
    if not load.wrk_available():
        sys.exit("wrk is not installed: apt-get install wrk")
    wants_cluster = not arguments.pages or "cluster_" in arguments.pages
    if (arguments.only_cluster or wants_cluster) and arguments.workers < 2:
        sys.exit("the cluster run needs --workers 2 or more (one per app server)")
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    signal.signal(signal.SIGHUP, stop_on_sigterm)
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
    paths = {}
    if not arguments.only_cluster:
        print("Preparing the site (migrate, collectstatic, seed)...", file=sys.stderr)
        paths = server.prepare_site(environment)["paths"]
        server.create_editor(environment, EDITOR_USERNAME, EDITOR_PASSWORD)
    settings = {
        "workers": arguments.workers,
        "connections": arguments.connections,
        "duration_s": arguments.duration,
        "warmup_s": arguments.warmup,
    }
    if not arguments.only_cluster:
        settings["database"] = "SQLite (WAL)"
    print(f"Measuring with {settings}...", file=sys.stderr)
    began = time.monotonic()
    run = Run(arguments, paths, environment)
    try:
        measure_everything(run, run_dir)
    finally:
        # The database is only this run's scaffolding; the figures are what we keep.
        shutil.rmtree(run_dir, ignore_errors=True)
    headings = {}
    if run.cluster:
        settings["cluster"] = {
            "app_servers": 2,
            "workers": run.cluster["workers"],
            "database": f"PostgreSQL {run.cluster.get('postgresql', '')}".strip(),
            "cache": f"Redis {run.cluster.get('redis', '')}".strip(),
        }
        first = next(row for row in run.rows if row.server in CLUSTER_SERVERS)
        headings[first.key] = cluster_heading(settings["cluster"])
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
    print(format_table(run.rows, results, headings))
    if format_bytes(results):
        print(format_bytes(results))
    machine = report["machine"]
    print(
        f"\n{machine['cpu']}, {machine['cores']} cores; {settings['workers']} gunicorn "
        f"workers, {settings['connections']} connections, {settings['duration_s']} s per page"
    )
    if run.cluster:
        print(cluster_heading(settings["cluster"]).strip("- "))
    misses = missed_targets(run.rows, results)
    print("\nTargets of issue 11 missed in this run:" if misses else "\nAll targets met.")
    for line in misses:
        print(f"  - {line}")
    result_file = RESULTS_DIR / f"{run_dir.name}.json"
    result_file.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to {result_file.relative_to(RESULTS_DIR.parent.parent)}")


if __name__ == "__main__":
    main()
