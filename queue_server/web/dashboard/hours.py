"""Pure time folding for the statistics: UTC hour buckets into local days and hours, days into
chart periods, and desk events into open desk-hours.

The database groups check-ins per UTC hour (``stats.hour_buckets``); this module turns those
few thousand buckets into local time with the location's zone, so daylight saving time is
right on every engine. Zones with offsets that are not whole hours are not supported (the
Netherlands is UTC+1/+2).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

HOUR = timedelta(hours=1)
SeriesUnit = Literal["day", "week", "month"]


@dataclass
class Count:
    visits: int = 0
    appointments: int = 0

    def add(self, visits: int, appointments: int) -> None:
        self.visits += visits
        self.appointments += appointments

    @property
    def walk_ins(self) -> int:
        return self.visits - self.appointments


def local_hours(
    buckets: Iterable[tuple[int, int, int, int]], zones: Mapping[int, ZoneInfo]
) -> dict[tuple[date, int], Count]:
    """(location, UTC epoch hour, visits, appointments) → counts per local (date, hour)."""
    folded: dict[tuple[date, int], Count] = defaultdict(Count)
    for location, hour, visits, appointments in buckets:
        moment = datetime.fromtimestamp(hour * 3600, UTC).astimezone(zones[location])
        folded[(moment.date(), moment.hour)].add(visits, appointments)
    return dict(folded)


def open_days(hours: Iterable[tuple[date, int]]) -> dict[int, int]:
    """How many distinct days of each weekday (Monday 0) had visits."""
    days: dict[int, set[date]] = defaultdict(set)
    for day, _hour in hours:
        days[day.weekday()].add(day)
    return {weekday: len(found) for weekday, found in days.items()}


def series_unit(first: date, last: date) -> SeriesUnit:
    """Days for up to two months, weeks up to a year, months beyond: a readable chart."""
    span = (last - first).days + 1
    if span <= 62:
        return "day"
    return "week" if span <= 366 else "month"


def period_start(day: date, unit: SeriesUnit) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def series(hours: Mapping[tuple[date, int], Count], unit: SeriesUnit) -> list[tuple[date, Count]]:
    """Visits per day, week (starting Monday) or month, in date order; only periods with visits."""
    grouped: dict[date, Count] = defaultdict(Count)
    for (day, _hour), count in hours.items():
        grouped[period_start(day, unit)].add(count.visits, count.appointments)
    return sorted(grouped.items())


def open_desk_hours(
    events: Iterable[tuple[datetime, int, str]], zone: ZoneInfo, until: datetime
) -> dict[tuple[date, int], float]:
    """Desk-hours open per local (date, hour) from desk events in time order.

    A desk is open from ``desk.opened``/``desk.resumed`` until ``desk.paused``/``desk.closed``.
    A desk left open counts until the end of its local day at most (or ``until``), so a clerk
    who forgot to close does not staff the night.
    """
    since: dict[int, datetime] = {}
    result: dict[tuple[date, int], float] = defaultdict(float)

    def close(desk: int, at: datetime) -> None:
        start = since.pop(desk, None)
        if start is not None:
            local = start.astimezone(zone)
            midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(),
                                        zone)
            _spread(start, min(at, midnight.astimezone(UTC), until), zone, result)

    for at, desk, kind in events:
        if kind in ("desk.opened", "desk.resumed"):
            since.setdefault(desk, at)
        else:
            close(desk, at)
    for desk in list(since):
        close(desk, until)
    return dict(result)


def _spread(
    start: datetime, end: datetime, zone: ZoneInfo, into: dict[tuple[date, int], float]
) -> None:
    """Add the fractions of each local hour that [start, end) covers."""
    moment = start
    while moment < end:
        boundary = (moment.replace(minute=0, second=0, microsecond=0) + HOUR)
        piece_end = min(boundary, end)
        local = moment.astimezone(zone)
        into[(local.date(), local.hour)] += (piece_end - moment) / HOUR
        moment = piece_end


def per_week_hour(
    values: Mapping[tuple[date, int], float], days: Mapping[int, int]
) -> dict[tuple[int, int], float]:
    """Mean per (weekday, hour) over the open days of that weekday."""
    totals: dict[tuple[int, int], float] = defaultdict(float)
    for (day, hour), value in values.items():
        totals[(day.weekday(), hour)] += value
    return {key: total / days[key[0]] for key, total in totals.items() if days.get(key[0])}
