"""Time pages in-process with every cache off, and EXPLAIN what their queries read.

Each page is asked ROUNDS times through Django's test client (after one unmeasured request);
the figures are p50 and p95 of the server's own time, without a network or a web server. For
reader pages, every SELECT the page ran is EXPLAIN ANALYZEd and the rows its scans read are
added up: a query whose rows grow with the tables shows here as the sizes grow.
"""

import json
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROUNDS = 15
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


def time_page(client, path, rounds=ROUNDS):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    took = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(path)
        took.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
    return {
        "p50": statistics.median(took),
        "p95": percentile(took, 0.95),
        "bytes": len(response.content),
    }


def measure(pages, client=None, explain=True, rounds=ROUNDS):
    """{name: figures} for {name: path}; figures has p50, p95 (ms) and rows read."""
    client = client or Client()
    results = {}
    for name, path in pages.items():
        figures = time_page(client, path, rounds)
        if explain:
            figures["rows_read"], figures["heaviest"] = heaviest_query(client, path)
        results[name] = figures
    return results
