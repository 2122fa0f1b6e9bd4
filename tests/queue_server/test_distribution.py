"""Histogram bins and the estimates made from them (pure)."""

from __future__ import annotations

import random
import statistics

import pytest

from queue_server.distribution import (
    Bin,
    Distribution,
    above,
    at_most,
    bounds,
    edge,
    estimate,
    is_edge,
    merge,
    width,
)


@pytest.mark.parametrize(("value", "expected"), [
    (0.0, 0), (0.004, 0), (0.01, 30), (29.99, 30), (30.0, 30), (30.01, 60),
    (599.99998, 600),  # SQLite's julianday arithmetic: rounded to 1/100 s first
    (600.00002, 600), (1800.0, 1800), (1800.01, 1920), (3600.0, 3600), (3600.5, 4200),
    (14400.0, 14400), (14400.5, 18000), (-0.5, -30), (-300.0, -300), (-301.0, -330),
])
def test_edges(value: float, expected: int) -> None:
    assert edge(value) == expected


def test_every_value_lies_in_the_bounds_of_its_bin() -> None:
    rng = random.Random(7)
    for _ in range(5000):
        value = round(rng.uniform(-7200, 20000), 2)
        low, high = bounds(edge(value))
        assert (low < value <= high) if value > 0 else (low <= value < high or value == 0)


def test_widths_and_norm_edges() -> None:
    assert [width(v) for v in (10, 1800, 1801, 3600, 3601, 14401)] == [30, 30, 120, 120, 600,
                                                                       3600]
    # Every whole and half minute up to half an hour divides within from outside exactly.
    assert all(is_edge(m * 30) for m in range(61))
    assert not is_edge(45) and not is_edge(-30)


def test_counts_at_an_edge_are_exact() -> None:
    waits = [59.0, 60.0, 61.0, 299.9, 300.0, 300.01, 900.0]
    histogram = merge(*({edge(w): Bin(1, w)} for w in waits))
    assert at_most(histogram, 300) == 5
    assert above(histogram, 300) == 2
    assert at_most(histogram, 60) == 2


def test_a_single_value_sits_in_the_middle_of_its_bin() -> None:
    assert estimate({120: Bin(1, 120.0)}) == Distribution(1, 120.0, 105.0, 105.0)
    assert estimate({0: Bin(3, 0.0)}) == Distribution(3, 0.0, 0.0, 0.0)
    assert estimate({}) == Distribution(0, None, None, None)


def test_values_in_one_bin_are_spread_evenly() -> None:
    # Four values in (60, 90]: at 63.75, 71.25, 78.75, 86.25. Median between ranks 2 and 3;
    # p90: rank 3 + 0.7 × (rank 4 − rank 3).
    found = estimate({90: Bin(4, 300.0)})
    assert found.count == 4 and found.mean == 75.0
    assert found.median == pytest.approx(75.0)
    assert found.p90 == pytest.approx(78.75 + 0.7 * 7.5)


def test_estimates_stay_within_a_bin_of_the_exact_figures() -> None:
    rng = random.Random(11)
    waits = [rng.lognormvariate(5.5, 0.8) for _ in range(20_000)]
    histogram = merge(*({edge(w): Bin(1, w)} for w in waits))
    found = estimate(histogram)
    exact_median = statistics.median(waits)
    exact_p90 = statistics.quantiles(waits, n=10, method="inclusive")[-1]
    assert found.count == len(waits)
    assert found.mean == pytest.approx(statistics.fmean(waits))
    assert abs(found.median - exact_median) <= width(exact_median)  # type: ignore[operator]
    assert abs(found.p90 - exact_p90) <= width(exact_p90)  # type: ignore[operator]


def test_merging_adds_counts_and_sums() -> None:
    merged = merge({30: Bin(1, 20.0), 60: Bin(2, 100.0)}, {60: Bin(1, 45.0)}, {})
    assert merged == {30: Bin(1, 20.0), 60: Bin(3, 145.0)}
