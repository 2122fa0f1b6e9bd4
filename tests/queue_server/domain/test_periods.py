"""Calendar periods of the summaries and the plan that reads a page's days from them (pure)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from queue_server.domain.periods import (
    DAY,
    MONTH,
    QUARTER,
    WEEK,
    YEAR,
    day_runs,
    end_of,
    plan,
    start_of,
    starts,
)


@pytest.mark.parametrize(("grain", "day", "start", "end"), [
    (DAY, date(2025, 2, 12), date(2025, 2, 12), date(2025, 2, 12)),
    (WEEK, date(2025, 2, 12), date(2025, 2, 10), date(2025, 2, 16)),  # Wednesday
    (WEEK, date(2024, 12, 31), date(2024, 12, 30), date(2025, 1, 5)),  # across the year
    (MONTH, date(2024, 2, 12), date(2024, 2, 1), date(2024, 2, 29)),  # leap year
    (QUARTER, date(2025, 12, 31), date(2025, 10, 1), date(2025, 12, 31)),
    (QUARTER, date(2025, 5, 2), date(2025, 4, 1), date(2025, 6, 30)),
    (YEAR, date(2025, 5, 2), date(2025, 1, 1), date(2025, 12, 31)),
])
def test_start_and_end(grain: str, day: date, start: date, end: date) -> None:
    assert (start_of(grain, day), end_of(grain, start_of(grain, day))) == (start, end)


def test_starts_of_the_periods_a_stretch_overlaps() -> None:
    assert list(starts(MONTH, date(2024, 11, 20), date(2025, 1, 1))) == [
        date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1)]
    assert list(starts(QUARTER, date(2025, 3, 31), date(2025, 4, 1))) == [
        date(2025, 1, 1), date(2025, 4, 1)]
    assert len(list(starts(DAY, date(2024, 2, 1), date(2024, 2, 29)))) == 29


def every(grain: str, first: date, last: date) -> set[tuple[str, date]]:
    return {(grain, start) for start in starts(grain, first, last)
            if end_of(grain, start) <= last}


BUILT_UNTIL = date(2025, 5, 14)
BUILT = (every(DAY, date(2024, 1, 1), BUILT_UNTIL) | every(WEEK, date(2024, 1, 1), BUILT_UNTIL)
         | every(MONTH, date(2024, 1, 1), BUILT_UNTIL)
         | every(QUARTER, date(2024, 1, 1), BUILT_UNTIL)
         | every(YEAR, date(2024, 1, 1), BUILT_UNTIL))


def test_the_largest_periods_inside_then_days_then_live() -> None:
    # 2024 whole; the first quarter of 2025; April; in May the week of the 5th (the 1st to
    # 4th and 12th to 14th are days: the week of 28 April starts in April, that of the 12th
    # is not finished); from the 15th live.
    assert plan(date(2024, 1, 1), date(2025, 5, 20), BUILT) == [
        (YEAR, date(2024, 1, 1), date(2024, 1, 1)),
        (QUARTER, date(2025, 1, 1), date(2025, 1, 1)),
        (MONTH, date(2025, 4, 1), date(2025, 4, 1)),
        (DAY, date(2025, 5, 1), date(2025, 5, 4)),
        (WEEK, date(2025, 5, 5), date(2025, 5, 5)),
        (DAY, date(2025, 5, 12), date(2025, 5, 14)),
        ("live", date(2025, 5, 15), date(2025, 5, 20)),
    ]


def test_a_period_cut_short_uses_smaller_periods() -> None:
    # From 20 November: days to the 30th (the week of the 25th runs into December), then
    # December and the first quarter of 2025; two weeks of November read as weeks.
    assert plan(date(2024, 11, 20), date(2025, 3, 31), BUILT) == [
        (DAY, date(2024, 11, 20), date(2024, 11, 30)),
        (MONTH, date(2024, 12, 1), date(2024, 12, 1)),
        (QUARTER, date(2025, 1, 1), date(2025, 1, 1)),
    ]
    assert plan(date(2024, 11, 4), date(2024, 11, 17), BUILT) == [
        (WEEK, date(2024, 11, 4), date(2024, 11, 11))]


def test_every_day_is_read_exactly_once() -> None:
    for first, last in ((date(2024, 1, 1), date(2025, 5, 20)), (date(2024, 2, 27),
                                                                 date(2025, 1, 3))):
        covered = []
        for kind, start, end in plan(first, last, BUILT):
            grain = DAY if kind == "live" else kind
            for period in starts(grain, start, end):
                stop = period if kind == "live" else end_of(grain, period)
                covered += list(starts(DAY, period, stop))
        assert covered == list(starts(DAY, first, last))


def test_hours_read_the_same_days_per_day() -> None:
    assert day_runs(plan(date(2024, 11, 20), date(2025, 5, 20), BUILT)) == [
        (DAY, date(2024, 11, 20), BUILT_UNTIL),
        ("live", BUILT_UNTIL + timedelta(days=1), date(2025, 5, 20)),
    ]
