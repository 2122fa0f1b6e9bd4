"""Kiosk endpoints: the catalogue, check-in, printer status, a call for help."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from eenloket_wire.messages import (
    Ack,
    AppointmentCheckInIn,
    CatalogueOut,
    DepartmentOut,
    DeviceStatusIn,
    HelpRequestIn,
    TicketOut,
    WalkInIn,
)
from queue_server.api.auth import Principal, device
from queue_server.api.state import AppState, get_state, idempotency_key, location_or_404
from queue_server.errors import Forbidden
from queue_server.services import checkin
from queue_server.services.auth import Role
from queue_server.services.context import Context
from queue_server.services.events import emit
from queue_server.store.models import LocationRow
from queue_server.store.repository import device_by_name, lock_location, mark_device_seen

router = APIRouter(prefix="/api/v1/locations/{location}", tags=["kiosk"])
Kiosk = Annotated[Principal, Depends(device("kiosk", staff_minimum=Role.ADMIN))]
KioskOrBoard = Annotated[
    Principal, Depends(device("kiosk", "board", staff_minimum=Role.CLERK))
]
State = Annotated[AppState, Depends(get_state)]


async def _own_location(ctx: Context, principal: Principal, code: str) -> LocationRow:
    location = await location_or_404(ctx, code)
    if principal.device is not None and principal.device.location_id != location.id:
        raise Forbidden("this device belongs to another location", code="wrong_location")
    return location


@router.get("/catalogue", response_model=CatalogueOut)
async def catalogue(location: str, principal: KioskOrBoard, state: State) -> CatalogueOut:
    """Departments and services with their current expected wait (names in nl and en)."""
    async with state.read(principal.actor) as ctx:
        loc = await _own_location(ctx, principal, location)
        waits = await checkin.catalogue_waits(ctx, loc)
        desks_open = any(w is not None for w in waits.values())
        departments = []
        for department in ctx.catalogue.departments.values():
            services = [
                checkin.service_out(s, waits.get(s.skill))
                for s in ctx.catalogue.services.values() if s.department_id == department.id
            ]
            departments.append(DepartmentOut(
                code=department.code, name_nl=department.name_nl, name_en=department.name_en,
                letter=department.letter, pictogram=department.pictogram, services=services,
            ))
        result = CatalogueOut(location=loc.code, location_name=loc.name, open=desks_open,
                              departments=departments)
    if principal.device is not None:
        # Kiosks refresh the catalogue every minute: that is their sign of life for the
        # dashboard's offline alert.
        async with state.write(principal.actor) as ctx:
            await mark_device_seen(ctx.session, principal.device.id, ctx.now)
    return result


@router.post("/check-in/walk-in", response_model=TicketOut, status_code=201)
async def walk_in(
    location: str, body: WalkInIn, request: Request, principal: Kiosk, state: State
) -> TicketOut:
    """A walk-in ticket for one or more services. Retries with the same
    ``Idempotency-Key`` return the original ticket."""
    key = idempotency_key(request)
    async with state.write(principal.actor) as ctx:
        loc = await _own_location(ctx, principal, location)
        # Lock first: a retry racing its original then waits and finds the stored ticket,
        # and two first tickets of the day never race for the same counter row.
        await lock_location(ctx.session, loc.id)
        earlier = await checkin.replay(ctx, key)
        if earlier is not None:
            return earlier
        ticket = await checkin.walk_in(ctx, loc, body.services, body.language, key,
                                       principal.device.id if principal.device else None)
    state.metrics.checkins.labels(location).inc()
    return ticket


@router.post("/check-in/appointment", response_model=TicketOut, status_code=201)
async def appointment(
    location: str, body: AppointmentCheckInIn, request: Request, principal: Kiosk, state: State
) -> TicketOut:
    key = idempotency_key(request)
    async with state.write(principal.actor) as ctx:
        loc = await _own_location(ctx, principal, location)
        await lock_location(ctx.session, loc.id)
        earlier = await checkin.replay(ctx, key)
        if earlier is not None:
            return earlier
        ticket = await checkin.appointment_check_in(
            ctx, loc, body.booking_code, body.language, body.walk_in_if_late, key,
            principal.device.id if principal.device else None,
        )
    state.metrics.checkins.labels(location).inc()
    return ticket


@router.post("/devices/status", response_model=Ack)
async def device_status(
    location: str, body: DeviceStatusIn, principal: KioskOrBoard, state: State
) -> Ack:
    """A kiosk reports its printer; a change of state becomes an event (dashboard alerts)."""
    async with state.write(principal.actor) as ctx:
        loc = await _own_location(ctx, principal, location)
        dev = principal.device
        if dev is None:
            raise Forbidden("only devices report their status", code="wrong_device")
        row = await device_by_name(ctx.session, dev.name)
        assert row is not None
        changed = row.status.get("printer") != body.printer
        row.status = {"printer": body.printer, "detail": body.detail}
        row.last_seen = ctx.now
        if changed:
            await emit(ctx, loc, "device.printer", data={"device": dev.name,
                                                          "printer": body.printer})
    return Ack()


@router.post("/help", response_model=Ack)
async def help_request(
    location: str, body: HelpRequestIn, principal: Kiosk, state: State
) -> Ack:
    """"I need help" at a kiosk: the floor host's pages show an alert."""
    async with state.write(principal.actor) as ctx:
        loc = await _own_location(ctx, principal, location)
        await emit(ctx, loc, "help.requested", data={"device": principal.actor.name,
                                                      "language": body.language})
    return Ack()
