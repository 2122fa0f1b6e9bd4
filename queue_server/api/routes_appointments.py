"""The push API for booking systems (a device of kind ``booking``, or an admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from eenloket_wire.messages import AppointmentChangeIn, AppointmentIn, AppointmentOut
from queue_server.api.auth import Principal, device
from queue_server.api.state import AppState, get_state
from queue_server.errors import NotFound
from queue_server.services import appointments
from queue_server.services.auth import Role
from queue_server.store import repository as repo

router = APIRouter(prefix="/api/v1/appointments", tags=["appointments"])
State = Annotated[AppState, Depends(get_state)]
Booking = Annotated[Principal, Depends(device("booking", staff_minimum=Role.ADMIN))]


@router.post("", response_model=AppointmentOut, status_code=201)
async def create(body: AppointmentIn, principal: Booking, state: State) -> AppointmentOut:
    async with state.write(principal.actor) as ctx:
        return await appointments.create(ctx, body)


@router.get("/{code}", response_model=AppointmentOut)
async def get(code: str, principal: Booking, state: State) -> AppointmentOut:
    async with state.read(principal.actor) as ctx:
        row = await repo.appointment_by_code(ctx.session, code.upper())
        if row is None:
            raise NotFound(f"no appointment {code}", code="unknown_booking")
        return await appointments.appointment_out(ctx, row)


@router.patch("/{code}", response_model=AppointmentOut)
async def change(
    code: str, body: AppointmentChangeIn, principal: Booking, state: State
) -> AppointmentOut:
    async with state.write(principal.actor) as ctx:
        return await appointments.change(ctx, code, body)


@router.delete("/{code}", response_model=AppointmentOut)
async def cancel(code: str, principal: Booking, state: State) -> AppointmentOut:
    async with state.write(principal.actor) as ctx:
        return await appointments.cancel(ctx, code)
