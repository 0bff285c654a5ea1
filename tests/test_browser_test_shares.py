"""`make test` runs each browser test in one of its two runs (tests/e2e/conftest.py): the two
shares together must hold every browser test, once."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def collected(share=None):
    environment = {key: value for key, value in os.environ.items() if key != "BROWSER_TESTS_SHARE"}
    if share:
        environment["BROWSER_TESTS_SHARE"] = share
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "tests/e2e"],
        cwd=PROJECT, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    tests = [line for line in result.stdout.splitlines() if "::" in line]
    return result.returncode, tests, result.stdout + result.stderr


def test_the_two_shares_hold_every_browser_test_once():
    _, every, _ = collected()
    _, first, _ = collected("1/2")
    _, second, _ = collected("2/2")
    assert len(every) > 100
    assert sorted(first + second) == sorted(every)
    assert abs(len(first) - len(second)) <= 1


def test_a_share_that_makes_no_sense_stops_the_run():
    status, _, output = collected("3/2")
    assert status != 0
    assert "BROWSER_TESTS_SHARE must read like 1/2, not '3/2'" in output
