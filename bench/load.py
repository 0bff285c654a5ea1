"""Drive load: wrk for the pages, a threaded client for the comment POST flow.

Every measurement is a warm-up followed by a fixed-length run at a fixed number of concurrent
connections, so figures from one run are comparable with each other.
"""

import http.client
import json
import shutil
import subprocess
import urllib.parse
from pathlib import Path

WRK_SCRIPT = Path(__file__).resolve().parent / "report.lua"
JSON_MARKER = "BENCH-JSON "


def wrk_available():
    return shutil.which("wrk") is not None


def run_wrk(url, connections, seconds, threads=2):
    """Run wrk once against `url` and return its figures (see report.lua)."""
    completed = subprocess.run(
        [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=5s",
            f"--script={WRK_SCRIPT}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    for line in completed.stdout.splitlines():
        if line.startswith(JSON_MARKER):
            return json.loads(line[len(JSON_MARKER) :])
    raise RuntimeError(f"wrk printed no figures:\n{completed.stdout}\n{completed.stderr}")


def first_status(url):
    """The status of one plain GET, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        return connection.getresponse().status
    finally:
        connection.close()


def measure_get(url, connections, seconds, warmup):
    """Warm the caches and workers up, then measure; figures in requests/s and milliseconds.

    A page that does not answer 200 to a plain GET (a redirect, an error) counts every request
    as an error without being measured.
    """
    status = first_status(url)
    if status != 200:
        return {
            "requests": 0,
            "requests_per_second": 0.0,
            "p50_ms": 0.0,
            "p99_ms": 0.0,
            "max_ms": 0.0,
            "first_status": status,
            "http_errors": 1,
            "socket_errors": 0,
            "errors": 1,
            "bytes_per_response": 0,
        }
    if warmup:
        run_wrk(url, connections, warmup)
    raw = run_wrk(url, connections, seconds)
    socket_errors = sum(raw["socket_errors"].values())
    return {
        "requests": raw["requests"],
        "requests_per_second": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["latency_us"]["p50"] / 1000,
        "p99_ms": raw["latency_us"]["p99"] / 1000,
        "max_ms": raw["latency_us"]["max"] / 1000,
        "first_status": status,
        "http_errors": raw["http_errors"],
        "socket_errors": socket_errors,
        "errors": raw["http_errors"] + socket_errors,
        "bytes_per_response": raw["bytes"] // max(raw["requests"], 1),
    }
