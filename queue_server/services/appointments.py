"""Appointments from booking systems: create, change, cancel, import files, mark no-shows.

An import mirrors the booking system: a known booking code is updated (or cancelled), an
unknown one added, and every record that cannot be used is rejected with its line and reason
while the rest goes in. Files are read by :mod:`queue_server.services.appointment_files`
(CSV and iCalendar); :func:`run_import` writes the records in chunks of their own
transaction, so a long import never holds the database's write lock for long and kiosks keep
checking visitors in while it runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import insert

from eenloket_wire.messages import AppointmentChangeIn, AppointmentIn, AppointmentOut
from queue_server.domain.tickets import service_day
from queue_server.errors import BadRequest, Conflict, NotFound
from queue_server.hall import load_hall
from queue_server.services.appointment_files import Record, Rejection, decode, parse
from queue_server.services.checkin import LATE_WINDOW
from queue_server.services.context import SYSTEM, Context, load_catalogue
from queue_server.services.events import emit
from queue_server.services.hall_sync import sync_hall
from queue_server.store import migrate
from queue_server.store import repository as repo
from queue_server.store.database import Database
from queue_server.store.models import AppointmentRow, LocationRow, ServiceRow

CHUNK = 500
"""Records per import transaction: big enough to be fast, small enough to let kiosks in."""


def _out(row: AppointmentRow, location: str, service: str) -> AppointmentOut:
    return AppointmentOut(booking_code=row.booking_code, location=location, service=service,
                          starts_at=row.starts_at, status=row.status)


async def appointment_out(ctx: Context, row: AppointmentRow) -> AppointmentOut:
    location = await repo.location_by_id(ctx.session, row.location_id)
    return _out(row, location.code, ctx.catalogue.services[row.service_id].code)


async def create(ctx: Context, body: AppointmentIn) -> AppointmentOut:
    location = await repo.location_by_code(ctx.session, body.location)
    if location is None:
        raise BadRequest(f"unknown location {body.location}", code="unknown_location")
    service = ctx.catalogue.by_code.get(body.service)
    if service is None:
        raise BadRequest(f"unknown service {body.service}", code="unknown_service")
    code = body.booking_code.upper()
    if await repo.appointment_by_code(ctx.session, code) is not None:
        raise Conflict(f"booking code {code} exists", code="booking_exists")
    row = AppointmentRow(booking_code=code, location_id=location.id, service_id=service.id,
                         starts_at=body.starts_at, name=body.name, contact=body.contact,
                         language=body.language, status="booked")
    ctx.session.add(row)
    await ctx.session.flush()
    return _out(row, location.code, service.code)


async def _booked(ctx: Context, code: str) -> AppointmentRow:
    row = await repo.appointment_by_code(ctx.session, code.upper(), for_update=True)
    if row is None:
        raise NotFound(f"no appointment {code}", code="unknown_booking")
    if row.status != "booked":
        raise Conflict(f"appointment {code} is {row.status} and can no longer change",
                       code="appointment_not_booked")
    return row


async def change(ctx: Context, code: str, body: AppointmentChangeIn) -> AppointmentOut:
    row = await _booked(ctx, code)
    if body.service is not None:
        service = ctx.catalogue.by_code.get(body.service)
        if service is None:
            raise BadRequest(f"unknown service {body.service}", code="unknown_service")
        row.service_id = service.id
    if body.starts_at is not None:
        row.starts_at = body.starts_at
    if body.name is not None:
        row.name = body.name
    if body.contact is not None:
        row.contact = body.contact
    return await appointment_out(ctx, row)


async def cancel(ctx: Context, code: str) -> AppointmentOut:
    row = await _booked(ctx, code)
    row.status = "cancelled"
    return await appointment_out(ctx, row)


# --- check-in windows and no-shows -------------------------------------------------------


def checkin_window(service: ServiceRow) -> tuple[timedelta, timedelta]:
    """How early and how late a visitor may check in for an appointment for ``service``."""
    return (timedelta(minutes=service.checkin_early_minutes),
            timedelta(minutes=service.checkin_late_minutes))


async def mark_no_shows(ctx: Context) -> int:
    """Mark every booked appointment whose check-in window has ended as a no-show.

    Records one ``appointments.no_show`` event per location with the count only (no booking
    codes: events reach public boards).
    """
    shortest_late = min(
        (checkin_window(s)[1] for s in ctx.catalogue.services.values()), default=LATE_WINDOW
    )
    per_location: dict[int, int] = {}
    for row in await repo.booked_appointments_before(ctx.session, ctx.now - shortest_late):
        service = ctx.catalogue.services.get(row.service_id)
        late = checkin_window(service)[1] if service is not None else LATE_WINDOW
        if row.starts_at + late < ctx.now:
            row.status = "no_show"
            per_location[row.location_id] = per_location.get(row.location_id, 0) + 1
    for location_id, count in sorted(per_location.items()):
        location = await repo.location_by_id(ctx.session, location_id)
        await emit(ctx, location, "appointments.no_show", data={"count": count})
    return sum(per_location.values())


# --- imports -----------------------------------------------------------------------------


class Progress(NamedTuple):
    done: int
    total: int


ProgressCallback = Callable[[Progress], None]
WriteContext = Callable[[], AbstractAsyncContextManager[Context]]
"""Opens one write transaction and yields its Context (``AppState.write`` on the server)."""


@dataclass
class ImportReport:
    """What an import did. ``rejected`` holds (line, reason) pairs in line order."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.changed + self.unchanged + len(self.rejected)

    def merge(self, other: ImportReport) -> None:
        self.added += other.added
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.rejected.extend(other.rejected)


