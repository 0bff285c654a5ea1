"""bench/SCALE.md says "missed" whenever the consent log's housekeeping missed its target."""

from bench.scale.report import housekeeping_rows, machine_rows


def run(left=0, longest=0.05, short_by=0):
    sizes = {1000: 100_000, 100_000: 10_000_000}
    return {
        size: {
            "consent_records": records,
            "export": {"seconds": records / 30_000, "rows": records - short_by, "peak_mb": 80},
            "prune": {
                "seconds": 1,
                "old": records // 6,
                "left": left,
                "longest_record_seconds": longest,
            },
        }
        for size, records in sizes.items()
    }


def verdicts(results):
    return [row.rsplit("|", 2)[-2].strip() for row in housekeeping_rows(results, list(results))]


def test_a_run_that_met_every_target_says_so():
    assert verdicts(run()) == ["met"] * 4


def test_an_export_short_of_the_log_is_missed():
    assert verdicts(run(short_by=1000))[0] == "MISSED"


def test_a_prune_that_left_old_records_or_made_a_visitor_wait_is_missed():
    assert verdicts(run(left=3))[2] == "MISSED"
    assert verdicts(run(longest=1.5))[3] == "MISSED"


def test_an_export_whose_memory_grows_with_the_log_is_missed():
    results = run()
    results[100_000]["export"]["peak_mb"] = 900
    assert verdicts(results)[1] == "MISSED"


def test_a_run_without_housekeeping_adds_no_rows():
    results = run()
    del results[1000]["export"]
    assert housekeeping_rows(results, list(results)) == []


def test_the_machines_speed_is_reported_for_each_size_when_the_run_timed_it():
    results = run()
    assert machine_rows(results, list(results)) == []
    results[1000]["machine"] = {"p50": 9.14, "p95": 12.0}
    results[100_000]["machine"] = {"p50": 15.0, "p95": 17.26}
    (row,) = machine_rows(results, list(results))
    assert "| 9.1 / 12.0 | 15.0 / 17.3 |" in row
