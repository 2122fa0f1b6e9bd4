"""Put a kiosk model on each of its screens with realistic content, without a server.

The screen tests walk these stages in every language, mode and orientation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from kiosk.model import Answer, AnswerInfo, HelpState, KioskModel, PrintState, Screen
from tests.kiosk.samples import sample_catalogue, sample_ticket


def _answer(kind: Answer, moment: datetime | None = None, ticket: str = "") -> Callable[
        [KioskModel], None]:
    def stage(model: KioskModel) -> None:
        model.screen = Screen.ANSWER
        model.answer = AnswerInfo(kind, "XK42-77", moment, ticket)
    return stage


def _ticket(state: PrintState, **changes: object) -> Callable[[KioskModel], None]:
    def stage(model: KioskModel) -> None:
        model.screen = Screen.TICKET
        model.ticket = sample_ticket(language=model.language, **changes)  # type: ignore[arg-type]
        model.ticket_key = "k"
        model.print_state = state
    return stage


def _screen(screen: Screen, **fields: object) -> Callable[[KioskModel], None]:
    def stage(model: KioskModel) -> None:
        model.screen = screen
        for name, value in fields.items():
            setattr(model, name, value)
    return stage


def _closed(model: KioskModel) -> None:
    model.catalogue = sample_catalogue(open_=False)
    model.screen = Screen.CLOSED


STAGES: dict[str, Callable[[KioskModel], None]] = {
    "start": _screen(Screen.START),
    "closed": _closed,
    "appointment": _screen(Screen.APPOINTMENT, code="XK42-7"),
    "answer-early": _answer(Answer.EARLY, datetime(2025, 3, 4, 12, 30, tzinfo=UTC)),
    "answer-late": _answer(Answer.LATE),
    "answer-late-rebook": _answer(Answer.LATE_REBOOK),
    "answer-unknown": _answer(Answer.UNKNOWN),
    "answer-cancelled": _answer(Answer.CANCELLED),
    "answer-other-day": _answer(Answer.OTHER_DAY, datetime(2025, 3, 5, 9, 0, tzinfo=UTC)),
    "answer-already": _answer(Answer.ALREADY, ticket="B007"),
    "departments": _screen(Screen.DEPARTMENTS),
    "services": _screen(Screen.SERVICES, department="burgerzaken"),
    "search": _screen(Screen.SEARCH, search_query="ver"),
    "search-none": _screen(Screen.SEARCH, search_query="xyz"),
    "needs-appointment": _screen(Screen.NEEDS_APPOINTMENT,
                                 refused_service="paspoort-aanvragen"),
    "basket": _screen(Screen.BASKET, basket=["verhuizing-doorgeven", "bezoekersparkeren"]),
    "basket-full": _screen(Screen.BASKET, basket=[
        "verhuizing-doorgeven", "bezoekersparkeren", "rijbewijs-ophalen",
        "andere-vraag-weet-ik-niet", "paspoort-aanvragen"]),
    "working": _screen(Screen.WORKING),
    "ticket-printing": _ticket(PrintState.PRINTING),
    "ticket-printed": _ticket(PrintState.PRINTED, position=1, wait=1.0),
    "ticket-failed": _ticket(PrintState.FAILED, note="late_walk_in"),
    "ticket-appointment": _ticket(PrintState.SCREEN_ONLY, appointment_at=datetime(
        2025, 3, 4, 13, 0, tzinfo=UTC)),
    "unreachable": _screen(Screen.UNREACHABLE),
    "help-sent": _screen(Screen.HELP, help_state=HelpState.SENT),
    "help-failed": _screen(Screen.HELP, help_state=HelpState.FAILED),
    "error": _screen(Screen.ERROR),
    "idle-warning": _screen(Screen.SERVICES, department="parkeren", idle_warning=True),
}
