"""Check-in at a kiosk: a walk-in with one or more services, or an appointment's booking code."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from eenloket_wire.messages import ServiceOut, TicketOut
from queue_server.domain.catalogue import AppointmentPolicy
from queue_server.domain.tickets import TicketRangeExhausted, format_ticket, service_day
from queue_server.errors import BadRequest, Conflict, NotFound
from queue_server.services.context import Context
from queue_server.services.events import emit
from queue_server.services.queues import expected_wait_by_skill, position_and_wait
from queue_server.store import repository as repo
from queue_server.store.models import (
    AppointmentRow,
    IdempotencyRow,
    LocationRow,
    ServiceRow,
    TaskRow,
    VisitRow,
)

LATE_WINDOW = timedelta(minutes=15)
"""The default of how late an appointment visitor may still check in (hall.toml sets it per
service as ``checkin_late_minutes``)."""


async def replay(ctx: Context, key: str | None) -> TicketOut | None:
    """The ticket an earlier request with the same Idempotency-Key produced, if any."""
    if key is None:
        return None
    row = await repo.idempotent_response(ctx.session, key)
    return TicketOut.model_validate(row.response) if row is not None else None


def _remember(ctx: Context, key: str | None, device_id: int | None, ticket: TicketOut) -> None:
    if key is not None:
        ctx.session.add(
            IdempotencyRow(
                key=key, device_id=device_id, created_at=ctx.now,
                response=ticket.model_dump(mode="json"),
            )
        )


def _services(ctx: Context, codes: list[str]) -> list[ServiceRow]:
    unknown = [code for code in codes if code not in ctx.catalogue.by_code]
    if unknown:
        raise BadRequest(f"unknown service: {', '.join(unknown)}", code="unknown_service")
    if len(set(codes)) != len(codes):
        raise BadRequest("a service is listed twice", code="duplicate_service")
    return [ctx.catalogue.by_code[code] for code in codes]


async def _create_visit(
    ctx: Context,
    location: LocationRow,
    services: list[ServiceRow],
    language: str,
    appointment: AppointmentRow | None,
) -> VisitRow:
    day = service_day(ctx.now, location.timezone)
    letter = ctx.catalogue.letter_of(services[0])
    number = await repo.next_ticket_number(ctx.session, location.id, day, letter)
    try:
        ticket = format_ticket(letter, number)
    except TicketRangeExhausted as exc:
        raise Conflict(
            f"all tickets with letter {letter} are used today", code="tickets_exhausted"
        ) from exc
    visit = VisitRow(
        location_id=location.id,
        service_day=day,
        ticket=ticket,
        state="waiting",
        language=language,
        is_appointment=appointment is not None,
        appointment_at=appointment.starts_at if appointment is not None else None,
        checked_in_at=ctx.now,
        status_token=secrets.token_urlsafe(24),
        visitor_name=appointment.name if appointment is not None else None,
    )
    ctx.session.add(visit)
    await ctx.session.flush()
    target = ctx.appointment_target if appointment is not None else ctx.walk_in_target
    for position, service in enumerate(services):
        ctx.session.add(
            TaskRow(
                visit_id=visit.id,
                position=position,
                service_id=service.id,
                skill=service.skill,
                state="waiting" if position == 0 else "pending",
                target_minutes=target,
                queued_at=ctx.now if position == 0 else None,
            )
        )
    await ctx.session.flush()
    await ctx.session.refresh(visit, ["tasks"])
    return visit


def service_out(service: ServiceRow, expected: float | None) -> ServiceOut:
    return ServiceOut(
        code=service.code,
        name_nl=service.name_nl,
        name_en=service.name_en,
        skill=service.skill,
        appointment=AppointmentPolicy(service.appointment).value,
        expected_wait_minutes=expected,
    )


async def _ticket_out(
    ctx: Context, location: LocationRow, visit: VisitRow, services: list[ServiceRow], note: str
) -> TicketOut:
    position, expected = await position_and_wait(ctx, location, visit)
    return TicketOut(
        visit_id=visit.id,
        ticket=visit.ticket,
        location=location.code,
        location_name=location.name,
        services=[service_out(s, None) for s in services],
        language=visit.language,
        checked_in_at=visit.checked_in_at,
        appointment_at=visit.appointment_at,
        position=position,
        expected_wait_minutes=expected,
        status_url=f"{ctx.base_url}/v/{visit.status_token}",
        note=note,
    )


async def _checked_in(
    ctx: Context, location: LocationRow, visit: VisitRow, services: list[ServiceRow],
    key: str | None, device_id: int | None, note: str = "",
) -> TicketOut:
    data: dict[str, Any] = {
        "language": visit.language,
        "appointment": visit.is_appointment,
        "services": [s.code for s in services],
    }
    await emit(ctx, location, "visit.checked_in", visit=visit, data=data)
    ticket = await _ticket_out(ctx, location, visit, services, note)
    _remember(ctx, key, device_id, ticket)
    return ticket


async def walk_in(
    ctx: Context, location: LocationRow, codes: list[str], language: str,
    key: str | None = None, device_id: int | None = None,
) -> TicketOut:
    """A walk-in ticket. Services that need an appointment are refused with a way forward."""
    services = _services(ctx, codes)
    needs_booking = [s for s in services if s.appointment == AppointmentPolicy.REQUIRED]
    if needs_booking:
        raise Conflict(
            f"{needs_booking[0].name_en} needs an appointment; a general desk can help you "
            "book one",
            code="appointment_required",
        )
    visit = await _create_visit(ctx, location, services, language, None)
    return await _checked_in(ctx, location, visit, services, key, device_id)


async def appointment_check_in(
    ctx: Context, location: LocationRow, booking_code: str, language: str | None,
    walk_in_if_late: bool, key: str | None = None, device_id: int | None = None,
) -> TicketOut:
    """Check in with a booking code, within the service's window (default 30 minutes early
    to 15 late)."""
    appointment = await repo.appointment_by_code(
        ctx.session, booking_code.strip().upper(), for_update=True
    )
    if appointment is None or appointment.location_id != location.id:
        raise NotFound("we cannot find this booking code here", code="unknown_booking")
    if appointment.status == "cancelled":
        raise Conflict("this appointment was cancelled", code="appointment_cancelled")
    if appointment.status in ("checked_in", "late"):
        visit = await repo.visit_by_id(ctx.session, appointment.visit_id or 0)
        ticket = visit.ticket if visit is not None else "?"
        raise Conflict(f"you are already checked in with ticket {ticket}",
                       code="already_checked_in", data={"ticket": ticket})
    service = ctx.catalogue.services.get(appointment.service_id)
    if service is None:
        raise Conflict("the service of this appointment is no longer offered",
                       code="service_withdrawn")
    starts = appointment.starts_at
    if service_day(starts, location.timezone) != service_day(ctx.now, location.timezone):
        raise Conflict(f"your appointment is on another day ({starts.isoformat()})",
                       code="other_day", data={"starts_at": starts.isoformat()})
    early = timedelta(minutes=service.checkin_early_minutes)
    late = timedelta(minutes=service.checkin_late_minutes)
    if ctx.now < starts - early:
        raise Conflict(
            f"you are early: check in from {(starts - early).isoformat()}",
            code="too_early",
            data={"check_in_from": (starts - early).isoformat(),
                  "starts_at": starts.isoformat()},
        )
    language = language or appointment.language
    if ctx.now > starts + late:
        if not walk_in_if_late or service.appointment == AppointmentPolicy.REQUIRED:
            raise Conflict("you are too late for your appointment", code="too_late")
        appointment.status = "late"
        visit = await _create_visit(ctx, location, [service], language, None)
        appointment.visit_id = visit.id
        return await _checked_in(ctx, location, visit, [service], key, device_id,
                                 note="late_walk_in")
    visit = await _create_visit(ctx, location, [service], language, appointment)
    appointment.status = "checked_in"
    appointment.visit_id = visit.id
    return await _checked_in(ctx, location, visit, [service], key, device_id)


async def catalogue_waits(ctx: Context, location: LocationRow) -> dict[str, float | None]:
    return await expected_wait_by_skill(ctx, location)
