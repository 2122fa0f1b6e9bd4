"""The check-in window: early visitors wait for their time, late ones follow the policy, and an
appointment nobody checked in for becomes a no-show when its window ends."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from eenloket_wire.client import ApiError
from eenloket_wire.messages import AppointmentCheckInIn, WalkInIn
from queue_server.services import appointments
from queue_server.services.appointments import WriteContext
from queue_server.store.models import AppointmentRow, EventRow
from tests.queue_server.test_appointments_import import at
from tests.support import LOCATION, LiveServer, Provisioned, SettableClock

AMS = ZoneInfo("Europe/Amsterdam")
TEN = datetime(2026, 11, 30, 10, 0, tzinfo=AMS)


def book(server: LiveServer, code: str, starts_at: datetime,
         service: str = "uittreksel-brp") -> None:
    response = httpx.post(
        f"{server.url}/api/v1/appointments",
        json={"booking_code": code, "location": LOCATION, "service": service,
              "starts_at": starts_at.isoformat()},
        headers={"Authorization": f"Bearer {server.provisioned.tokens['booking']}"})
    assert response.status_code == 201, response.text


def test_an_early_visitor_is_called_around_their_time(provisioned: Provisioned) -> None:
    clock = SettableClock(TEN - timedelta(minutes=25))
    with LiveServer(provisioned, clock=clock) as server, server.client("kiosk-1") as kiosk, \
            server.clerk() as clerk:
        book(server, "EARLY-1", TEN)
        early = kiosk.appointment_check_in(
            LOCATION, AppointmentCheckInIn(booking_code="EARLY-1"), str(uuid.uuid4()))
        clock.advance(minutes=1)
        walk_in = kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4()))
        clerk.desk(LOCATION, 1, "open", {"skills": None})
        clock.advance(minutes=4)
        first = clerk.desk(LOCATION, 1, "call-next")
        assert first.visit is not None and first.visit.ticket == walk_in.ticket
        clerk.desk(LOCATION, 1, "start")
        clerk.desk(LOCATION, 1, "finish", {"outcome": "resolved"})
        clock.advance(minutes=18)  # 09:58: a new walk-in, due later than the appointment
        later = kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4()))
        clock.advance(minutes=2)
        second = clerk.desk(LOCATION, 1, "call-next")
    assert second.visit is not None and second.visit.ticket == early.ticket != later.ticket


def test_a_late_visitor_follows_the_policy(provisioned: Provisioned) -> None:
    clock = SettableClock(TEN + timedelta(minutes=16))
    with LiveServer(provisioned, clock=clock) as server, server.client("kiosk-1") as kiosk:
        book(server, "LATE-1", TEN)
        book(server, "LATE-2", TEN, service="paspoort-of-id-kaart-aanvragen")
        with pytest.raises(ApiError) as refused:
            kiosk.appointment_check_in(LOCATION, AppointmentCheckInIn(booking_code="LATE-1"),
                                       str(uuid.uuid4()))
        ticket = kiosk.appointment_check_in(
            LOCATION, AppointmentCheckInIn(booking_code="LATE-1", walk_in_if_late=True),
            str(uuid.uuid4()))
        with pytest.raises(ApiError) as required:
            kiosk.appointment_check_in(
                LOCATION, AppointmentCheckInIn(booking_code="LATE-2", walk_in_if_late=True),
                str(uuid.uuid4()))
    assert refused.value.code == "too_late"
    assert ticket.note == "late_walk_in" and ticket.appointment_at is None
    assert required.value.code == "too_late"  # a service that needs an appointment


async def _statuses(write: WriteContext) -> dict[str, str]:
    async with write() as ctx:
        found = (await ctx.session.execute(select(AppointmentRow))).scalars()
        return {row.booking_code: row.status for row in found}


def test_nobody_checked_in_means_no_show_when_the_window_ends(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    with LiveServer(provisioned, clock=SettableClock(TEN - timedelta(minutes=10))) as server, \
            server.client("kiosk-1") as kiosk:
        for code in ("NOSHOW-1", "NOSHOW-2", "NOSHOW-3"):
            book(server, code, TEN)
        book(server, "NOSHOW-4", TEN + timedelta(hours=1))
        kiosk.appointment_check_in(LOCATION, AppointmentCheckInIn(booking_code="NOSHOW-2"),
                                   str(uuid.uuid4()))
        httpx.delete(f"{server.url}/api/v1/appointments/NOSHOW-3",
                     headers={"Authorization": f"Bearer {provisioned.tokens['booking']}"})

    async def mark(write: WriteContext) -> int:
        async with write() as ctx:
            return await appointments.mark_no_shows(ctx)

    assert at(url, mark, TEN + timedelta(minutes=15)) == 0  # the last minute of the window
    assert at(url, mark, TEN + timedelta(minutes=15, seconds=1)) == 1
    assert at(url, mark, TEN + timedelta(minutes=20)) == 0
    assert at(url, _statuses) == {
        "NOSHOW-1": "no_show", "NOSHOW-2": "checked_in", "NOSHOW-3": "cancelled",
        "NOSHOW-4": "booked"}

    async def events(write: WriteContext) -> list[object]:
        async with write() as ctx:
            query = select(EventRow.data).where(EventRow.type == "appointments.no_show")
            return [row["data"] for row in (await ctx.session.execute(query)).scalars()]

    assert at(url, events) == [{"count": 1}]
