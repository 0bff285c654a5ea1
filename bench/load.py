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
# Asks a new search with every request (for bench/search.py).
FRESH_QUERY_SCRIPT = WRK_SCRIPT.with_name("fresh_query.lua")
JSON_MARKER = "BENCH-JSON "


def wrk_available():
    return shutil.which("wrk") is not None


def run_wrk(url, connections, seconds, headers=None, threads=2, script=WRK_SCRIPT):
    """Run wrk once against `url` and return its figures (see report.lua)."""
    header_options = [f"--header={name}: {value}" for name, value in (headers or {}).items()]
    completed = subprocess.run(
        [
            "wrk",
            *header_options,
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=5s",
            f"--script={script}",
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


def get(url, headers=None):
    """One GET, redirects not followed: (status, headers, body as sent on the wire)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def first_status(url, headers=None):
    """The status of one GET, redirects not followed."""
    return get(url, headers)[0]


def page_bytes(url, headers=None):
    """The size of a page on the wire, plain and as sent to a reader who accepts gzip."""
    status, _, plain = get(url, headers)
    zipped_headers = {**(headers or {}), "Accept-Encoding": "gzip"}
    _, response_headers, zipped = get(url, zipped_headers)
    return {
        "status": status,
        "plain_bytes": len(plain),
        "gzip_bytes": len(zipped),
        "content_encoding": response_headers.get("Content-Encoding", ""),
    }


def measure_get(url, connections, seconds, warmup, headers=None):
    """Warm the caches and workers up, then measure; figures in requests/s and milliseconds.

    A page that does not answer 200 to a plain GET (a redirect, an error) counts every request
    as an error without being measured.
    """
    status = first_status(url, headers)
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
        run_wrk(url, connections, warmup, headers)
    raw = run_wrk(url, connections, seconds, headers)
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
