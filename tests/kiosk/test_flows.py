"""Every visitor flow end to end: the real window, the real queue server on loopback, the fake
network printer. Faults included: printer out of paper or gone, server unreachable."""

from __future__ import annotations

import uuid

import pytest
from pytestqt.qtbot import QtBot

from eenloket_wire.messages import WalkInIn
from kiosk.model import PrintState, Screen
from kiosk.qt import Qt
from tests.kiosk.conftest import MakeKiosk, kiosk_config, open_desk
from tests.kiosk.helpers import events, screen, tap, wait_for, wait_quiet
from tests.printers.fake_printer import Condition, FakeNetworkPrinter
from tests.support import LOCATION, LiveServer

pytestmark = pytest.mark.qt


def test_walk_in_with_two_questions_prints_one_ticket(
        qtbot: QtBot, server: LiveServer, fake_printer: FakeNetworkPrinter,
        make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server, fake_printer.url))
    assert screen(window) is Screen.START
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Burgerzaken")
    tap(qtbot, window, "Verhuizing doorgeven")
    assert screen(window) is Screen.BASKET
    tap(qtbot, window, "Nog een vraag toevoegen")
    tap(qtbot, window, "Parkeren")
    tap(qtbot, window, "Bezoekersparkeren")
    tap(qtbot, window, "Geef mij een nummer")
    wait_for(qtbot, window, Screen.TICKET)
    ticket = window.model.ticket
    assert ticket is not None and ticket.ticket == "B001"
    assert [s.code for s in ticket.services] == ["verhuizing-doorgeven", "bezoekersparkeren"]
    fake_printer.wait_for_payload(b"B001")
    qtbot.waitUntil(lambda: window.model.print_state is PrintState.PRINTED)
    tap(qtbot, window, "Klaar")
    wait_for(qtbot, window, Screen.START)
    assert window.model.ticket is None


