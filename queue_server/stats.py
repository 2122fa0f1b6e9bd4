"""Statistics queries: every figure is computed in the database, never by loading visits.

Which visits count: those whose service day lies in the period, at the chosen locations, whose
first question (the service chosen at the kiosk) is one of the chosen services, and, when desks
are chosen, that had a question at one of those desks. Figures about questions (service time,
handovers, clerks) use the questions of those visits; with desks chosen, only the questions
handled at those desks.

Definitions:

- wait of a visit: first call minus check-in; for an appointment checked in early, minus the
  appointment time instead (nobody waits for an appointment that has not started).
- within the norm: called after waiting at most the norm (appointment or walk-in). A visit that
  was never called counts against the norm once it has waited longer than the norm; until then
  it is undecided and left out.
- service time of a question: finish minus start; handling time (desk occupancy, for staffing):
  finish minus call.
- median and 90th percentile: linear interpolation between the two nearest ranks, as
  PostgreSQL's ``percentile_cont`` and numpy do. Both engines compute it on the same path:
  window functions rank the values and only the two ranks around each percentile come back.

Times are bucketed per UTC hour in the database and folded into local hours afterwards, so
daylight saving time is exact on SQLite (which has no time zones) and PostgreSQL alike; a
period of years is still only a few thousand buckets.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Float,
    Select,
    String,
    Subquery,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from queue_server.distribution import (
    CENTISECONDS,
    EMPTY,
    LAST_WIDTH,
    QUANTILES,
    STEPS,
    Distribution,
    interpolate,
)
from queue_server.store.models import (
    AppointmentRow,
    DeviceRow,
    EventRow,
    TaskRow,
    UTCDateTime,
    VisitRow,
)

SERVED = ("resolved", "follow_up")
"""Visit close reasons of a visitor who was helped to the end."""
DESK_EVENTS = ("desk.opened", "desk.paused", "desk.resumed", "desk.closed")

Column = ColumnElement[Any] | QueryableAttribute[Any]


# --- portable SQL for time arithmetic --------------------------------------------------------


# Lower-case names: these read like the SQL functions they stand for.
class seconds_between(FunctionElement[float]):
    """``later - earlier`` in seconds (a float), or NULL when either is NULL."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


@compiles(seconds_between, "postgresql")
def _seconds_postgres(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(arg, **kw) for arg in element.clauses)
    # date_part gives double precision; EXTRACT gives numeric, which is several times slower.
    return f"date_part('epoch', ({later}) - ({earlier}))"


class epoch_hour(FunctionElement[int]):
    """The whole hours since 1970-01-01 UTC: a bucket key that Python turns into local time."""

    type = BigInteger()
    inherit_cache = True
    name = "epoch_hour"


@compiles(epoch_hour, "sqlite")
def _hour_sqlite(element: epoch_hour, compiler: SQLCompiler, **kw: Any) -> str:
    # unixepoch() (SQLite 3.38+) is integer seconds, so the division is exact integer maths.
    return f"(unixepoch({compiler.process(element.clauses, **kw)}) / 3600)"


@compiles(epoch_hour, "postgresql")
def _hour_postgres(element: epoch_hour, compiler: SQLCompiler, **kw: Any) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"CAST(FLOOR(date_part('epoch', {moment}) / 3600) AS BIGINT)"


def bin_edge(value: Column) -> ColumnElement[int]:
    """The histogram bin of ``value`` (seconds), as ``distribution.edge`` computes it."""
    exact = func.floor(value * CENTISECONDS + 0.5) / CENTISECONDS
    magnitude = func.abs(exact)
    top = case(
        *((magnitude <= limit, func.ceil(magnitude / size) * size) for limit, size in STEPS),
        else_=func.ceil(magnitude / LAST_WIDTH) * LAST_WIDTH,
    )
    return cast(case((exact < 0, -top), else_=top), BigInteger)


# --- what to count ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    first_day: date
    last_day: date
    """Inclusive."""
    location_ids: tuple[int, ...] = ()
    """Empty: every location (likewise below)."""
    service_ids: tuple[int, ...] = ()
    desk_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Norms:
    walk_in_minutes: float = 10.0
    appointment_minutes: float = 5.0


