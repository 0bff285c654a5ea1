"""Time pages in-process with every cache off, and EXPLAIN what their queries read.

Each page is asked ROUNDS times through Django's test client (after one unmeasured request);
the figures are p50 and p95 of the server's own time, without a network or a web server. For
reader pages, every SELECT the page ran is EXPLAIN ANALYZEd and the rows its scans read are
added up: a query whose rows grow with the tables shows here as the sizes grow.

The pages are asked in turn, a round at a time, each round in a new order. This machine's
speed changes by half within minutes: asked one page after the other, a slow minute fell
wholly on the few pages measured in it, and decided their verdicts. Each round also times a
fixed piece of plain Python (reference_work), so the report shows how fast the machine was.
"""

import json
import random
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROUNDS = 30
# 12 to 17 ms of plain Python at the median on this machine (bench/SCALE.md, first row).
REFERENCE_STEPS = 300_000
SCAN_NODES = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Bitmap Index Scan"}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def rows_read(plan):
    """Rows the scans of an EXPLAIN ANALYZE plan read, over all their loops."""
    own = 0
    if plan["Node Type"] in SCAN_NODES and plan["Node Type"] != "Bitmap Index Scan":
        own = (plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)) * plan.get(
            "Actual Loops", 1
        )
    return own + sum(rows_read(child) for child in plan.get("Plans", []))


def heaviest_query(client, path):
    """The most rows any one SELECT of this page reads, and that SELECT's first words."""
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    heaviest, which = 0, ""
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
            read = rows_read(plan)
            if read > heaviest:
                heaviest, which = read, sql[:160]
    return heaviest, which


def reference_work():
    """A fixed piece of pure Python work: what it takes is the machine's speed at the moment."""
    total = 0
    for number in range(REFERENCE_STEPS):
        total += number
    return total


def figures(took):
    return {"p50": statistics.median(took), "p95": percentile(took, 0.95)}


def time_pages(client, pages, rounds):
    """({name: [ms for each round]}, [ms the reference work took in each round])."""
    took = {name: [] for name in pages}
    reference = []
    order = list(pages)
    shuffle = random.Random(32).shuffle
    for path in pages.values():
        # One unmeasured request each: the first one pays for imports and lookups once.
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    for _ in range(rounds):
        shuffle(order)
        for name in order:
            started = time.perf_counter()
            response = client.get(pages[name])
            took[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, pages[name]
        started = time.perf_counter()
        reference_work()
        reference.append((time.perf_counter() - started) * 1000)
    return took, reference


def measure(pages, client=None, explain=True, rounds=ROUNDS):
    """({name: figures}, the reference's figures) for {name: path}; figures has p50, p95 (ms)
    and, with `explain`, the rows read."""
    client = client or Client()
    took, reference = time_pages(client, pages, rounds)
    results = {}
    for name, path in pages.items():
        results[name] = figures(took[name])
        if explain:
            results[name]["rows_read"], results[name]["heaviest"] = heaviest_query(client, path)
    return results, figures(reference)
