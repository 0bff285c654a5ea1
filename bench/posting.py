"""The comment POST flow under load: readers who open a story, then post a comment on it.

Each flow is what a browser does: GET the story page (which sets the CSRF cookie and carries
the form's CSRF token and signed issue time), then POST the form with that cookie. Every post
carries a unique marker so the run can check afterwards that each accepted comment was stored
exactly once.
"""

import http.client
import re
import threading
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie

from bench.dataset import POSTER_EMAIL

FORM_ACTION = re.compile(r'<form[^>]*\baction="(/comments/post/\d+/)[^"]*"')
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"')


class FlowError(Exception):
    pass


def request(host, port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def one_flow(host, port, article_path, marker):
    """GET the story, POST a comment; the time taken. Raises FlowError on any failure."""
    status, headers, body = request(host, port, "GET", article_path)
    if status != 200:
        raise FlowError(f"GET {status}")
    html = body.decode()
    action = FORM_ACTION.search(html)
    if action is None:
        raise FlowError("no comment form")
    cookies = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookies.load(value)
    form_start = action.start()
    fields = dict(HIDDEN_INPUT.findall(html[form_start:]))
    fields.update(
        text=f"Posted by the benchmark, {marker}. The buses matter to all of us.",
        name="Bench Poster",
        email=POSTER_EMAIL,
        website="",
        subject="",
    )
    cookie_header = "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())
    status, headers, _ = request(
        host,
        port,
        "POST",
        action.group(1),
        body=urllib.parse.urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header},
    )
    if status not in (302, 303):
        raise FlowError(f"POST {status}")


def run_posters(base_url, article_path, connections, seconds):
    """`connections` posters in parallel for `seconds`; figures plus the accepted markers."""
    parsed = urllib.parse.urlsplit(base_url)
    deadline = time.monotonic() + seconds
    run_id = uuid.uuid4().hex[:8]
    lock = threading.Lock()
    latencies, accepted, failures = [], [], {}

    def poster(number):
        sequence = 0
        while time.monotonic() < deadline:
            sequence += 1
            marker = f"bench-{run_id}-{number}-{sequence}"
            started = time.monotonic()
            try:
                one_flow(parsed.hostname, parsed.port, article_path, marker)
            except (FlowError, OSError, http.client.HTTPException) as error:
                with lock:
                    key = str(error) if isinstance(error, FlowError) else type(error).__name__
                    failures[key] = failures.get(key, 0) + 1
                continue
            with lock:
                latencies.append(time.monotonic() - started)
                accepted.append(marker)

    began = time.monotonic()
    threads = [threading.Thread(target=poster, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()

    def percentile(share):
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000

    return {
        "requests": len(accepted),
        "requests_per_second": len(accepted) / elapsed,
        "p50_ms": percentile(0.50) if latencies else 0.0,
        "p99_ms": percentile(0.99) if latencies else 0.0,
        "max_ms": latencies[-1] * 1000 if latencies else 0.0,
        "failures": failures,
        "errors": sum(failures.values()),
        "run_id": run_id,
        "accepted_markers": accepted,
    }