@functools.lru_cache(maxsize=64)
def visits(filters: Filters, norms: Norms, now: datetime, *, by_service: bool = False) -> Subquery:
    """The chosen visits with their wait (seconds), elapsed wait so far and norm (seconds).

    Cached: a page asks for the same visits in a dozen queries, and building this subquery
    costs milliseconds of Python each time. The statement is immutable, so sharing is safe.
    """
    start = case(
        (and_(VisitRow.is_appointment, VisitRow.appointment_at > VisitRow.checked_in_at),
         VisitRow.appointment_at),
        else_=VisitRow.checked_in_at,
    )
    until = func.coalesce(VisitRow.first_called_at, VisitRow.closed_at,
                          literal(now, UTCDateTime()))
    norm = case((VisitRow.is_appointment, norms.appointment_minutes * 60.0),
                else_=norms.walk_in_minutes * 60.0)
    columns: list[Column] = [
        VisitRow.id, VisitRow.location_id, VisitRow.service_day, VisitRow.is_appointment,
        VisitRow.appointment_at, VisitRow.checked_in_at, VisitRow.first_called_at,
        VisitRow.close_reason,
        seconds_between(VisitRow.first_called_at, start).label("wait"),
        seconds_between(until, start).label("elapsed"),
        norm.label("norm"),
    ]
    query = select(*columns).where(VisitRow.service_day.between(filters.first_day,
                                                                filters.last_day))
    if filters.service_ids or by_service:
        first = aliased(TaskRow, name="first_task")
        query = query.join(first, and_(first.visit_id == VisitRow.id, first.position == 0))
        query = query.add_columns(first.service_id.label("service_id"))
        if filters.service_ids:
            query = query.where(first.service_id.in_(filters.service_ids))
    if filters.location_ids:
        query = query.where(VisitRow.location_id.in_(filters.location_ids))
    if filters.desk_ids:
        query = query.where(exists().where(TaskRow.visit_id == VisitRow.id,
                                           TaskRow.desk_id.in_(filters.desk_ids)))
    return query.subquery("v")


def questions(filters: Filters, chosen: Subquery, *columns: Column) -> Select[Any]:
    """``columns`` of the questions (tasks) of the chosen visits, at the chosen desks if any.

    A semi-join (``IN``): with an index on ``tasks.visit_id`` it probes the index per chosen
    visit; without one, SQLite still scans tasks once instead of once per visit.
    """
    query = select(*columns).where(TaskRow.visit_id.in_(select(chosen.c.id)))
    return _at_desks(filters, query)


def visit_questions(filters: Filters, chosen: Subquery, *columns: Column) -> Select[Any]:
    """Like :func:`questions`, joined to the chosen visits so ``columns`` may use theirs."""
    query = select(*columns).select_from(TaskRow).join(chosen, TaskRow.visit_id == chosen.c.id)
    return _at_desks(filters, query)


def _at_desks(filters: Filters, query: Select[Any]) -> Select[Any]:
    if filters.desk_ids:
        query = query.where(TaskRow.desk_id.in_(filters.desk_ids))
    return query


# --- distributions ---------------------------------------------------------------------------


async def distributions(
    session: AsyncSession, values: Select[Any], keys: Sequence[str] = ()
) -> dict[tuple[Any, ...], Distribution]:
    """Count, mean, median and p90 of the ``value`` column of ``values`` per ``keys``.

    Only the ranks next to each percentile leave the database: at most four rows per group.
    """
    # Materialized: each value is computed once, not again for the filter and the ordering.
    inner = values.cte("vals").prefix_with("MATERIALIZED")
    parts = [inner.c[k] for k in keys]
    value = inner.c.value
    group = parts or None
    whole = (None, None)
    ranked = (
        select(
            *parts, value,
            func.row_number().over(partition_by=group, order_by=value).label("rn"),
            func.count().over(partition_by=group, order_by=value, rows=whole).label("n"),
            func.avg(value).over(partition_by=group, order_by=value, rows=whole).label("mean"),
        )
        .where(value.is_not(None))
        .subquery("ranked")
    )
    picks = []
    for numerator, denominator in QUANTILES:
        low = ((ranked.c.n - 1) * numerator) // denominator
        picks += [ranked.c.rn == low + 1, ranked.c.rn == low + 2]
    query = select(*(ranked.c[k] for k in keys), ranked.c.n, ranked.c.mean, ranked.c.rn,
                   ranked.c.value).where(or_(*picks))
    found: dict[tuple[Any, ...], tuple[int, float, dict[int, float]]] = {}
    for row in (await session.execute(query)).all():
        key = tuple(row[: len(keys)])
        n, mean, rank, item = row[len(keys):]
        found.setdefault(key, (int(n), float(mean), {}))[2][int(rank)] = float(item)
    return {key: interpolate(n, mean, ranks) for key, (n, mean, ranks) in found.items()}