def test_other_question_always_reaches_a_generalist(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Andere vraag / Ik weet het niet")
    tap(qtbot, window, "Geef mij een nummer")
    wait_for(qtbot, window, Screen.TICKET)
    assert window.model.ticket is not None and window.model.ticket.ticket.startswith("A")
    assert window.model.print_state is PrintState.SCREEN_ONLY


def test_service_that_needs_an_appointment_still_offers_a_generalist(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Burgerzaken")
    tap(qtbot, window, "Paspoort of ID-kaart aanvragen")
    assert screen(window) is Screen.NEEDS_APPOINTMENT
    assert "gemeente.groningen.nl/afspraak" in window.spoken_text()
    tap(qtbot, window, "Nummer voor een medewerker")
    tap(qtbot, window, "Geef mij een nummer")
    wait_for(qtbot, window, Screen.TICKET)
    assert window.model.ticket is not None
    assert [s.code for s in window.model.ticket.services] == ["andere-vraag-weet-ik-niet"]


def test_search_with_the_on_screen_keyboard(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Zoeken")
    for key in "GROF":
        tap(qtbot, window, key)
    assert window.model.search_query == "grof"
    tap(qtbot, window, "Grofvuil ophalen")
    assert window.model.basket == ["grofvuil-ophalen"]


def test_printer_out_of_paper_shows_and_reads_the_ticket_and_reports(
        qtbot: QtBot, server: LiveServer, fake_printer: FakeNetworkPrinter,
        make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    fake_printer.condition = Condition.PAPER_OUT
    window = make_kiosk(kiosk_config(server, fake_printer.url))
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Andere vraag")
    tap(qtbot, window, "Geef mij een nummer")
    qtbot.waitUntil(lambda: window.model.print_state is PrintState.FAILED, timeout=10_000)
    assert screen(window) is Screen.TICKET
    language, said = window.speaker.history[-1]
    assert language == "nl" and "A, 0, 0, 1" in said and "printer werkt nu niet" in said
    wait_quiet(qtbot, window)
    reported = [e.data for e in events(server) if e.type == "device.printer"]
    assert reported[-1] == {"device": "kiosk-1", "printer": "paper_out"}
    # The ticket stays longer on screen when it was not printed.
    assert window.controller.ticket_timer.interval() == 90_000


def test_printer_gone_is_reported_offline(
        qtbot: QtBot, server: LiveServer, fake_printer: FakeNetworkPrinter,
        make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    fake_printer.condition = Condition.REFUSED
    window = make_kiosk(kiosk_config(server, fake_printer.url))
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Andere vraag")
    tap(qtbot, window, "Geef mij een nummer")
    qtbot.waitUntil(lambda: window.model.print_state is PrintState.FAILED, timeout=10_000)
    wait_quiet(qtbot, window)
    reported = [e.data["printer"] for e in events(server) if e.type == "device.printer"]
    assert reported == ["offline"]
    # Back in service: the next ticket prints and the printer is reported ready again.
    fake_printer.condition = Condition.READY
    tap(qtbot, window, "Klaar")
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Andere vraag")
    tap(qtbot, window, "Geef mij een nummer")
    qtbot.waitUntil(lambda: window.model.print_state is PrintState.PRINTED, timeout=10_000)
    fake_printer.wait_for_payload(b"A002")
    wait_quiet(qtbot, window)
    reported = [e.data["printer"] for e in events(server) if e.type == "device.printer"]
    assert reported == ["offline", "ready"]


def test_unreachable_server_retries_with_the_same_key_and_one_ticket(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Andere vraag")
    server.stop()
    tap(qtbot, window, "Geef mij een nummer")
    wait_for(qtbot, window, Screen.UNREACHABLE)
    assert window.model.pending is not None
    key = window.model.pending.key
    assert "U krijgt nooit twee nummers" in window.spoken_text()
    tap(qtbot, window, "Probeer opnieuw")
    wait_for(qtbot, window, Screen.UNREACHABLE)
    assert window.model.pending is not None and window.model.pending.key == key
    server.start()
    tap(qtbot, window, "Probeer opnieuw")
    wait_for(qtbot, window, Screen.TICKET)
    assert window.model.ticket is not None
    first = window.model.ticket.ticket
    # Had an answer been lost on the way, the same key gets the same ticket, not a second.
    with server.client("kiosk-1") as kiosk:
        again = kiosk.walk_in(LOCATION, WalkInIn(services=["andere-vraag-weet-ik-niet"]), key)
        other = kiosk.walk_in(LOCATION, WalkInIn(services=["andere-vraag-weet-ik-niet"]),
                              str(uuid.uuid4()))
    assert again.ticket == first
    assert other.ticket != first


def test_hall_closed_shows_the_opening_hours(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    window = make_kiosk(kiosk_config(server))
    wait_for(qtbot, window, Screen.CLOSED)
    said = window.spoken_text()
    assert "De balies zijn nu dicht" in said and "maandag: 08:30 tot 17:00 uur" in said
    open_desk(server)
    window.controller.refresh()
    wait_for(qtbot, window, Screen.START)


def test_help_alerts_the_floor_host(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "English")
    tap(qtbot, window, "I need help")
    qtbot.waitUntil(lambda: "A staff member is coming" in window.spoken_text())
    helps = [e.data for e in events(server) if e.type == "help.requested"]
    assert helps == [{"device": "kiosk-1", "language": "en"}]
    tap(qtbot, window, "Back")
    assert screen(window) is Screen.START
    server.stop()
    tap(qtbot, window, "I need help")
    qtbot.waitUntil(lambda: "We cannot call anyone" in window.spoken_text(), timeout=10_000)


def test_idle_warning_more_time_then_back_to_start(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "Polski")
    tap(qtbot, window, "Nie mam umówionej wizyty")
    assert window.controller.idle_timer.isActive()
    window.controller.idle_timer.timeout.emit()
    assert window.overlay is not None and window.model.idle_warning
    assert window.controller.warning_timer.isActive()
    tap(qtbot, window, "Potrzebuję więcej czasu")
    assert window.overlay is None and screen(window) is Screen.DEPARTMENTS
    window.controller.idle_timer.timeout.emit()
    window.controller.warning_timer.timeout.emit()
    assert screen(window) is Screen.START and window.model.language == "nl"
    assert not window.controller.idle_timer.isActive()


def test_ticket_returns_to_the_start_by_itself(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "Ik heb geen afspraak")
    tap(qtbot, window, "Andere vraag")
    tap(qtbot, window, "Geef mij een nummer")
    wait_for(qtbot, window, Screen.TICKET)
    assert window.controller.ticket_timer.isActive()
    assert window.controller.ticket_timer.interval() == 20_000
    window.controller.ticket_timer.timeout.emit()
    assert screen(window) is Screen.START


def test_arabic_is_right_to_left_and_read_aloud(
        qtbot: QtBot, server: LiveServer, make_kiosk: MakeKiosk) -> None:
    open_desk(server)
    window = make_kiosk(kiosk_config(server))
    tap(qtbot, window, "العربية")
    assert window.layoutDirection() is Qt.LayoutDirection.RightToLeft
    tap(qtbot, window, "القراءة بصوت عالٍ")
    assert window.model.modes.read_aloud
    language, said = window.speaker.history[-1]
    assert language == "ar" and "لماذا أتيت اليوم؟" in said
    tap(qtbot, window, "Nederlands")
    assert window.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert window.speaker.history[-1][0] == "nl"