async def import_text(
    open_write: WriteContext, text: str, progress: ProgressCallback | None = None
) -> ImportReport:
    """Import a CSV or iCalendar file's text (recognised by its content)."""
    records, rejected = parse(text)
    report = await run_import(open_write, records, progress)
    report.rejected = sorted([*rejected, *report.rejected])
    return report


async def run_import(
    open_write: WriteContext, records: Sequence[Record], progress: ProgressCallback | None = None,
) -> ImportReport:
    """Write the records chunk by chunk, each chunk in its own transaction."""
    report = ImportReport()
    if progress is not None:
        progress(Progress(0, len(records)))
    for start in range(0, len(records), CHUNK):
        chunk = ImportReport()
        async with open_write() as ctx:
            await apply_records(ctx, records[start:start + CHUNK], chunk)
        report.merge(chunk)  # only once committed: a failed chunk counts nothing
        if progress is not None:
            progress(Progress(min(start + CHUNK, len(records)), len(records)))
    return report


def import_file(
    database_url: str, hall_file: Path, path: Path, progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import a CSV or iCalendar file outside the server (``eenloket import-appointments``).

    The file is read and checked before the database is touched, so a file that cannot be
    used changes nothing; then the records go in chunk by chunk, like the server's import.
    """
    records, early = parse(decode(path.read_bytes()))

    async def run() -> ImportReport:
        db = Database(database_url)
        await asyncio.to_thread(migrate.upgrade, db.url)
        try:
            async with db.transaction() as session:
                await sync_hall(session, load_hall(hall_file))
            async with db.reading() as session:
                catalogue = await load_catalogue(session)

            @contextlib.asynccontextmanager
            async def write() -> AsyncIterator[Context]:
                async with db.transaction() as session:
                    yield Context(session=session, catalogue=catalogue, now=datetime.now(UTC),
                                  actor=SYSTEM, notify_postgres=not db.is_sqlite)

            def counted(step: Progress) -> None:
                # Lines rejected while reading count as done from the start.
                if progress is not None:
                    progress(Progress(step.done + len(early), step.total + len(early)))

            return await run_import(write, records, counted)
        finally:
            await db.dispose()

    report = asyncio.run(run())
    report.rejected = sorted([*early, *report.rejected])
    return report


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


class _Names:
    """A file's names for locations and services → rows, looked up in dictionaries built once
    per chunk (a linear search per record costs more than the database work)."""

    def __init__(self, ctx: Context, locations: Sequence[LocationRow]) -> None:
        self.locations = locations
        self.location_by_name = {
            key: loc for loc in locations for key in (loc.code.casefold(), loc.name.casefold())}
        self.service_by_name = {
            key: service for service in ctx.catalogue.services.values()
            for key in (service.code.casefold(), service.name_nl.casefold(),
                        service.name_en.casefold())}

    def location(self, hints: Sequence[str]) -> LocationRow | None:
        """A location named by code or name; or the one location whose name an address holds."""
        for hint in hints:
            if (found := self.location_by_name.get(hint.strip().casefold())) is not None:
                return found
        for hint in hints:
            named = [loc for loc in self.locations
                     if re.search(rf"\b{re.escape(loc.name.casefold())}\b", hint.casefold())]
            if len(named) == 1:
                return named[0]
        return None

    def service(self, hints: Sequence[str]) -> ServiceRow | None:
        for hint in hints:
            if (found := self.service_by_name.get(hint.strip().casefold())) is not None:
                return found
        return None


def _starts_at(record: Record, location: LocationRow) -> datetime:
    """Times without an offset are the location's local time (as a hall's staff read them)."""
    assert record.starts_at is not None
    if record.starts_at.tzinfo is None:
        return record.starts_at.replace(tzinfo=ZoneInfo(location.timezone))
    return record.starts_at


@dataclass(slots=True)
class _New:
    """An appointment to insert: a plain record (ten times cheaper than an ORM instance)."""

    booking_code: str
    location_id: int
    service_id: int
    starts_at: datetime
    name: str | None
    contact: str | None
    language: str
    status: str = "booked"


async def apply_records(ctx: Context, records: Sequence[Record], report: ImportReport) -> None:
    """Add, change or cancel each record's appointment in the current transaction.

    New appointments go in with one multi-row INSERT at the end; until then they are plain
    records, so that a code listed twice in the file updates its first listing.
    """
    names = _Names(ctx, await repo.all_locations(ctx.session))
    codes = sorted({r.booking_code.strip().upper() for r in records})
    existing: dict[str, AppointmentRow | _New] = {
        row.booking_code: row for row in await repo.appointments_by_codes(ctx.session, codes)}
    fresh: list[_New] = []
    for record in records:
        reason = _apply(ctx, record, names, existing, fresh, report)
        if reason is not None:
            report.rejected.append(Rejection(record.line, reason))
    if fresh:
        await ctx.session.execute(insert(AppointmentRow), [asdict(row) for row in fresh])
    await ctx.session.flush()


def _apply(
    ctx: Context, record: Record, names: _Names, existing: dict[str, AppointmentRow | _New],
    fresh: list[_New], report: ImportReport,
) -> str | None:
    """Apply one record; the reason it was rejected, or None."""
    code = record.booking_code.strip().upper()
    row = existing.get(code)
    if record.cancelled:
        if row is None:
            return f"cancellation of unknown booking code {code or '(empty)'}"
        if row.status == "cancelled":
            report.unchanged += 1
        elif row.status != "booked":
            return f"appointment {code} is {row.status} and can no longer be cancelled"
        else:
            row.status = "cancelled"
            report.changed += 1
        return None
    location = names.location(record.location_hints)
    if location is None:
        return f"unknown location {' / '.join(record.location_hints) or '(empty)'}"
    service = names.service(record.service_hints)
    if service is None:
        return f"unknown service {' / '.join(record.service_hints) or '(empty)'}"
    if record.starts_at is None:
        return "no start time"
    try:
        body = AppointmentIn(
            booking_code=code, location=location.code, service=service.code,
            starts_at=_starts_at(record, location), name=record.name or None,
            contact=record.contact or None, language=record.language or "nl",
        )
    except ValidationError as exc:
        return _first_error(exc)
    if service_day(body.starts_at, location.timezone) < service_day(ctx.now, location.timezone):
        return f"the appointment was on an earlier day ({body.starts_at.date().isoformat()})"
    if row is None:
        new = _New(code, location.id, service.id, body.starts_at, body.name, body.contact,
                   body.language)
        existing[code] = new
        fresh.append(new)
        report.added += 1
        return None
    if row.status != "booked":
        return f"appointment {code} is {row.status} and can no longer change"
    wanted = (location.id, service.id, body.starts_at.astimezone(UTC), body.name, body.contact,
              body.language)
    if (row.location_id, row.service_id, row.starts_at.astimezone(UTC), row.name, row.contact,
            row.language) == wanted:
        report.unchanged += 1
        return None
    row.location_id, row.service_id, row.starts_at = location.id, service.id, body.starts_at
    row.name, row.contact, row.language = body.name, body.contact, body.language
    report.changed += 1
    return None
