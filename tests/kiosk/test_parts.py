"""The kiosk's smaller parts: scanner input, colours, pictograms, speech, the printer
adapter against the fake network printer, and the command's failure paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eenloket_i18n import LANGUAGES, translate
from kiosk import pictograms
from kiosk.app import fallback, main
from kiosk.config import KioskConfig
from kiosk.model import Screen
from kiosk.printing import KioskPrinter, ticket_content
from kiosk.qt import QByteArray, QSvgRenderer
from kiosk.scanner import WedgeBuffer
from kiosk.speech import Speaker
from kiosk.theme import HIGH_CONTRAST, NORMAL, contrast
from kiosk.window import KioskWindow
from tests.kiosk.samples import sample_ticket
from tests.printers.fake_printer import Condition, FakeNetworkPrinter


def test_scanner_code_ends_with_enter() -> None:
    buffer = WedgeBuffer(max_gap_ms=100)
    for index, char in enumerate("AB-12"):
        buffer.key(char, 1000 + index * 5)
    assert buffer.enter(1030) == "AB-12"
    assert buffer.enter(1031) is None


def test_scanner_drops_a_stray_key_long_before() -> None:
    buffer = WedgeBuffer(max_gap_ms=100)
    buffer.key("x", 0)
    for index, char in enumerate("CODE"):
        buffer.key(char, 5000 + index)
    assert buffer.enter(5010) == "CODE"
    buffer.key("y", 6000)
    assert buffer.enter(9000) is None


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high"])
def test_every_text_colour_has_at_least_seven_to_one(palette: object) -> None:
    pairs = palette.pairs()  # type: ignore[attr-defined]
    for name, (foreground, background) in pairs.items():
        assert contrast(foreground, background) >= 7.0, name
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)


@pytest.mark.qt
@pytest.mark.parametrize("name", sorted(pictograms.names()))
def test_pictograms_are_valid_svg(qtbot: QtBot, name: str) -> None:
    assert QSvgRenderer(QByteArray(pictograms.svg(name, "#111820"))).isValid()


def test_unknown_pictogram_is_the_question_mark() -> None:
    assert pictograms.svg("unicorn", "#000") == pictograms.svg("question", "#000")


@pytest.mark.qt
def test_speaker_says_and_remembers(qtbot: QtBot) -> None:
    speaker = Speaker("mock")
    speaker.say("Uw nummer is: A, 0, 0, 1.", "nl")
    speaker.say("مرحبا", "ar")
    assert speaker.history[-2:] == [("nl", "Uw nummer is: A, 0, 0, 1."), ("ar", "مرحبا")]
    speaker.stop()


@pytest.mark.qt
def test_speaker_without_engine_stays_silent(qtbot: QtBot) -> None:
    speaker = Speaker("no-such-engine")
    speaker.say("Hallo", "nl")
    assert speaker.history == [("nl", "Hallo")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_ticket_content_from_the_server_answer(language: str) -> None:
    content = ticket_content(sample_ticket(language=language, position=2), "Europe/Amsterdam")
    assert content.ticket_number == "B001" and content.language == language
    assert content.municipality == translate("common.municipality", language)
    expected = "Verhuizing doorgeven" if language == "nl" else "Report a move"
    assert content.services == (expected,)
    assert content.position == 2


def test_printer_adapter_prints_and_reports_conditions() -> None:
    with FakeNetworkPrinter() as fake:
        printer = KioskPrinter(f"{fake.url}?connect_timeout=1&write_timeout=2",
                               "Europe/Amsterdam")
        try:
            assert printer.print_ticket(sample_ticket()).ok
            fake.wait_for_payload(b"B001")
            assert printer.status() == "ready"
            fake.condition = Condition.PAPER_OUT
            outcome = printer.print_ticket(sample_ticket("B002"))
            assert (outcome.ok, outcome.status) == (False, "paper_out")
            fake.condition = Condition.REFUSED
            assert printer.status() == "offline"
            outcome = printer.print_ticket(sample_ticket("B003"))
            assert (outcome.ok, outcome.status) == (False, "offline")
            fake.condition = Condition.READY
            assert printer.print_ticket(sample_ticket("B004")).ok
            fake.wait_for_payload(b"B004")
        finally:
            printer.close()


def test_printer_adapter_with_a_broken_url() -> None:
    printer = KioskPrinter("carrier-pigeon://loft", "Europe/Amsterdam")
    outcome = printer.print_ticket(sample_ticket())
    assert (outcome.ok, outcome.status) == (False, "unknown")
    assert printer.status() == "offline"


def test_command_refuses_a_bad_configuration(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "kiosk.toml"
    bad.write_text('orientation = "diagonal"\n', encoding="utf-8")
    assert main(["--config", str(bad)]) == 2
    monkeypatch.setenv("EENLOKET_KIOSK_DPI", "zero")
    assert main(["--config", str(tmp_path / "missing.toml")]) == 2


@pytest.mark.qt
def test_an_unexpected_error_sends_the_visitor_back_to_the_start(qtbot: QtBot) -> None:
    window = KioskWindow(KioskConfig(server_url="http://127.0.0.1:9", speech_engine="mock",
                                     fullscreen=False), start=False)
    qtbot.addWidget(window)
    window.controller.act(window.model.start_appointment)
    hook = fallback(window)
    try:
        raise RuntimeError("a bug")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert window.model.screen is Screen.START
