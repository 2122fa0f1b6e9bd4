"""Check-in through the real server: walk-ins, appointments, idempotency, clear errors."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from eenloket_wire.client import ApiError, Client
from eenloket_wire.messages import AppointmentCheckInIn, WalkInIn
from tests.support import LOCATION, LiveServer, Provisioned, SettableClock

AMS = ZoneInfo("Europe/Amsterdam")
TEN_THIRTY = datetime(2026, 11, 30, 10, 30, tzinfo=AMS)


def key() -> str:
    return str(uuid.uuid4())


def test_a_retried_check_in_returns_the_original_ticket(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk:
        k = key()
        first = kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), k)
        again = kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), k)
        other = kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), key())
    assert again == first
    assert (first.ticket, other.ticket) == ("B001", "B002")


def test_tickets_count_per_letter_and_carry_no_name(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk:
        parking = kiosk.walk_in(LOCATION, WalkInIn(services=["bezoekersparkeren"]), key())
        tax = kiosk.walk_in(LOCATION, WalkInIn(services=["kwijtschelding-aanvragen"],
                                               language="ar"), key())
        waste = kiosk.walk_in(LOCATION, WalkInIn(services=["grofvuil-ophalen",
                                                           "gevonden-voorwerpen"]), key())
    assert (parking.ticket, tax.ticket, waste.ticket) == ("P001", "F001", "A001")
    assert tax.language == "ar"
    assert [s.code for s in waste.services] == ["grofvuil-ophalen", "gevonden-voorwerpen"]
    assert tax.status_url.startswith(server.url + "/v/")
    assert len(tax.status_url.rsplit("/", 1)[1]) >= 32
    assert "name" not in tax.model_dump()


def test_a_service_that_needs_an_appointment_is_refused_with_a_reason(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, pytest.raises(ApiError) as caught:
        kiosk.walk_in(LOCATION, WalkInIn(services=["naturalisatie"]), key())
    assert (caught.value.status, caught.value.code) == (409, "appointment_required")
    assert "general desk" in caught.value.detail


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"services": ["no-such-service"]}, 400, "unknown_service"),
        ({"services": ["uittreksel-brp", "uittreksel-brp"]}, 400, "duplicate_service"),
        ({"services": []}, 422, "invalid"),
        ({"services": ["uittreksel-brp"], "language": "xx"}, 422, "invalid"),
        ({"services": ["uittreksel-brp"], "surprise": 1}, 422, "invalid"),
    ],
)
def test_bad_check_ins_get_clear_errors_and_no_ticket(
    server: LiveServer, body: dict[str, object], status: int, code: str
) -> None:
    with server.client("kiosk-1") as kiosk:
        with pytest.raises(ApiError) as caught:
            kiosk.request("POST", f"/api/v1/locations/{LOCATION}/check-in/walk-in", json=body)
        assert (caught.value.status, caught.value.code) == (status, code)
        assert caught.value.detail
        ticket = kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), key())
    assert ticket.ticket == "B001", "a refused check-in must not use up a number"


def test_a_kiosk_checks_in_only_at_its_own_location(server: LiveServer) -> None:
    with server.client("haren-kiosk") as kiosk, pytest.raises(ApiError) as caught:
        kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), key())
    assert (caught.value.status, caught.value.code) == (403, "wrong_location")


def test_unknown_location_is_404(server: LiveServer) -> None:
    with server.clerk() as clerk, pytest.raises(ApiError) as caught:
        clerk.catalogue("atlantis")
    assert caught.value.status == 404


def test_catalogue_lists_every_department_with_waits(server: LiveServer) -> None:
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        clerk.desk(LOCATION, 1, "open")
        catalogue = kiosk.catalogue(LOCATION)
    assert catalogue.open
    services = {s.code: s for d in catalogue.departments for s in d.services}
    assert len(services) == 29
    assert services["naturalisatie"].appointment == "required"
    assert services["uittreksel-brp"].expected_wait_minutes is not None
    assert services["naturalisatie"].expected_wait_minutes is None, "no open desk has migratie"


# --- appointments ------------------------------------------------------------------------


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(TEN_THIRTY.astimezone(ZoneInfo("UTC")))


@pytest.fixture
def timed_server(provisioned: Provisioned, clock: SettableClock) -> Iterator[LiveServer]:
    with LiveServer(provisioned, clock=clock) as live:
        yield live


def book(client: Client, code: str, at: datetime, service: str = "paspoort-of-id-kaart-aanvragen",
         name: str = "Jan Jansen") -> None:
    client.request("POST", "/api/v1/appointments", json={
        "booking_code": code, "location": LOCATION, "service": service,
        "starts_at": at.isoformat(), "name": name, "language": "en",
    })


def check_in(kiosk: Client, code: str, late_walk_in: bool = False) -> object:
    return kiosk.appointment_check_in(
        LOCATION, AppointmentCheckInIn(booking_code=code, walk_in_if_late=late_walk_in), key()
    )


@pytest.mark.parametrize(
    ("offset_minutes", "outcome"),
    [(-31, "too_early"), (-30, "ok"), (0, "ok"), (15, "ok"), (16, "too_late")],
)
def test_the_check_in_window_runs_from_30_early_to_15_late(
    timed_server: LiveServer, clock: SettableClock, offset_minutes: int, outcome: str
) -> None:
    with timed_server.client("booking") as booking, timed_server.client("kiosk-1") as kiosk:
        book(booking, "ABC-123", TEN_THIRTY)
        clock.now = (TEN_THIRTY + timedelta(minutes=offset_minutes)).astimezone(ZoneInfo("UTC"))
        if outcome == "ok":
            ticket = kiosk.appointment_check_in(
                LOCATION, AppointmentCheckInIn(booking_code="abc-123"), key())
            assert ticket.appointment_at == TEN_THIRTY
            assert ticket.language == "en", "the booking's language is the default"
        else:
            with pytest.raises(ApiError) as caught:
                check_in(kiosk, "ABC-123")
            assert (caught.value.status, caught.value.code) == (409, outcome)


def test_late_for_an_optional_service_can_become_a_walk_in(
    timed_server: LiveServer, clock: SettableClock
) -> None:
    with timed_server.client("booking") as booking, timed_server.client("kiosk-1") as kiosk:
        book(booking, "LATE-1", TEN_THIRTY, service="verhuizing-doorgeven")
        book(booking, "LATE-2", TEN_THIRTY)
        clock.advance(minutes=40)
        ticket = kiosk.appointment_check_in(
            LOCATION, AppointmentCheckInIn(booking_code="LATE-1", walk_in_if_late=True), key())
        assert ticket.note == "late_walk_in" and ticket.appointment_at is None
        with pytest.raises(ApiError) as again:
            check_in(kiosk, "LATE-1", late_walk_in=True)
        assert again.value.data == {"ticket": ticket.ticket}, "one late ticket per booking"
        with pytest.raises(ApiError) as caught:
            check_in(kiosk, "LATE-2", late_walk_in=True)
        assert caught.value.code == "too_late", "a required appointment cannot become a walk-in"


def test_unknown_cancelled_twice_and_other_day(timed_server: LiveServer) -> None:
    with timed_server.client("booking") as booking, timed_server.client("kiosk-1") as kiosk:
        book(booking, "TWICE-1", TEN_THIRTY)
        book(booking, "GONE-1", TEN_THIRTY)
        book(booking, "MONDAY-1", TEN_THIRTY + timedelta(days=1))
        booking.request("DELETE", "/api/v1/appointments/GONE-1")
        first = kiosk.appointment_check_in(
            LOCATION, AppointmentCheckInIn(booking_code="TWICE-1"), key())
        for code, expected in (("NOPE-404", "unknown_booking"), ("GONE-1", "appointment_cancelled"),
                               ("TWICE-1", "already_checked_in"), ("MONDAY-1", "other_day")):
            with pytest.raises(ApiError) as caught:
                check_in(kiosk, code)
            assert caught.value.code == expected
        with pytest.raises(ApiError) as caught:
            check_in(kiosk, "TWICE-1")
        assert first.ticket in caught.value.detail


def test_the_desk_sees_the_name_only_after_calling(timed_server: LiveServer) -> None:
    with timed_server.client("booking") as booking, timed_server.client("kiosk-1") as kiosk, \
            timed_server.clerk() as clerk:
        book(booking, "NAME-1", TEN_THIRTY, name="Fatima el Amrani")
        clerk.desk(LOCATION, 1, "open")
        kiosk.appointment_check_in(LOCATION, AppointmentCheckInIn(booking_code="NAME-1"), key())
        before = clerk.desk(LOCATION, 1)
        assert before.visit is None and "Fatima" not in before.model_dump_json()
        called = clerk.desk(LOCATION, 1, "call-next")
    assert called.visit is not None and called.visit.visitor_name == "Fatima el Amrani"
    assert called.visit.is_appointment


def test_refusals_carry_their_particulars(timed_server: LiveServer) -> None:
    with timed_server.client("booking") as booking, timed_server.client("kiosk-1") as kiosk:
        book(booking, "EARLY-1", TEN_THIRTY + timedelta(hours=2))
        book(booking, "TWICE-2", TEN_THIRTY)
        with pytest.raises(ApiError) as early:
            check_in(kiosk, "EARLY-1")
        first = kiosk.appointment_check_in(
            LOCATION, AppointmentCheckInIn(booking_code="TWICE-2"), key())
        with pytest.raises(ApiError) as again:
            check_in(kiosk, "TWICE-2")
    assert datetime.fromisoformat(early.value.data["check_in_from"]) == (
        TEN_THIRTY + timedelta(hours=1, minutes=30))
    assert again.value.data == {"ticket": first.ticket}
