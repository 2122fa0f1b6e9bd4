"""Calendar periods of the statistics summaries, and how a stretch of days is read from them.

Closed days are summarised per day; finished weeks and months are added up from their days,
quarters and years from their months (``queue_server.summaries``). A page's period is read
from the largest periods that lie wholly inside it, the rest day by day, and days not
summarised yet (today) straight from the visits (``queue_server.figures``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

DAY, WEEK, MONTH, QUARTER, YEAR = "d", "w", "m", "q", "y"
LIVE = "live"
"""Days read from the visits."""
ROLL_UPS = ((WEEK, DAY), (MONTH, DAY), (QUARTER, MONTH), (YEAR, MONTH))
"""(grain, made from): in this order, so months exist before their quarter and year."""
LARGEST_FIRST = (YEAR, QUARTER, MONTH, WEEK)

Run = tuple[str, date, date]
"""(grain or ``live``, first period start, last period start): periods one after another."""


def start_of(grain: str, day: date) -> date:
    """The first day of the ``grain`` period that holds ``day`` (weeks start on Monday)."""
    if grain == WEEK:
        return day - timedelta(days=day.weekday())
    if grain == MONTH:
        return day.replace(day=1)
    if grain == QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if grain == YEAR:
        return date(day.year, 1, 1)
    return day


def end_of(grain: str, start: date) -> date:
    """The last day of the ``grain`` period that starts on ``start``."""
    if grain == WEEK:
        return start + timedelta(days=6)
    if grain in (MONTH, QUARTER):
        months = start.month - 1 + (3 if grain == QUARTER else 1)
        return date(start.year + months // 12, months % 12 + 1, 1) - timedelta(days=1)
    if grain == YEAR:
        return date(start.year, 12, 31)
    return start


def starts(grain: str, first: date, last: date) -> Iterator[date]:
    """The first day of every ``grain`` period that overlaps ``first`` to ``last``."""
    start = start_of(grain, first)
    while start <= last:
        yield start
        start = end_of(grain, start) + timedelta(days=1)


def plan(first: date, last: date, built: set[tuple[str, date]]) -> list[Run]:
    """How to read the days ``first`` to ``last``: the largest summarised periods that lie
    wholly inside, other summarised days one by one, and the rest live.

    A week is used only within one month, so that it never takes the first days of a month
    that could be read whole.
    """
    pieces: list[tuple[str, date]] = []
    day = first
    while day <= last:
        for grain in LARGEST_FIRST:
            end = end_of(grain, day)
            if (start_of(grain, day) == day and end <= last and (grain, day) in built
                    and (grain != WEEK or end.month == day.month)):
                pieces.append((grain, day))
                day = end + timedelta(days=1)
                break
        else:
            pieces.append((DAY if (DAY, day) in built else LIVE, day))
            day += timedelta(days=1)
    runs: list[Run] = []
    for kind, start in pieces:
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1], start)
        else:
            runs.append((kind, start, start))
    return runs


def day_runs(runs: Sequence[Run]) -> list[Run]:
    """The same days as ``runs``, every summarised stretch read per day (hours are not
    added up into longer periods)."""
    result: list[Run] = []
    for kind, first, last in runs:
        end = last if kind == LIVE else end_of(kind, last)
        kind = LIVE if kind == LIVE else DAY
        if result and result[-1][0] == kind:
            result[-1] = (kind, result[-1][1], end)
        else:
            result.append((kind, first, end))
    return result
