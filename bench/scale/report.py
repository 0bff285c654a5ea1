"""bench/SCALE.md from the figures of bench/scale/run.py."""

import platform
import time

from bench.scale.measure import REFERENCE_STEPS

READER_TARGET_MS = 50
ADMIN_TARGET_MS = 300
# Rows one reader query may read: the big story's 5,000 comments, four times over.
ROWS_BOUND = 20_000


def verdict(figures, target):
    met = figures["p95"] < target and figures.get("rows_read", 0) <= ROWS_BOUND
    return "met" if met else "MISSED"


def housekeeping_rows(results, sizes):
    """The consent log's export and prune (bench/scale/housekeeping.py), if the run had them."""
    if any("export" not in results[size] for size in sizes):
        return []
    largest = results[sizes[-1]]
    export, prune = largest["export"], largest["prune"]
    smallest = results[sizes[0]]["export"]["peak_mb"]

    def cells(key, field, form):
        return " | ".join(form.format(results[size][key][field]) for size in sizes)

    return [
        f"| consent CSV export of the whole log, in the background | "
        f"{cells('export', 'seconds', '{:.0f} s')} | completes | "
        f"{'met' if export['rows'] == largest['consent_records'] else 'MISSED'} |",
        f"| the export worker's peak memory | {cells('export', 'peak_mb', '{:.0f} MB')} | "
        f"the same at every size | {'met' if export['peak_mb'] <= smallest + 25 else 'MISSED'} |",
        f"| `prune_consent_log` (at {sizes[-1]:,} stories: {prune['old']:,} records) | "
        f"{cells('prune', 'seconds', '{:.0f} s')} | deletes every old record | "
        f"{'met' if prune['old'] and not prune['left'] else 'MISSED'} |",
        f"| longest consent decision recorded during it | "
        f"{cells('prune', 'longest_record_seconds', '{:.2f} s')} | < 1 s | "
        f"{'met' if prune['longest_record_seconds'] < 1 else 'MISSED'} |",
    ]


def machine_rows(results, sizes):
    """How fast the machine ran while the reader pages were timed: a fixed piece of plain
    Python, timed once a round (bench/scale/measure.py), if the run had it."""
    if any("machine" not in results[size] for size in sizes):
        return []
    cells = " | ".join(
        f"{results[size]['machine']['p50']:.1f} / {results[size]['machine']['p95']:.1f}"
        for size in sizes
    )
    return [f"| the machine's speed: {REFERENCE_STEPS:,} steps of plain Python | {cells} | | |"]


def write_report(results, path):
    sizes = list(results)
    largest = results[sizes[-1]]
    head = " | ".join(f"{size:,} stories" for size in sizes)
    lines = [
        "# At scale: the same pages at three sizes (issue 32)",
        "",
        f"Measured by `make bench-scale` on {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{platform.python_version()}, PostgreSQL, every cache off, one request at a time "
        "through Django's test client (server time, no network), p50 / p95 in ms and, for "
        "reader pages, the most rows one of the page's queries reads (EXPLAIN ANALYZE). "
        "Each size has 20 comments, 5 subscriptions and 100 consent records per story; the "
        "newest story has 5,000 comments. The pages are asked in turn, a round at a time, "
        "each round in a new order (bench/scale/measure.py).",
        "",
        f"| page | {head} | target | at {sizes[-1]:,} |",
        "|---|" + "---:|" * len(sizes) + "---|---|",
        *machine_rows(results, sizes),
    ]
    for group, target in (("reader", READER_TARGET_MS), ("search", READER_TARGET_MS)):
        for name in largest[group]:
            cells = []
            for size in sizes:
                figures = results[size][group].get(name)
                if figures is None:
                    cells.append("")
                    continue
                cells.append(
                    f"{figures['p50']:.0f} / {figures['p95']:.0f} ({figures['rows_read']:,} rows)"
                )
            lines.append(
                f"| {name} | {' | '.join(cells)} | p95 < {target} ms, bounded rows | "
                f"{verdict(largest[group][name], target)} |"
            )
    for name in largest["admin"]:
        cells = [
            f"{results[size]['admin'][name]['p50']:.0f} / {results[size]['admin'][name]['p95']:.0f}"
            for size in sizes
        ]
        lines.append(
            f"| {name} | {' | '.join(cells)} | p95 < {ADMIN_TARGET_MS} ms | "
            f"{verdict(largest['admin'][name], ADMIN_TARGET_MS)} |"
        )
    rebuild = [f"{results[size]['rebuild_seconds']:.0f} s" for size in sizes]
    saves = [f"{results[size]['longest_save_seconds']:.2f} s" for size in sizes]
    fills = [f"{results[size]['fill_seconds']:.0f} s" for size in sizes]
    met_rebuild = largest["longest_save_seconds"] < 1 and largest["rebuild_seconds"] < 600
    memory = [f"{results[size].get('admin_memory_mb', 0):.0f} MB" for size in sizes]
    lines += [
        f"| `rebuild_search_index` | {' | '.join(rebuild)} | minutes | "
        f"{'met' if largest['rebuild_seconds'] < 600 else 'MISSED'} |",
        f"| longest editor save during it | {' | '.join(saves)} | < 1 s | "
        f"{'met' if met_rebuild else 'MISSED'} |",
        f"| admin pages: growth of the process's peak memory | {' | '.join(memory)} | "
        f"a few tens of MB | {'met' if largest.get('admin_memory_mb', 0) < 50 else 'MISSED'} |",
        *housekeeping_rows(results, sizes),
        f"| loading the data set | {' | '.join(fills)} | minutes | "
        f"{'met' if largest['fill_seconds'] < 1800 else 'MISSED'} |",
        "",
    ]
    path.write_text("\n".join(lines))
