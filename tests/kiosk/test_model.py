"""The kiosk's state machine, every flow and fault, without Qt or a server."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime

import pytest

from eenloket_wire.messages import AppointmentCheckInIn, WalkInIn
from kiosk.config import KioskConfig
from kiosk.model import (
    Answer,
    AskHelp,
    CheckIn,
    HelpState,
    KioskModel,
    LoadCatalogue,
    PrintState,
    PrintTicket,
    ReportPrinter,
    Screen,
    normalize_booking_code,
)
from tests.kiosk.samples import sample_catalogue, sample_ticket


def make(printer: str = "tcp://127.0.0.1:9100", **config: object) -> KioskModel:
    counter = itertools.count(1)
    model = KioskModel(KioskConfig(printer_url=printer, **config),  # type: ignore[arg-type]
                       new_key=lambda: f"key-{next(counter)}")
    model.catalogue_loaded(sample_catalogue())
    return model


def on(model: KioskModel) -> Screen:
    """The screen shown (a call, so mypy does not narrow it between steps)."""
    return model.screen


def printing(model: KioskModel) -> PrintState:
    return model.print_state


def helping(model: KioskModel) -> HelpState | None:
    return model.help_state


def only_check_in(effects: Sequence[object]) -> CheckIn:
    assert len(effects) == 1 and isinstance(effects[0], CheckIn)
    return effects[0]


def test_walk_in_with_two_questions_prints_one_ticket() -> None:
    model = make()
    assert model.start_walk_in() == []
    assert on(model) is Screen.DEPARTMENTS
    model.choose_department("burgerzaken")
    assert on(model) is Screen.SERVICES
    model.choose_service("verhuizing-doorgeven")
    assert on(model) is Screen.BASKET
    model.add_another()
    model.choose_department("parkeren")
    model.choose_service("bezoekersparkeren")
    request = only_check_in(model.print_walk_in())
    assert isinstance(request.body, WalkInIn)
    assert request.body.services == ["verhuizing-doorgeven", "bezoekersparkeren"]
    assert on(model) is Screen.WORKING
    effects = model.check_in_succeeded(request.key, sample_ticket())
    assert effects == [PrintTicket(sample_ticket(), request.key)]
    assert on(model) is Screen.TICKET and model.print_state is PrintState.PRINTING
    assert model.printed(request.key) == [ReportPrinter("ready")]
    assert printing(model) is PrintState.PRINTED
    assert model.ticket_done() == [LoadCatalogue()]
    assert on(model) is Screen.START and model.basket == [] and model.ticket is None


def test_print_twice_sends_one_request() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    assert len(model.print_walk_in()) == 1
    assert model.print_walk_in() == []


def test_the_same_question_twice_is_kept_once() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    model.add_another()
    model.choose_general()
    assert model.basket == ["andere-vraag-weet-ik-niet"]


def test_at_most_five_questions() -> None:
    model = make()
    model.start_walk_in()
    model.basket = ["a", "b", "c", "d"]
    model.choose_general()
    assert len(model.basket) == 5 and not model.can_add_another


def test_removing_the_last_question_goes_back_to_the_departments() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    model.remove_service("andere-vraag-weet-ik-niet")
    assert on(model) is Screen.DEPARTMENTS and model.basket == []


def test_service_that_needs_an_appointment_offers_a_generalist() -> None:
    model = make()
    model.start_walk_in()
    model.choose_department("burgerzaken")
    model.choose_service("paspoort-aanvragen")
    assert on(model) is Screen.NEEDS_APPOINTMENT
    assert model.refused_service == "paspoort-aanvragen"
    assert model.basket == []
    model.back()
    assert on(model) is Screen.SERVICES
    model.choose_service("paspoort-aanvragen")
    model.choose_general()
    assert model.basket == ["andere-vraag-weet-ik-niet"] and on(model) is Screen.BASKET


def test_server_refusing_for_appointment_shows_the_explanation() -> None:
    model = make()
    model.start_walk_in()
    model.basket = ["paspoort-aanvragen"]
    model.screen = Screen.BASKET
    request = only_check_in(model.print_walk_in())
    model.check_in_refused(request.key, "appointment_required")
    assert on(model) is Screen.NEEDS_APPOINTMENT
    assert model.refused_service == "paspoort-aanvragen"


def test_unreachable_server_retries_with_the_same_key() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    first = only_check_in(model.print_walk_in())
    model.check_in_unreachable(first.key)
    assert on(model) is Screen.UNREACHABLE
    again = only_check_in(model.retry())
    assert again == first
    model.check_in_unreachable(first.key)
    assert only_check_in(model.retry()).key == first.key
    model.check_in_succeeded(first.key, sample_ticket())
    assert on(model) is Screen.TICKET
    # The next visitor gets a fresh key.
    model.ticket_done()
    model.start_walk_in()
    model.choose_general()
    assert only_check_in(model.print_walk_in()).key != first.key


def test_answers_for_another_request_are_ignored() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    request = only_check_in(model.print_walk_in())
    assert model.check_in_succeeded("other", sample_ticket()) == []
    assert model.check_in_refused("other", "too_late") == []
    assert on(model) is Screen.WORKING
    model.check_in_succeeded(request.key, sample_ticket())
    assert model.printed("other") == []
    assert model.print_state is PrintState.PRINTING


def test_printer_fault_keeps_the_ticket_on_screen_and_reports() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    request = only_check_in(model.print_walk_in())
    model.check_in_succeeded(request.key, sample_ticket())
    effects = model.print_failed(request.key, "paper_out", "printer not ready: paper_out")
    assert effects == [ReportPrinter("paper_out", "printer not ready: paper_out")]
    assert on(model) is Screen.TICKET and model.print_state is PrintState.FAILED


def test_kiosk_without_printer_shows_the_ticket_only() -> None:
    model = make(printer="")
    model.start_walk_in()
    model.choose_general()
    request = only_check_in(model.print_walk_in())
    assert model.check_in_succeeded(request.key, sample_ticket()) == []
    assert model.print_state is PrintState.SCREEN_ONLY


def test_appointment_typed_on_screen() -> None:
    model = make()
    model.choose_language("en")
    model.start_appointment()
    for char in "ab-12 3":
        model.type_character(char)
    model.erase_character()
    model.type_character("4")
    assert model.code == "AB-124"
    request = only_check_in(model.submit_code())
    assert request.body == AppointmentCheckInIn(booking_code="AB-124", language="en",
                                                walk_in_if_late=False)


def test_scanned_code_checks_in_from_any_screen_in_the_booking_language() -> None:
    model = make()
    model.start_walk_in()
    model.choose_department("parkeren")
    request = only_check_in(model.scanned("  xk42-77\r"))
    assert isinstance(request.body, AppointmentCheckInIn)
    assert request.body.booking_code == "XK42-77" and request.body.language is None
    model.check_in_succeeded(request.key, sample_ticket(language="tr"))
    assert model.language == "tr"


def test_scan_on_the_ticket_screen_starts_a_new_visitor() -> None:
    model = make()
    model.choose_language("pl")
    model.toggle_mode("high_contrast")
    model.start_walk_in()
    model.choose_general()
    first = only_check_in(model.print_walk_in())
    model.check_in_succeeded(first.key, sample_ticket(language="pl"))
    second = only_check_in(model.scanned("ZZ99"))
    assert second.key != first.key
    assert model.ticket is None and model.modes.high_contrast is False
    assert model.language == "nl"


def test_scan_while_waiting_for_the_server_is_ignored() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    model.print_walk_in()
    assert model.scanned("ABCD") == []


@pytest.mark.parametrize(("raw", "code"), [
    ("abc-123", "ABC-123"), (" AB C1 ", "ABC1"),
    ("https://afspraak.example.nl/c/QW12-ER?x=1", "QW12-ER"), ("ü!?", ""),
])
def test_booking_code_normalisation(raw: str, code: str) -> None:
    assert normalize_booking_code(raw) == code


def test_too_short_code_is_answered_without_asking_the_server() -> None:
    model = make()
    model.start_appointment()
    model.type_character("A")
    assert model.submit_code() == []
    assert on(model) is Screen.ANSWER and model.answer is not None
    assert model.answer.kind is Answer.UNKNOWN


@pytest.mark.parametrize(("code", "data", "kind"), [
    ("unknown_booking", {}, Answer.UNKNOWN),
    ("appointment_cancelled", {}, Answer.CANCELLED),
    ("too_early", {"check_in_from": "2025-03-04T13:30:00+01:00",
                   "starts_at": "2025-03-04T14:00:00+01:00"}, Answer.EARLY),
    ("other_day", {"starts_at": "2025-03-05T10:00:00+00:00"}, Answer.OTHER_DAY),
    ("already_checked_in", {"ticket": "B007"}, Answer.ALREADY),
    ("too_late", {}, Answer.LATE),
])
def test_appointment_answers(code: str, data: dict[str, str], kind: Answer) -> None:
    model = make()
    request = only_check_in(model.scanned("ABCD-1"))
    model.check_in_refused(request.key, code, data)
    assert on(model) is Screen.ANSWER and model.answer is not None
    assert model.answer.kind is kind and model.answer.code == "ABCD-1"
    if kind is Answer.EARLY:
        assert model.answer.moment == datetime.fromisoformat("2025-03-04T13:30:00+01:00")
    if kind is Answer.ALREADY:
        assert model.answer.ticket == "B007"


def test_late_visitor_takes_a_walk_in_ticket() -> None:
    model = make()
    request = only_check_in(model.scanned("LATE-1"))
    model.check_in_refused(request.key, "too_late")
    assert model.answer is not None and model.answer.kind is Answer.LATE
    late = only_check_in(model.late_walk_in())
    assert late.key != request.key
    assert late.body == AppointmentCheckInIn(booking_code="LATE-1", walk_in_if_late=True)
    model.check_in_succeeded(late.key, sample_ticket(note="late_walk_in"))
    assert on(model) is Screen.TICKET


def test_late_for_a_service_that_needs_booking_offers_a_generalist() -> None:
    model = make()
    request = only_check_in(model.scanned("LATE-2"))
    model.check_in_refused(request.key, "too_late")
    late = only_check_in(model.late_walk_in())
    model.check_in_refused(late.key, "too_late")
    assert model.answer is not None and model.answer.kind is Answer.LATE_REBOOK
    assert model.late_walk_in() == []
    model.choose_general()
    assert model.basket == ["andere-vraag-weet-ik-niet"]


def test_policy_without_late_walk_in() -> None:
    model = make(walk_in_if_late=False)
    request = only_check_in(model.scanned("LATE-3"))
    model.check_in_refused(request.key, "too_late")
    assert model.answer is not None and model.answer.kind is Answer.LATE_REBOOK


def test_unexpected_refusal_shows_the_error_screen() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    request = only_check_in(model.print_walk_in())
    model.check_in_refused(request.key, "tickets_exhausted")
    assert on(model) is Screen.ERROR
    model.back()
    assert on(model) is Screen.START


def test_unknown_service_reloads_the_catalogue() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    request = only_check_in(model.print_walk_in())
    assert model.check_in_refused(request.key, "unknown_service") == [LoadCatalogue()]
    model.catalogue_loaded(sample_catalogue())
    assert on(model) is Screen.DEPARTMENTS and model.basket == []


def test_hall_closed_shows_the_hours_and_reopens() -> None:
    model = make()
    model.catalogue_loaded(sample_catalogue(open_=False))
    assert on(model) is Screen.CLOSED
    model.start_walk_in()
    assert on(model) is Screen.CLOSED
    model.catalogue_loaded(sample_catalogue(open_=True))
    assert on(model) is Screen.START


def test_closed_hall_still_checks_in_appointments() -> None:
    model = make()
    model.catalogue_loaded(sample_catalogue(open_=False))
    model.start_appointment()
    assert on(model) is Screen.APPOINTMENT
    model.back()
    assert on(model) is Screen.CLOSED


def test_walk_in_before_the_catalogue_arrived() -> None:
    model = KioskModel(KioskConfig())
    assert model.start_walk_in() == [LoadCatalogue()]
    assert on(model) is Screen.WORKING
    model.catalogue_failed()
    assert on(model) is Screen.UNREACHABLE
    assert model.retry() == [LoadCatalogue()]
    model.catalogue_loaded(sample_catalogue())
    assert on(model) is Screen.DEPARTMENTS


def test_help_from_any_screen_and_back() -> None:
    model = make()
    model.start_walk_in()
    model.choose_department("parkeren")
    assert model.ask_help() == [AskHelp("nl")]
    assert on(model) is Screen.HELP and model.help_state is HelpState.SENDING
    model.help_sent()
    assert helping(model) is HelpState.SENT
    model.back()
    assert on(model) is Screen.SERVICES
    model.ask_help()
    model.help_failed()
    assert helping(model) is HelpState.FAILED


def test_idle_warning_then_back_to_start() -> None:
    model = make()
    model.choose_language("ar")
    model.toggle_mode("large_text")
    model.start_walk_in()
    model.choose_general()
    model.idle()
    assert model.idle_warning
    model.more_time()
    assert not model.idle_warning
    assert model.idle_expired() == []
    model.idle()
    assert model.idle_expired() == [LoadCatalogue()]
    assert on(model) is Screen.START and model.basket == []
    assert model.language == "nl" and model.modes.large_text is False
    assert model.at_rest and not model.idle_applies


def test_idle_does_not_interrupt_the_server_or_the_ticket() -> None:
    model = make()
    model.start_walk_in()
    model.choose_general()
    request = only_check_in(model.print_walk_in())
    model.idle()
    assert not model.idle_warning
    model.check_in_succeeded(request.key, sample_ticket())
    model.idle()
    assert not model.idle_warning


def test_start_screen_with_a_chosen_language_is_not_at_rest() -> None:
    model = make()
    model.choose_language("uk")
    assert model.idle_applies
    model.choose_language("xx")
    assert model.language == "uk"


def test_modes_toggle() -> None:
    model = make()
    for name in ("read_aloud", "high_contrast", "large_text", "low_reach"):
        model.toggle_mode(name)
        assert getattr(model.modes, name)
    with pytest.raises(ValueError, match="unknown mode"):
        model.toggle_mode("loud")


def test_search_finds_in_both_languages() -> None:
    model = make()
    model.start_walk_in()
    model.open_search()
    model.set_search("verhuiz")
    assert [f.service.code for f in model.search_results()] == ["verhuizing-doorgeven"]
    model.set_search("PARKING")
    assert [f.service.code for f in model.search_results()] == ["bezoekersparkeren"]
    model.set_search("")
    assert model.search_results() == []


def test_back_navigation() -> None:
    model = make()
    model.start_walk_in()
    model.open_search()
    model.back()
    assert on(model) is Screen.DEPARTMENTS
    model.back()
    assert on(model) is Screen.START
    model.start_walk_in()
    model.choose_general()
    model.back()
    assert on(model) is Screen.DEPARTMENTS
    model.back()
    assert on(model) is Screen.BASKET