# --- visits ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VisitCounts:
    visits: int = 0
    called: int = 0
    within: int = 0
    decided: int = 0
    served: int = 0
    no_shows: int = 0
    cancelled: int = 0
    unserved: int = 0
    """Closed at the end of the day without ever being called."""

    def __add__(self, other: VisitCounts) -> VisitCounts:
        return VisitCounts(*(a + b for a, b in zip(self._tuple(), other._tuple(), strict=True)))

    def _tuple(self) -> tuple[int, ...]:
        return (self.visits, self.called, self.within, self.decided, self.served,
                self.no_shows, self.cancelled, self.unserved)

    @property
    def share_within(self) -> float | None:
        return self.within / self.decided if self.decided else None


async def visit_counts(
    session: AsyncSession, chosen: Subquery, keys: Sequence[str]
) -> dict[tuple[Any, ...], VisitCounts]:
    """Counts of the chosen visits per ``keys`` (columns of ``chosen``)."""
    v = chosen.c
    parts = [v[k] for k in keys]
    query = select(
        *parts,
        func.count(),
        func.count(v.first_called_at),
        func.count().filter(and_(v.wait.is_not(None), v.wait <= v.norm)),
        func.count().filter(or_(v.wait.is_not(None), v.elapsed > v.norm)),
        func.count().filter(v.close_reason.in_(SERVED)),
        func.count().filter(v.close_reason == "no_show"),
        func.count().filter(v.close_reason == "cancelled"),
        func.count().filter(and_(v.close_reason == "end_of_day", v.first_called_at.is_(None))),
    ).group_by(*parts)
    return {
        tuple(row[: len(keys)]): VisitCounts(*(int(x) for x in row[len(keys):]))
        for row in (await session.execute(query)).all()
    }


async def hour_buckets(
    session: AsyncSession, chosen: Subquery
) -> list[tuple[int, int, int, int]]:
    """(location id, UTC epoch hour, visits, appointments) for each hour with check-ins."""
    v = chosen.c
    hour = epoch_hour(v.checked_in_at).label("hour")
    query = select(v.location_id, hour, func.count(),
                   func.count().filter(v.is_appointment)).group_by(v.location_id, hour)
    return [(int(a), int(b), int(c), int(d)) for a, b, c, d in (await session.execute(query)).all()]


async def wait_distributions(
    session: AsyncSession, chosen: Subquery, keys: Sequence[str]
) -> dict[tuple[Any, ...], Distribution]:
    v = chosen.c
    return await distributions(
        session, select(*(v[k] for k in keys), v.wait.label("value")), keys
    )


PUNCTUALITY_BUCKETS = ("early_15", "early_5", "on_time", "late_5", "late_15")


async def punctuality(
    session: AsyncSession, chosen: Subquery
) -> tuple[dict[str, int], Distribution]:
    """Appointment check-ins by how early (negative) or late they were, and their spread."""
    v = chosen.c
    bucket = punctuality_bucket(chosen).label("bucket")
    appointments = v.is_appointment.is_(True)
    rows = (await session.execute(
        select(bucket, func.count()).where(appointments).group_by(bucket)
    )).all()
    spread = await distributions(
        session, select(punctuality_offset(chosen).label("value")).where(appointments))
    return {str(b): int(n) for b, n in rows}, spread.get((), EMPTY)


def punctuality_offset(chosen: Subquery) -> ColumnElement[float]:
    """Seconds an appointment visitor checked in after (positive) or before the appointment."""
    return seconds_between(chosen.c.checked_in_at, chosen.c.appointment_at)


