"""`make bench`: seed the fixed data set, serve it with production settings under gunicorn and
measure each reader page's throughput as a share of a bare Django view's, in the same run.

Absolute numbers depend on the machine; the ratios are what we compare between runs and
machines. Results are printed as a table and written to bench/results/<time>.json.
"""

import argparse
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

from bench import BARE_VIEW_PATH, load, posting, server

RESULTS_DIR = Path(__file__).resolve().parent / "results"
MAX_P99_MS = 50
NOT_AVAILABLE = "not available (needs the comments app)"

# (key, label, minimum share of the bare view's requests/s or None)
PAGES = [
    ("bare", "bare Django view", None),
    ("home", "home page", 0.50),
    ("category", "category page", 0.50),
    ("article_50", "article, 50 comments", 0.50),
    ("article_500", "article, 500 comments", 0.35),
    ("rss", "RSS feed", None),
]
COMMENT_FLOW = ("comment_post", "comment GET + POST (flows)", None)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--pages",
        help="comma-separated subset to measure (the bare view is always measured), e.g. home,rss",
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
    }


def judge(figures, minimum_ratio, is_get=True):
    """Which of the issue's targets this measurement misses (an empty list means all met)."""
    misses = []
    if figures["errors"]:
        misses.append(f"{figures['errors']} errors")
    if figures.get("storage_problems"):
        misses.append("comments not stored exactly once")
    if is_get and figures["p99_ms"] >= MAX_P99_MS:
        misses.append(f"p99 >= {MAX_P99_MS} ms")
    if minimum_ratio is not None and figures["ratio"] < minimum_ratio:
        misses.append(f"ratio < {minimum_ratio:.0%}")
    return misses


def measure(arguments, base_url, paths, environment):
    paths = {"bare": "/" + BARE_VIEW_PATH, **paths}
    if arguments.pages:
        wanted = {"bare", *arguments.pages.split(",")}
        paths = {key: path for key, path in paths.items() if key in wanted}
    results = {}
    for key, label, minimum_ratio in PAGES:
        row = {"label": label, "target_ratio": minimum_ratio}
        path = paths.get(key)
        if path is None:
            row["status"] = "not measured" if arguments.pages else NOT_AVAILABLE
        else:
            print(f"  {label}: {path}", file=sys.stderr)
            row.update(
                load.measure_get(
                    base_url + path, arguments.connections, arguments.duration, arguments.warmup
                ),
                path=path,
            )
        results[key] = row
    if arguments.pages and COMMENT_FLOW[0] not in paths:
        skipped = {"label": COMMENT_FLOW[1], "target_ratio": None, "status": "not measured"}
        results[COMMENT_FLOW[0]] = skipped
    else:
        results[COMMENT_FLOW[0]] = measure_comment_flow(arguments, base_url, paths, environment)
    bare_rate = results["bare"]["requests_per_second"]
    for key, row in results.items():
        if "requests_per_second" in row:
            row["ratio"] = row["requests_per_second"] / bare_rate
            row["misses"] = judge(row, row["target_ratio"], is_get=key != COMMENT_FLOW[0])
    return results


def measure_comment_flow(arguments, base_url, paths, environment):
    """Posters for the run's duration, then a check that each accepted post is stored once."""
    key, label, minimum_ratio = COMMENT_FLOW
    row = {"label": label, "target_ratio": minimum_ratio}
    path = paths.get(key)
    if path is None:
        row["status"] = NOT_AVAILABLE
        return row
    print(f"  {label}: {path}", file=sys.stderr)
    if arguments.warmup:
        posting.run_posters(base_url, path, arguments.connections, arguments.warmup)
    figures = posting.run_posters(base_url, path, arguments.connections, arguments.duration)
    accepted = figures.pop("accepted_markers")
    stored = server.dataset(environment, "stored", figures["run_id"])
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
    row.update(figures, path=path)
    return row


def format_table(results):
    lines = [
        f"{'page':<28}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  target",
        "-" * 88,
    ]
    for row in results.values():
        if "requests_per_second" not in row:
            lines.append(f"{row['label']:<28}{row['status']}")
            continue
        target = f">= {row['target_ratio']:.0%}" if row["target_ratio"] else ""
        verdict = "MISSED: " + ", ".join(row["misses"]) if row["misses"] else "met"
        lines.append(
            f"{row['label']:<28}{row['requests_per_second']:>9.0f}{row['ratio']:>8.0%}"
            f"{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['errors']:>8}  {target} {verdict}"
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
    settings = {
        "workers": arguments.workers,
        "connections": arguments.connections,
        "duration_s": arguments.duration,
        "warmup_s": arguments.warmup,
        "database": "SQLite (WAL)",
    }
    print(f"Measuring with {settings}...", file=sys.stderr)
    log_file = RESULTS_DIR / f"{run_dir.name}.gunicorn.log"
    with server.Gunicorn(environment, arguments.workers, log_file) as gunicorn:
        began = time.monotonic()
        results = measure(arguments, gunicorn.base_url, seeded["paths"], environment)
    report = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - began),
        "machine": machine_description(),
        "load_average_before": round(busy, 2),
        "settings": settings,
        "results": results,
    }
    # The database is only this run's scaffolding; the figures are what we keep.
    shutil.rmtree(run_dir)
    table = format_table(results)
    print(table)
    machine = report["machine"]
    print(
        f"\n{machine['cpu']}, {machine['cores']} cores; {settings['workers']} gunicorn "
        f"workers, {settings['connections']} connections, {settings['duration_s']} s per page"
    )
    result_file = RESULTS_DIR / f"{run_dir.name}.json"
    result_file.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to {result_file.relative_to(RESULTS_DIR.parent.parent)}")


if __name__ == "__main__":
    main()
