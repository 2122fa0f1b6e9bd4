"""Appointment check-in at the kiosk, on a server whose clock the test sets: on time (scanned
and typed), early, late (with and without a walk-in), unknown, already in, cancelled, and on
another day. Each gets its own answer and a way forward."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from kiosk.model import Answer, PrintState, Screen
from kiosk.window import KioskWindow
from tests.kiosk.conftest import MakeKiosk, kiosk_config, open_desk
from tests.kiosk.helpers import book, scan, screen, tap, wait_for
from tests.printers.fake_printer import FakeNetworkPrinter
from tests.support import LiveServer, Provisioned, SettableClock

pytestmark = pytest.mark.qt

# Wednesday 4 March 2026, 10:00 in Groningen (CET, UTC+1).
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def clocked(provisioned: Provisioned) -> Iterator[LiveServer]:
    with LiveServer(provisioned, clock=SettableClock(NOW)) as live:
        open_desk(live)
        yield live


@pytest.fixture
def window(clocked: LiveServer, make_kiosk: MakeKiosk,
           fake_printer: FakeNetworkPrinter) -> KioskWindow:
    return make_kiosk(kiosk_config(clocked, fake_printer.url))


def answer(window: KioskWindow) -> Answer | None:
    return window.model.answer.kind if window.model.answer else None


def test_scanned_on_time_from_any_screen(qtbot: QtBot, clocked: LiveServer,
                                         window: KioskWindow,
                                         fake_printer: FakeNetworkPrinter) -> None:
    book(clocked, "ONTIME-1", NOW + timedelta(minutes=10), language="tr")
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Parkeren")
    scan(qtbot, window, "ontime-1")
    wait_for(qtbot, window, Screen.TICKET)
    ticket = window.model.ticket
    assert ticket is not None and ticket.appointment_at is not None
    # The booking's language carries over: the visitor did not choose one at the kiosk.
    assert window.model.language == "tr"
    assert "Randevunuz saat 10:10." in window.spoken_text()
    fake_printer.wait_for_payload(ticket.ticket.encode())
    qtbot.waitUntil(lambda: window.model.print_state is PrintState.PRINTED)


def test_typed_on_the_on_screen_keyboard(qtbot: QtBot, clocked: LiveServer,
                                         window: KioskWindow) -> None:
    book(clocked, "TYPED-2", NOW)
    tap(qtbot, window, "Ik heb een afspraak")
    for key in "TYPED-3":
        tap(qtbot, window, key)
    tap(qtbot, window, "Laatste teken wissen")
    tap(qtbot, window, "2")
    assert window.model.code == "TYPED-2"
    tap(qtbot, window, "Inchecken")
    wait_for(qtbot, window, Screen.TICKET)


def test_early_visitor_is_told_when_to_come_back(qtbot: QtBot, clocked: LiveServer,
                                                 window: KioskWindow) -> None:
    book(clocked, "EARLY-1", NOW + timedelta(hours=2))
    scan(qtbot, window, "EARLY-1")
    wait_for(qtbot, window, Screen.ANSWER)
    assert answer(window) is Answer.EARLY
    assert "U kunt inchecken vanaf 11:30 uur" in window.spoken_text()
    tap(qtbot, window, "Klaar")
    assert screen(window) is Screen.START


def test_late_visitor_gets_a_walk_in_ticket(qtbot: QtBot, clocked: LiveServer,
                                            window: KioskWindow) -> None:
    book(clocked, "LATE-1", NOW - timedelta(minutes=20))
    scan(qtbot, window, "LATE-1")
    wait_for(qtbot, window, Screen.ANSWER)
    assert answer(window) is Answer.LATE
    tap(qtbot, window, "Geef mij een nummer")
    wait_for(qtbot, window, Screen.TICKET)
    assert window.model.ticket is not None and window.model.ticket.note == "late_walk_in"
    assert "U was te laat" in window.spoken_text()


def test_late_for_a_service_that_needs_booking_goes_to_a_generalist(
        qtbot: QtBot, clocked: LiveServer, window: KioskWindow) -> None:
    book(clocked, "LATE-2", NOW - timedelta(minutes=20),
         service="paspoort-of-id-kaart-aanvragen")
    scan(qtbot, window, "LATE-2")
    wait_for(qtbot, window, Screen.ANSWER)
    tap(qtbot, window, "Geef mij een nummer")
    qtbot.waitUntil(lambda: answer(window) is Answer.LATE_REBOOK, timeout=10_000)
    tap(qtbot, window, "Nummer voor een medewerker")
    tap(qtbot, window, "Geef mij een nummer")
    wait_for(qtbot, window, Screen.TICKET)


def test_unknown_code_can_be_typed_again(qtbot: QtBot, window: KioskWindow) -> None:
    scan(qtbot, window, "NOPE-404")
    wait_for(qtbot, window, Screen.ANSWER)
    assert answer(window) is Answer.UNKNOWN
    assert "NOPE-404" in window.spoken_text()
    tap(qtbot, window, "Code opnieuw typen")
    assert screen(window) is Screen.APPOINTMENT and window.model.code == ""


def test_second_check_in_gives_the_ticket_again(qtbot: QtBot, clocked: LiveServer,
                                                window: KioskWindow) -> None:
    book(clocked, "TWICE-1", NOW)
    scan(qtbot, window, "TWICE-1")
    wait_for(qtbot, window, Screen.TICKET)
    assert window.model.ticket is not None
    number = window.model.ticket.ticket
    scan(qtbot, window, "TWICE-1")
    wait_for(qtbot, window, Screen.ANSWER)
    assert answer(window) is Answer.ALREADY
    assert f"Uw nummer is {number}" in window.spoken_text()


def test_cancelled_appointment_offers_a_walk_in(qtbot: QtBot, clocked: LiveServer,
                                                window: KioskWindow) -> None:
    book(clocked, "GONE-1", NOW)
    with clocked.client("booking") as booking:
        booking.request("DELETE", "/api/v1/appointments/GONE-1")
    scan(qtbot, window, "GONE-1")
    wait_for(qtbot, window, Screen.ANSWER)
    assert answer(window) is Answer.CANCELLED
    tap(qtbot, window, "Ik heb geen afspraak")
    assert screen(window) is Screen.DEPARTMENTS


def test_appointment_on_another_day(qtbot: QtBot, clocked: LiveServer,
                                    window: KioskWindow) -> None:
    book(clocked, "MORROW-1", NOW + timedelta(days=1, hours=1))
    scan(qtbot, window, "MORROW-1")
    wait_for(qtbot, window, Screen.ANSWER)
    assert answer(window) is Answer.OTHER_DAY
    assert "05-03-2026 om 11:00 uur" in window.spoken_text()