def punctuality_bucket(chosen: Subquery) -> ColumnElement[str]:
    offset = punctuality_offset(chosen)
    return case(
        (offset < -900, "early_15"), (offset < -300, "early_5"), (offset <= 300, "on_time"),
        (offset <= 900, "late_5"), else_="late_15",
    )


async def appointments_by_status(
    session: AsyncSession, windows: Sequence[tuple[int, datetime, datetime]],
    service_ids: Sequence[int], until: datetime,
) -> dict[str, int]:
    """Appointments that start in the windows (per location, UTC), by status.

    ``no_show`` was marked by housekeeping after the check-in window; ``booked`` counts only
    when it started before ``until`` (its window is over, housekeeping has not run yet), so
    both together are the appointments not kept. ``late`` became a walk-in ticket.
    """
    where = or_(*(
        and_(AppointmentRow.location_id == location, AppointmentRow.starts_at >= start,
             AppointmentRow.starts_at < end)
        for location, start, end in windows
    ))
    counted = or_(AppointmentRow.status != "booked", AppointmentRow.starts_at < until)
    query = select(AppointmentRow.status, func.count()).where(where, counted)
    if service_ids:
        query = query.where(AppointmentRow.service_id.in_(service_ids))
    rows = (await session.execute(query.group_by(AppointmentRow.status))).all()
    return {str(status): int(n) for status, n in rows}


# --- questions ---------------------------------------------------------------------------------


def service_key() -> ColumnElement[str]:
    """A question's service id, or for a handed-over question (no service) its skill."""
    return case(
        (TaskRow.service_id.is_(None), "skill:" + TaskRow.skill),
        else_="service:" + cast(TaskRow.service_id, String),
    ).label("key")


async def service_times(
    session: AsyncSession, filters: Filters, chosen: Subquery
) -> dict[str, Distribution]:
    """Service time (start to finish, seconds) per service key (see :func:`service_key`)."""
    query = questions(filters, chosen, service_key(),
                      seconds_between(TaskRow.finished_at, TaskRow.started_at).label("value"))
    found = await distributions(session, query, ["key"])
    return {str(key[0]): d for key, d in found.items()}


async def handover_waits(
    session: AsyncSession, filters: Filters, chosen: Subquery
) -> dict[str, Distribution]:
    """How long handed-over questions waited (queued to called), per skill."""
    query = questions(
        filters, chosen, TaskRow.skill.label("skill"),
        seconds_between(TaskRow.called_at, TaskRow.queued_at).label("value"),
    ).where(TaskRow.service_id.is_(None))
    found = await distributions(session, query, ["skill"])
    return {str(key[0]): d for key, d in found.items()}


@dataclass(frozen=True, slots=True)
class TransferCounts:
    served: int = 0
    served_after_transfer: int = 0
    transfers: int = 0

    @property
    def first_desk_share(self) -> float | None:
        if not self.served:
            return None
        return (self.served - self.served_after_transfer) / self.served


async def transfer_counts(
    session: AsyncSession, filters: Filters, chosen: Subquery, keys: Sequence[str] = ()
) -> dict[tuple[Any, ...], TransferCounts]:
    """Visits served, those served only after a transfer, and transfers, per ``keys``
    (``service_id`` needs ``chosen`` from :func:`visits` with ``by_service=True``)."""
    v = chosen.c
    parts = [v[k] for k in keys]
    moved = questions(filters, chosen, TaskRow.visit_id).where(TaskRow.outcome == "transferred")
    served = v.close_reason.in_(SERVED)
    visit_query = select(
        *parts, func.count().filter(served), func.count().filter(and_(served, v.id.in_(moved)))
    ).group_by(*parts)
    # Counting transfers per key needs the visits joined; overall a semi-join suffices.
    tasks = visit_questions if keys else questions
    task_query = tasks(filters, chosen, *parts, func.count()).where(
        TaskRow.outcome == "transferred").group_by(*parts)
    transfers = {tuple(row[:-1]): int(row[-1])
                 for row in (await session.execute(task_query)).all()}
    return {
        tuple(row[:-2]): TransferCounts(int(row[-2]), int(row[-1]),
                                        transfers.get(tuple(row[:-2]), 0))
        for row in (await session.execute(visit_query)).all()
    }


