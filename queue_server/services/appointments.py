"""Appointments from booking systems: create, change, cancel, and import from CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from eenloket_wire.messages import AppointmentChangeIn, AppointmentIn, AppointmentOut
from queue_server.errors import BadRequest, Conflict, NotFound
from queue_server.services.context import Context
from queue_server.store import repository as repo
from queue_server.store.models import AppointmentRow


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


@dataclass
class ImportReport:
    added: int = 0
    changed: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


CSV_COLUMNS = ("booking_code", "location", "service", "starts_at")


async def import_csv(ctx: Context, text: str) -> ImportReport:
    """Rows with booking_code, location, service, starts_at (ISO 8601 with offset), and
    optionally name, contact, language. A known booking code is changed, not duplicated."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BadRequest(f"missing columns: {', '.join(missing)}", code="bad_csv")
    for line, record in enumerate(reader, start=2):
        try:
            body = AppointmentIn(
                booking_code=record["booking_code"].strip(),
                location=record["location"].strip(),
                service=record["service"].strip(),
                starts_at=datetime.fromisoformat(record["starts_at"].strip()),
                name=(record.get("name") or "").strip() or None,
                contact=(record.get("contact") or "").strip() or None,
                language=(record.get("language") or "nl").strip() or "nl",
            )
        except ValueError as exc:
            report.rejected.append((line, str(exc).splitlines()[0]))
            continue
        existing = await repo.appointment_by_code(ctx.session, body.booking_code.upper())
        try:
            if existing is None:
                await create(ctx, body)
                report.added += 1
            else:
                await change(ctx, body.booking_code, AppointmentChangeIn(
                    service=body.service, starts_at=body.starts_at, name=body.name,
                    contact=body.contact))
                report.changed += 1
        except (BadRequest, Conflict, NotFound) as exc:
            report.rejected.append((line, exc.detail))
    return report
