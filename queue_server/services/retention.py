"""Purge personal data once its retention has passed (privacy by default).

Personal data is what can name a visitor: the appointment's name and contact, the visit's
copy of the name, and the free-text handover notes between desks. These are cleared for
every service day that ended more than ``retention_hours`` ago (0: right at the end of the
day). The visit's phone-page token is retired at the same moment, so old links stop working:
it becomes ``~<visit id>``, which is unique (the column is unique and non-null) and can never
be a real token (those use only letters, digits, ``-`` and ``_``).

What stays is what statistics need and names no one: tickets, services, times, desks,
outcomes and the event log (which never held names). Each purge that cleared anything is
recorded in the location's audit log as a ``data.purged`` event with counts only.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, String, literal, or_, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.sql.dml import Update

from queue_server.admin import run_admin
from queue_server.domain.tickets import service_day
from queue_server.errors import BadRequest
from queue_server.services.context import Context
from queue_server.services.events import emit
from queue_server.store import repository as repo
from queue_server.store.models import AppointmentRow, LocationRow, TaskRow, VisitRow

RETIRED_TOKEN_PREFIX = "~"


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """How many rows lost personal data; never the data itself."""

    appointments: int = 0
    visits: int = 0
    notes: int = 0
    links: int = 0
    """Phone-page tokens retired."""

    @property
    def total(self) -> int:
        return self.appointments + self.visits + self.notes + self.links

    def __add__(self, other: PurgeReport) -> PurgeReport:
        return PurgeReport(self.appointments + other.appointments, self.visits + other.visits,
                           self.notes + other.notes, self.links + other.links)


def first_kept_day(now: datetime, timezone: str, retention_hours: float) -> date:
    """The earliest service day whose personal data is still kept.

    Day D's data goes when D's end (local midnight) lies ``retention_hours`` in the past,
    that is when D is before the local date of ``now - retention``.
    """
    return service_day(now - timedelta(hours=retention_hours), timezone)


async def purge_personal_data(
    ctx: Context, retention_hours: float, *, record_empty: bool = False
) -> PurgeReport:
    """Clear personal data of every service day past retention, at every location.

    ``record_empty`` also records a purge that found nothing (a scheduled run wants its
    proof in the audit log; the server's 5-minute loop does not).
    """
    if retention_hours < 0:
        raise BadRequest("retention_hours cannot be negative", code="bad_retention")
    total = PurgeReport()
    for location in await repo.all_locations(ctx.session):
        kept_from = first_kept_day(ctx.now, location.timezone, retention_hours)
        report = await _purge_location(ctx, location, kept_from)
        if report.total or record_empty:
            data: dict[str, Any] = {**asdict(report), "before": kept_from.isoformat(),
                                    "retention_hours": retention_hours}
            await emit(ctx, location, "data.purged", data=data)
        total += report
    return total


async def _purge_location(ctx: Context, location: LocationRow, kept_from: date) -> PurgeReport:
    past_visits = select(VisitRow.id).where(
        VisitRow.location_id == location.id, VisitRow.service_day < kept_from
    )
    day_starts = datetime.combine(kept_from, time(0), tzinfo=ZoneInfo(location.timezone))
    appointments = await _rowcount(ctx, update(AppointmentRow).where(
        AppointmentRow.location_id == location.id,
        AppointmentRow.starts_at < day_starts.astimezone(UTC),
        or_(AppointmentRow.name.is_not(None), AppointmentRow.contact.is_not(None)),
    ).values(name=None, contact=None))
    visits = await _rowcount(ctx, update(VisitRow).where(
        VisitRow.id.in_(past_visits), VisitRow.visitor_name.is_not(None),
    ).values(visitor_name=None))
    notes = await _rowcount(ctx, update(TaskRow).where(
        TaskRow.visit_id.in_(past_visits), TaskRow.note.is_not(None),
    ).values(note=None))
    retired = literal(RETIRED_TOKEN_PREFIX, String) + sql_cast(VisitRow.id, String)
    links = await _rowcount(ctx, update(VisitRow).where(
        VisitRow.id.in_(past_visits),
        VisitRow.status_token.not_like(f"{RETIRED_TOKEN_PREFIX}%"),
    ).values(status_token=retired))
    return PurgeReport(appointments, visits, notes, links)


async def _rowcount(ctx: Context, statement: Update) -> int:
    """Run one bulk UPDATE (proposed for store/repository.py as purge queries).

    ``synchronize_session=False``: the session may hold some of these rows (housekeeping has
    just closed yesterday's open visits), but their purged columns are not dirty there, so
    the stale values in memory are never written back; the transaction ends right after.
    """
    result = await ctx.session.execute(
        statement.execution_options(synchronize_session=False)
    )
    return int(cast(CursorResult[Any], result).rowcount)


def purge_database(database_url: str, hall_file: Path, retention_hours: float) -> PurgeReport:
    """Run one purge outside the server (``eenloket purge``, the systemd timer)."""

    async def work(ctx: Context) -> PurgeReport:
        return await purge_personal_data(ctx, retention_hours, record_empty=True)

    return asyncio.run(run_admin(database_url, hall_file, work))
