"""Drive load: wrk for the pages, a threaded client for the comment POST flow.

Every measurement is a warm-up followed by a fixed-length run at a fixed number of concurrent
connections, so figures from one run are comparable with each other.
"""

import json
import shutil
import subprocess
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


def measure_get(url, connections, seconds, warmup):
    """Warm the caches and workers up, then measure; figures in requests/s and milliseconds."""
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
        "non_2xx": raw["non2xx"],
        "socket_errors": socket_errors,
        "errors": raw["non2xx"] + socket_errors,
        "bytes_per_response": raw["bytes"] // max(raw["requests"], 1),
    }
