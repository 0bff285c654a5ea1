"""bench/scale/measure.py asks the pages in turn, round after round, each round in a new order,
and times its fixed reference work once a round."""

from types import SimpleNamespace

import pytest

from bench.scale import measure

PAGES = {f"page {number}": f"/page-{number}/" for number in range(6)}


class RecordingClient:
    def __init__(self, status=200):
        self.asked = []
        self.status = status

    def get(self, path):
        self.asked.append(path)
        return SimpleNamespace(status_code=self.status)


def test_every_round_asks_every_page_once_in_a_new_order():
    client = RecordingClient()
    took, reference = measure.time_pages(client, PAGES, rounds=4)
    warm_up, timed = client.asked[: len(PAGES)], client.asked[len(PAGES) :]
    assert warm_up == list(PAGES.values())
    rounds = [timed[start : start + len(PAGES)] for start in range(0, len(timed), len(PAGES))]
    assert len(rounds) == 4
    assert all(sorted(asked) == sorted(PAGES.values()) for asked in rounds)
    assert len({tuple(asked) for asked in rounds}) > 1
    assert all(len(times) == 4 for times in took.values())
    assert len(reference) == 4


def test_a_page_that_does_not_answer_200_stops_the_measurement():
    with pytest.raises(RuntimeError, match="/page-0/ answered 404"):
        measure.time_pages(RecordingClient(status=404), PAGES, rounds=2)


def test_figures_are_the_median_and_the_95th_percentile():
    assert measure.figures([float(n) for n in range(1, 31)]) == {"p50": 15.5, "p95": 29.0}