async def handover_routes(
    session: AsyncSession, filters: Filters, chosen: Subquery, limit: int = 15
) -> list[tuple[str, str, int]]:
    """The most frequent handovers: (from skill, to skill, count)."""
    source = aliased(TaskRow, name="source")
    target = aliased(TaskRow, name="target")
    count = func.count().label("n")
    query = (
        select(source.skill, target.skill, count)
        .join(target, and_(target.visit_id == source.visit_id,
                           target.position == source.position + 1))
        .where(source.outcome == "transferred", source.visit_id.in_(select(chosen.c.id)))
        .group_by(source.skill, target.skill)
        .order_by(count.desc(), source.skill, target.skill)
        .limit(limit)
    )
    if filters.desk_ids:
        query = query.where(source.desk_id.in_(filters.desk_ids))
    return [(str(a), str(b), int(n)) for a, b, n in (await session.execute(query)).all()]


@dataclass(frozen=True, slots=True)
class ClerkFigures:
    user_id: int
    questions: int
    resolved: int
    transferred: int
    service: Distribution


async def per_clerk(
    session: AsyncSession, filters: Filters, chosen: Subquery
) -> list[ClerkFigures]:
    """Questions each clerk handled (only when figures per clerk are switched on)."""
    handled = (TaskRow.user_id.is_not(None), TaskRow.started_at.is_not(None))
    counts = questions(
        filters, chosen, TaskRow.user_id, func.count(),
        func.count().filter(TaskRow.outcome == "resolved"),
        func.count().filter(TaskRow.outcome == "transferred"),
    ).where(*handled).group_by(TaskRow.user_id)
    spread = await distributions(session, questions(
        filters, chosen, TaskRow.user_id.label("user_id"),
        seconds_between(TaskRow.finished_at, TaskRow.started_at).label("value"),
    ).where(*handled), ["user_id"])
    return [
        ClerkFigures(int(user), int(n), int(resolved), int(moved), spread.get((user,), EMPTY))
        for user, n, resolved, moved in (await session.execute(counts)).all()
    ]


async def handling_seconds(session: AsyncSession, filters: Filters, chosen: Subquery) -> float:
    """Total desk occupancy (call to finish) of the questions of the chosen visits."""
    query = questions(filters, chosen, func.coalesce(
        func.sum(seconds_between(TaskRow.finished_at, TaskRow.called_at)), 0.0))
    return float((await session.execute(query)).scalar_one())


# --- the live hall -----------------------------------------------------------------------------


async def desk_events(
    session: AsyncSession, location_id: int, since: datetime, until: datetime
) -> list[tuple[datetime, int, str]]:
    """(time, desk number, type) of the desks opening, pausing, resuming and closing."""
    query = (
        select(EventRow.at, EventRow.desk_number, EventRow.type)
        .where(EventRow.location_id == location_id, EventRow.type.in_(DESK_EVENTS),
               EventRow.at >= since, EventRow.at < until)
        .order_by(EventRow.at, EventRow.seq)
    )
    return [(at, int(desk or 0), str(kind)) for at, desk, kind in
            (await session.execute(query)).all()]


async def devices_at(session: AsyncSession, location_id: int) -> Sequence[DeviceRow]:
    query = (select(DeviceRow).where(DeviceRow.location_id == location_id)
             .order_by(DeviceRow.kind, DeviceRow.name))
    return (await session.execute(query)).scalars().all()


def visit_records(filters: Filters, norms: Norms, now: datetime) -> Select[Any]:
    """One anonymous row per chosen visit, for the CSV export: no ticket, name, desk or clerk.

    Columns: id (for ordering only), location_id, service_day, checked_in_at, is_appointment,
    appointment_at, service_id, wait, questions, transfers, handling, close_reason.
    """
    chosen = visits(filters, norms, now, by_service=True)
    v = chosen.c
    columns = (v.id, v.location_id, v.service_day, v.checked_in_at, v.is_appointment,
               v.appointment_at, v.service_id, v.wait, v.close_reason)
    return (
        visit_questions(
            filters, chosen, *columns,
            func.count().label("questions"),
            func.count().filter(TaskRow.outcome == "transferred").label("transfers"),
            func.sum(seconds_between(TaskRow.finished_at, TaskRow.called_at)).label("handling"),
        )
        .group_by(*columns)
        .order_by(v.checked_in_at, v.id)
    )
