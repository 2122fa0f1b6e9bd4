"""Statistics of closed days, summarised once, so figures over years answer in milliseconds.

Housekeeping summarises each location's service days once they are over (``summarize``):
counts of visits per first service and kind (appointment or walk-in) in ``summary_visits``,
and histograms of waits, service times and the like in ``summary_bins`` (see
``queue_server.distribution``). Finished weeks and months are added up from their days,
quarters and years from their months (``queue_server.domain.periods``), so four years read as
four rows per group instead of a thousand.

The same queries (``visit_facts``, ``bin_facts``) give the figures of days not summarised
yet (today), so ``queue_server.figures`` can add those to the summaries and every figure is
counted by one definition.

Visits of a closed day do not change any more: the day's open visits were closed first, and
the retention purge clears personal data only, never the times counted here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Select, String, Subquery, and_, func, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from queue_server import stats
from queue_server.domain.periods import DAY, ROLL_UPS, end_of, start_of, starts
from queue_server.domain.tickets import service_day, utc_window
from queue_server.stats import Column, Filters, Norms, seconds_between
from queue_server.store import repository as repo
from queue_server.store.database import Database
from queue_server.store.models import (
    AppointmentRow,
    LocationRow,
    SummaryBinRow,
    SummaryPeriodRow,
    SummaryVisitRow,
    TaskRow,
    VisitRow,
)

ALL_SERVICES = 0
"""``service_id`` of the metrics ending in ``_all``: the same counts over every service. Adding
up the counts per first service would give the same, but reads ten times the rows; pages
without a chosen service or department (most of them) read these."""
DAYS_PER_ROUND = 31
"""At most this many days are summarised per housekeeping round, so that a server upgraded
with years of visits catches up a month at a time instead of holding the write lock for
minutes (``eenloket summarize`` does it all at once)."""
VISIT_COUNTS = ("visits", "called", "served", "no_shows", "cancelled", "unserved",
                "served_after_transfer", "transfers", *stats.PUNCTUALITY_BUCKETS)
VISIT_COLUMNS = ("grain", "period_start", "location_id", "service_id", "is_appointment",
                 *VISIT_COUNTS)
BIN_COLUMNS = ("metric", "grain", "period_start", "location_id", "service_id",
               "is_appointment", "item", "edge", "n", "total")
ROUTE_SEPARATOR = " > "
NOT_ROLLED_UP = ("hour", "hour_all")
"""Hours stay per day: a month of hours is as many rows as its days."""
ANY_KIND = literal(False)
"""``is_appointment`` of the question metrics (service times, handovers, routes): no figure
splits those by kind, and one kind reads half the rows."""
OVER_EVERY_SERVICE = frozenset({"wait", "uncalled", "punctuality", "service_time",
                                "handover_wait", "route", "hour"})
"""Metrics counted per first service and, as ``<metric>_all``, over every service."""


# --- the facts of a stretch of days ------------------------------------------------------------


def visit_facts(filters: Filters, now: datetime) -> Select[Any]:
    """Rows of ``summary_visits`` (``VISIT_COLUMNS``) for the chosen visits, per day."""
    chosen = stats.visits(filters, Norms(), now, by_service=True)
    v = chosen.c
    moves = (
        select(TaskRow.visit_id, func.count().label("moves"))
        .where(TaskRow.outcome == "transferred", TaskRow.visit_id.in_(select(v.id)))
        .group_by(TaskRow.visit_id)
        .subquery("moves")
    )
    served = v.close_reason.in_(stats.SERVED)
    bucket = stats.punctuality_bucket(chosen)
    keys = (v.service_day, v.location_id, v.service_id, v.is_appointment)
    return (
        select(
            literal(DAY), *keys,
            func.count(),
            func.count(v.first_called_at),
            func.count().filter(served),
            func.count().filter(v.close_reason == "no_show"),
            func.count().filter(v.close_reason == "cancelled"),
            func.count().filter(and_(v.close_reason == "end_of_day",
                                     v.first_called_at.is_(None))),
            func.count().filter(and_(served, moves.c.moves.is_not(None))),
            func.coalesce(func.sum(moves.c.moves), 0),
            *(func.count().filter(and_(v.is_appointment.is_(True), bucket == name))
              for name in stats.PUNCTUALITY_BUCKETS),
        )
        .select_from(chosen)
        .outerjoin(moves, moves.c.visit_id == v.id)
        .group_by(*keys)
    )


def bin_facts(filters: Filters, now: datetime, metrics: Collection[str] | None = None
              ) -> list[tuple[str, Select[Any]]]:
    """Rows of ``summary_bins`` (``BIN_COLUMNS``) for the chosen visits, per day: (metric,
    query) for each metric (see ``SummaryBinRow``), or only for ``metrics``."""
    chosen = stats.visits(filters, Norms(), now, by_service=True)
    v = chosen.c
    source, target = aliased(TaskRow, name="source"), aliased(TaskRow, name="target")

    def visit_values(value: Column, *where: Column,
                     service: Column | None = None) -> Select[Any]:
        return _facts(chosen, literal(""), stats.bin_edge(value), value, service).where(*where)

    def task_values(item: Column, value: Column, *where: Column,
                    service: Column | None = None) -> Select[Any]:
        return (_facts(chosen, item, stats.bin_edge(value), value, service, ANY_KIND)
                .select_from(TaskRow).join(chosen, TaskRow.visit_id == v.id)
                .where(value.is_not(None), *where))

    def routes(service: Column | None = None) -> Select[Any]:
        return (_facts(chosen, source.skill + literal(ROUTE_SEPARATOR, String) + target.skill,
                       literal(0), literal(0.0), service, ANY_KIND)
                .select_from(source)
                .join(target, and_(target.visit_id == source.visit_id,
                                   target.position == source.position + 1))
                .join(chosen, source.visit_id == v.id)
                .where(source.outcome == "transferred"))

    every = literal(ALL_SERVICES)
    offset = stats.punctuality_offset(chosen)
    service_time = seconds_between(TaskRow.finished_at, TaskRow.started_at)
    handover_wait = seconds_between(TaskRow.called_at, TaskRow.queued_at)
    handed_over = TaskRow.service_id.is_(None)
    service_key = stats.service_key()

    def every_hours() -> Select[Any]:
        everyone = stats.visits(filters, Norms(), now)
        return select(
            everyone.c.service_day, everyone.c.location_id, every.label("service_id"),
            everyone.c.is_appointment, literal("").label("item"),
            stats.epoch_hour(everyone.c.checked_in_at).label("edge"),
            literal(0.0).label("value"))

    appointment = v.is_appointment.is_(True)
    facts: dict[str, Callable[[], Select[Any]]] = {
        "wait": lambda: visit_values(v.wait, v.wait.is_not(None)),
        "wait_all": lambda: visit_values(v.wait, v.wait.is_not(None), service=every),
        "uncalled": lambda: visit_values(v.elapsed, v.first_called_at.is_(None)),
        "uncalled_all": lambda: visit_values(v.elapsed, v.first_called_at.is_(None),
                                             service=every),
        "punctuality": lambda: visit_values(offset, appointment),
        "punctuality_all": lambda: visit_values(offset, appointment, service=every),
        "service_time": lambda: task_values(service_key, service_time),
        "service_time_all": lambda: task_values(service_key, service_time, service=every),
        "handover_wait": lambda: task_values(TaskRow.skill, handover_wait, handed_over),
        "handover_wait_all": lambda: task_values(TaskRow.skill, handover_wait, handed_over,
                                                 service=every),
        "route": routes,
        "route_all": lambda: routes(every),
        "hour": lambda: _facts(chosen, literal(""), stats.epoch_hour(v.checked_in_at),
                               literal(0.0)),
        "hour_all": every_hours,
    }
    return [(name, _count(name, build())) for name, build in facts.items()
            if metrics is None or name in metrics]


def appointment_facts(location_id: int, day: date, zone: ZoneInfo
                      ) -> Select[Any]:
    """Rows of ``summary_bins`` for the appointments of one service day: per service and status
    (``item``). Per day, because only Python knows where a local day starts in UTC."""
    a = AppointmentRow
    start, end = utc_window(day, day, zone)
    columns: tuple[Any, ...] = (
        literal("appointment"), literal(DAY), literal(day, Date), a.location_id, a.service_id,
        literal(True), a.status, literal(0), func.count(), literal(0.0))
    return (
        select(*columns)
        .where(a.location_id == location_id, a.starts_at >= start, a.starts_at < end)
        .group_by(a.location_id, a.service_id, a.status)
    )


def _facts(chosen: Subquery, item: Column, edge: Column, value: Column,
           service: Column | None = None, kind: Column | None = None) -> Select[Any]:
    v = chosen.c
    return select(v.service_day, v.location_id,
                  (v.service_id if service is None else service).label("service_id"),
                  (v.is_appointment if kind is None else kind).label("is_appointment"),
                  item.label("item"), edge.label("edge"), value.label("value"))


def _count(metric: str, facts: Select[Any]) -> Select[Any]:
    """Count and add up ``facts`` per day, service, kind, item and bin.

    Grouping happens over a subquery so that the bin expression's parameters are not sent
    twice: PostgreSQL does not see ``$1 + $2`` and ``$5 + $6`` as the same expression.
    """
    f = facts.subquery("facts")
    keys = (f.c.service_day, f.c.location_id, f.c.service_id, f.c.is_appointment, f.c.item,
            f.c.edge)
    return (select(literal(metric), literal(DAY), *keys, func.count(),
                   func.coalesce(func.sum(f.c.value), 0.0))
            .group_by(*keys))


# --- building --------------------------------------------------------------------------------


async def summarize(session: AsyncSession, now: datetime,
                    max_days: int = DAYS_PER_ROUND) -> int:
    """Summarise the next closed days of every location (at most ``max_days`` in all) and
    roll up the weeks, months, quarters and years they finish. Returns the number of days
    summarised."""
    done = 0
    for location in await repo.all_locations(session):
        done += await _summarize_location(session, location, now, max_days - done)
        if done >= max_days:
            break
    return done


async def _summarize_location(
    session: AsyncSession, location: LocationRow, now: datetime, budget: int
) -> int:
    built = await session.scalar(select(func.max(SummaryPeriodRow.period_start)).where(
        SummaryPeriodRow.location_id == location.id, SummaryPeriodRow.grain == DAY))
    first = built + timedelta(days=1) if built is not None else await session.scalar(
        select(func.min(VisitRow.service_day)).where(VisitRow.location_id == location.id))
    if first is None:
        return 0
    last = min(service_day(now, location.timezone) - timedelta(days=1),
               first + timedelta(days=budget - 1))
    if last < first:
        return 0
    filters = Filters(first, last, (location.id,))
    await session.execute(insert(SummaryVisitRow).from_select(VISIT_COLUMNS,
                                                              visit_facts(filters, now)))
    for _, facts in bin_facts(filters, now):
        await session.execute(insert(SummaryBinRow).from_select(BIN_COLUMNS, facts))
    zone = ZoneInfo(location.timezone)
    for day in starts(DAY, first, last):
        await session.execute(insert(SummaryBinRow).from_select(
            BIN_COLUMNS, appointment_facts(location.id, day, zone)))
    session.add_all(SummaryPeriodRow(location_id=location.id, grain=DAY, period_start=day,
                                     built_at=now) for day in starts(DAY, first, last))
    for grain, source in ROLL_UPS:
        for start in starts(grain, first, last):
            end = end_of(grain, start)
            if end <= last:
                await _roll_up(session, location.id, grain, source, start,
                               start_of(source, end), now)
    await session.flush()
    return (last - first).days + 1


async def _roll_up(session: AsyncSession, location_id: int, grain: str, source: str,
                   first: date, last: date, now: datetime) -> None:
    """Add up the ``source`` rows starting from ``first`` to ``last`` into ``grain`` rows."""
    await session.flush()
    visit_keys = (SummaryVisitRow.location_id, SummaryVisitRow.service_id,
                  SummaryVisitRow.is_appointment)
    await session.execute(insert(SummaryVisitRow).from_select(VISIT_COLUMNS, select(
        literal(grain), literal(first, Date), *visit_keys,
        *(func.sum(getattr(SummaryVisitRow, name)) for name in VISIT_COUNTS),
    ).where(
        SummaryVisitRow.location_id == location_id, SummaryVisitRow.grain == source,
        SummaryVisitRow.period_start.between(first, last),
    ).group_by(*visit_keys)))
    bin_keys = (SummaryBinRow.metric, SummaryBinRow.location_id, SummaryBinRow.service_id,
                SummaryBinRow.is_appointment, SummaryBinRow.item, SummaryBinRow.edge)
    await session.execute(insert(SummaryBinRow).from_select(BIN_COLUMNS, select(
        SummaryBinRow.metric, literal(grain), literal(first, Date), *bin_keys[1:],
        func.sum(SummaryBinRow.n), func.sum(SummaryBinRow.total),
    ).where(
        SummaryBinRow.location_id == location_id, SummaryBinRow.grain == source,
        SummaryBinRow.period_start.between(first, last),
        SummaryBinRow.metric.not_in(NOT_ROLLED_UP),
    ).group_by(*bin_keys)))
    session.add(SummaryPeriodRow(location_id=location_id, grain=grain, period_start=first,
                                 built_at=now))


def summarize_database(database_url: str, now: datetime,
                       progress: Callable[[int], None] | None = None) -> int:
    """Summarise every closed day at once (``eenloket summarize``, benchmarks): a month of
    days per transaction, so the hall keeps working meanwhile."""

    async def run() -> int:
        db = Database(database_url)
        total = 0
        try:
            while True:
                async with db.transaction() as session:
                    done = await summarize(session, now)
                if not done:
                    return total
                total += done
                if progress is not None:
                    progress(total)
        finally:
            await db.dispose()

    return asyncio.run(run())
