"""The kiosk without Qt: its screens and the moves between them, as a state machine.

Each method is something that happened (the visitor tapped, the server answered, a timer
ran out). It changes the state and returns the :data:`Effect` values the application must
carry out (ask the server, print, report the printer). Results come back as further method
calls. Nothing here waits, reads a clock or does I/O, so every flow is tested in
microseconds; the widgets only draw the state and forward taps.

A check-in keeps its Idempotency-Key until it has a definite answer: retrying after the
server was unreachable sends the same key, so no visitor ever gets two tickets.
"""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from eenloket_wire.messages import AppointmentCheckInIn, CatalogueOut, TicketOut, WalkInIn
from kiosk import catalogue as cat
from kiosk.config import KioskConfig

MAX_SERVICES = 5
"""One visit carries at most this many questions (the server's limit)."""
MAX_CODE_LENGTH = 40
MIN_CODE_LENGTH = 4
_CODE_CHARS = re.compile(r"[^A-Z0-9-]")


class Screen(enum.Enum):
    START = "start"
    CLOSED = "closed"
    APPOINTMENT = "appointment"
    """Scan or type the booking code."""
    ANSWER = "answer"
    """An appointment could not be checked in as it is: why, and the way forward."""
    DEPARTMENTS = "departments"
    SERVICES = "services"
    SEARCH = "search"
    NEEDS_APPOINTMENT = "needs_appointment"
    BASKET = "basket"
    """The questions of this visit so far; print the ticket or add another question."""
    WORKING = "working"
    TICKET = "ticket"
    UNREACHABLE = "unreachable"
    HELP = "help"
    ERROR = "error"
    """Something unexpected: a staff member helps."""


class Answer(enum.Enum):
    EARLY = "early"
    LATE = "late"
    """Too late for the appointment, but a walk-in ticket is possible."""
    LATE_REBOOK = "late_rebook"
    """Too late, and the service cannot be done without a new appointment."""
    UNKNOWN = "unknown"
    CANCELLED = "cancelled"
    OTHER_DAY = "other_day"
    ALREADY = "already"


class PrintState(enum.Enum):
    NONE = "none"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"
    SCREEN_ONLY = "screen_only"
    """The kiosk has no printer: the ticket is on screen only, and that is no fault."""


class HelpState(enum.Enum):
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Modes:
    high_contrast: bool = False
    large_text: bool = False
    low_reach: bool = False
    read_aloud: bool = False


MODE_NAMES = ("read_aloud", "high_contrast", "large_text", "low_reach")


# --- effects: what the application must do -----------------------------------------------

@dataclass(frozen=True, slots=True)
class LoadCatalogue:
    pass


@dataclass(frozen=True, slots=True)
class CheckIn:
    body: WalkInIn | AppointmentCheckInIn
    key: str


@dataclass(frozen=True, slots=True)
class PrintTicket:
    ticket: TicketOut
    key: str


@dataclass(frozen=True, slots=True)
class ReportPrinter:
    status: str
    """One of the server's printer states: ready, paper_out, offline …"""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class AskHelp:
    language: str


Effect = LoadCatalogue | CheckIn | PrintTicket | ReportPrinter | AskHelp


@dataclass(frozen=True, slots=True)
class AnswerInfo:
    kind: Answer
    code: str = ""
    moment: datetime | None = None
    """The appointment's time or the earliest check-in, when the server said it."""
    ticket: str = ""


def normalize_booking_code(raw: str) -> str:
    """A booking code as typed or scanned: upper case, no spaces; a scanned link's last
    part (confirmation QR codes may hold a link that ends in the code)."""
    text = raw.strip()
    if "://" in text:
        text = text.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return _CODE_CHARS.sub("", text.upper())[:MAX_CODE_LENGTH]


def _moment(text: str) -> datetime | None:
    """An ISO time from the server, or None (the screen then says it in general words)."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@dataclass
class KioskModel:
    """One kiosk's state. Create it with the configuration; feed it what happens."""

    config: KioskConfig
    new_key: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    screen: Screen = Screen.START
    language: str = ""
    language_chosen: bool = False
    modes: Modes = field(default_factory=Modes)
    catalogue: CatalogueOut | None = None
    department: str | None = None
    """The department whose services are shown."""
    basket: list[str] = field(default_factory=list)
    """Service codes of this visit, in the order chosen."""
    refused_service: str | None = None
    """The service that needs an appointment (NEEDS_APPOINTMENT)."""
    search_query: str = ""
    code: str = ""
    answer: AnswerInfo | None = None
    pending: CheckIn | None = None
    """The check-in under way or to retry; its key is reused until a definite answer."""
    waiting_for_catalogue: bool = False
    ticket: TicketOut | None = None
    ticket_key: str = ""
    print_state: PrintState = PrintState.NONE
    help_state: HelpState | None = None
    help_return: Screen = Screen.START
    error_return: Screen = Screen.START
    idle_warning: bool = False

    def __post_init__(self) -> None:
        self.language = self.language or self.config.default_language

    # --- the visitor's session ----------------------------------------------------------

    @property
    def has_printer(self) -> bool:
        return bool(self.config.printer_url)

    @property
    def is_open(self) -> bool:
        return self.catalogue is None or self.catalogue.open

    def home(self) -> list[Effect]:
        """Back to the start for the next visitor: everything of this visitor forgotten."""
        self.screen = Screen.START if self.is_open else Screen.CLOSED
        self.language = self.config.default_language
        self.language_chosen = False
        self.modes = Modes()
        self._forget_visit()
        return [LoadCatalogue()]

    def _forget_visit(self) -> None:
        self.department = None
        self.basket = []
        self.refused_service = None
        self.search_query = ""
        self.code = ""
        self.answer = None
        self.pending = None
        self.waiting_for_catalogue = False
        self.ticket = None
        self.ticket_key = ""
        self.print_state = PrintState.NONE
        self.help_state = None
        self.idle_warning = False

    def choose_language(self, language: str) -> list[Effect]:
        if language in self.config.languages:
            self.language = language
            self.language_chosen = True
        return []

    def toggle_mode(self, name: str) -> list[Effect]:
        if name not in MODE_NAMES:
            raise ValueError(f"unknown mode {name!r}")
        self.modes = replace(self.modes, **{name: not getattr(self.modes, name)})
        return []

    # --- navigation ---------------------------------------------------------------------

    def start_appointment(self) -> list[Effect]:
        self.code = ""
        self.screen = Screen.APPOINTMENT
        return []

    def start_walk_in(self) -> list[Effect]:
        if self.catalogue is None:
            self.waiting_for_catalogue = True
            self.screen = Screen.WORKING
            return [LoadCatalogue()]
        self.screen = Screen.DEPARTMENTS if self.catalogue.open else Screen.CLOSED
        return []

    def back(self) -> list[Effect]:
        screen = self.screen
        if screen in (Screen.APPOINTMENT, Screen.ANSWER, Screen.CLOSED):
            self.screen = Screen.START if self.is_open else Screen.CLOSED
        elif screen is Screen.DEPARTMENTS:
            self.screen = Screen.BASKET if self.basket else Screen.START
        elif screen in (Screen.SERVICES, Screen.SEARCH, Screen.BASKET):
            self.screen = Screen.DEPARTMENTS
        elif screen is Screen.NEEDS_APPOINTMENT:
            self.screen = Screen.SERVICES if self.department else Screen.DEPARTMENTS
        elif screen is Screen.HELP:
            self.screen = self.help_return
        elif screen is Screen.ERROR:
            self.screen = self.error_return
        return []

    # --- walk-in ------------------------------------------------------------------------

    def choose_department(self, code: str) -> list[Effect]:
        if self.catalogue is not None and cat.find_department(self.catalogue, code):
            self.department = code
            self.screen = Screen.SERVICES
        return []

    def open_search(self) -> list[Effect]:
        self.search_query = ""
        self.screen = Screen.SEARCH
        return []

    def set_search(self, query: str) -> list[Effect]:
        self.search_query = query[:60]
        return []

    def search_results(self) -> list[cat.Found]:
        if self.catalogue is None:
            return []
        return cat.search(self.catalogue, self.search_query, self.language)

    def choose_service(self, code: str) -> list[Effect]:
        found = cat.find_service(self.catalogue, code) if self.catalogue else None
        if found is None:
            return []
        if found.service.appointment == "required":
            self.refused_service = code
            self.screen = Screen.NEEDS_APPOINTMENT
            return []
        self._add(code)
        return []

    def choose_general(self) -> list[Effect]:
        """"Other question / I don't know": always a ticket for a generalist desk."""
        self._add(self.general_service_code())
        return []

    def general_service_code(self) -> str:
        if self.catalogue is not None and cat.find_service(self.catalogue,
                                                           self.config.general_service):
            return self.config.general_service
        # A hall whose configuration renamed it: any general service that needs no booking.
        for found in cat.services(self.catalogue) if self.catalogue else []:
            if found.service.skill == "algemeen" and found.service.appointment != "required":
                return found.service.code
        return self.config.general_service

    def _add(self, code: str) -> None:
        if code not in self.basket and len(self.basket) < MAX_SERVICES:
            self.basket.append(code)
        self.refused_service = None
        self.screen = Screen.BASKET

    def remove_service(self, code: str) -> list[Effect]:
        if code in self.basket:
            self.basket.remove(code)
        if not self.basket:
            self.screen = Screen.DEPARTMENTS
        return []

    def add_another(self) -> list[Effect]:
        self.department = None
        self.screen = Screen.DEPARTMENTS
        return []

    @property
    def can_add_another(self) -> bool:
        return len(self.basket) < MAX_SERVICES

    def print_walk_in(self) -> list[Effect]:
        if self.screen is not Screen.BASKET or not self.basket:
            return []
        body = WalkInIn(services=list(self.basket), language=self.language)
        return self._check_in(CheckIn(body, self.new_key()))

    # --- appointment --------------------------------------------------------------------

    def type_character(self, char: str) -> list[Effect]:
        if len(self.code) < MAX_CODE_LENGTH:
            self.code = normalize_booking_code(self.code + char)
        return []

    def erase_character(self) -> list[Effect]:
        self.code = self.code[:-1]
        return []

    def submit_code(self) -> list[Effect]:
        return self._appointment(self.code)

    def scanned(self, raw: str) -> list[Effect]:
        """A booking QR read by the scanner: checks in from whatever screen is showing."""
        if self.screen is Screen.WORKING:
            return []
        code = normalize_booking_code(raw)
        if not code:
            return []
        if self.screen is Screen.TICKET:
            # A new visitor: nothing of the previous one may carry over.
            self.language, self.language_chosen = self.config.default_language, False
            self.modes = Modes()
        if self.screen is not Screen.BASKET:
            self._forget_visit()
        self.idle_warning = False
        self.code = code
        return self._appointment(code)

    def _appointment(self, code: str, walk_in_if_late: bool = False) -> list[Effect]:
        self.code = code
        if len(code) < MIN_CODE_LENGTH:
            self._show_answer(AnswerInfo(Answer.UNKNOWN, code))
            return []
        language = self.language if self.language_chosen else None
        body = AppointmentCheckInIn(booking_code=code, language=language,
                                    walk_in_if_late=walk_in_if_late)
        return self._check_in(CheckIn(body, self.new_key()))

    def late_walk_in(self) -> list[Effect]:
        """The late visitor takes the offered walk-in ticket."""
        if self.answer is None or self.answer.kind is not Answer.LATE:
            return []
        return self._appointment(self.answer.code, walk_in_if_late=True)

    def _show_answer(self, info: AnswerInfo) -> None:
        self.answer = info
        self.screen = Screen.ANSWER

    def try_code_again(self) -> list[Effect]:
        self.code = ""
        self.answer = None
        self.screen = Screen.APPOINTMENT
        return []

    # --- the server's answers -----------------------------------------------------------

    def _check_in(self, request: CheckIn) -> list[Effect]:
        self.pending = request
        self.screen = Screen.WORKING
        self.idle_warning = False
        return [request]

    def catalogue_loaded(self, catalogue: CatalogueOut) -> list[Effect]:
        self.catalogue = catalogue
        if self.waiting_for_catalogue:
            self.waiting_for_catalogue = False
            self.screen = Screen.DEPARTMENTS if catalogue.open else Screen.CLOSED
        elif self.screen is Screen.START and not catalogue.open:
            self.screen = Screen.CLOSED
        elif self.screen is Screen.CLOSED and catalogue.open:
            self.screen = Screen.START
        return []

    def catalogue_failed(self) -> list[Effect]:
        if self.waiting_for_catalogue:
            self.waiting_for_catalogue = False
            self.screen = Screen.UNREACHABLE
        return []

    def check_in_succeeded(self, key: str, ticket: TicketOut) -> list[Effect]:
        if self.pending is None or self.pending.key != key:
            return []
        self.pending = None
        self.ticket = ticket
        self.ticket_key = key
        self.language = ticket.language if ticket.language in self.config.languages \
            else self.language
        self.basket = []
        self.screen = Screen.TICKET
        if not self.has_printer:
            self.print_state = PrintState.SCREEN_ONLY
            return []
        self.print_state = PrintState.PRINTING
        return [PrintTicket(ticket, key)]

    def check_in_unreachable(self, key: str) -> list[Effect]:
        if self.pending is not None and self.pending.key == key:
            self.screen = Screen.UNREACHABLE
        return []

    def check_in_refused(
        self, key: str, code: str, data: Mapping[str, str] | None = None
    ) -> list[Effect]:
        """The server said no (an ApiError): a definite answer, so the key is spent.

        ``data`` holds the error's particulars: ``check_in_from``/``starts_at`` (ISO times) and
        ``ticket``."""
        data = data or {}
        if self.pending is None or self.pending.key != key:
            return []
        request, self.pending = self.pending, None
        if isinstance(request.body, AppointmentCheckInIn):
            booking = request.body.booking_code
            answers = {
                "unknown_booking": Answer.UNKNOWN, "appointment_cancelled": Answer.CANCELLED,
                "other_day": Answer.OTHER_DAY, "too_early": Answer.EARLY,
            }
            if code in answers:
                moment = _moment(data.get("check_in_from") or data.get("starts_at") or "")
                self._show_answer(AnswerInfo(answers[code], booking, moment))
                return []
            if code == "too_late":
                late = self.config.walk_in_if_late and not request.body.walk_in_if_late
                self._show_answer(AnswerInfo(Answer.LATE if late else Answer.LATE_REBOOK,
                                             booking))
                return []
            if code == "already_checked_in":
                self._show_answer(AnswerInfo(Answer.ALREADY, booking,
                                             ticket=data.get("ticket", "")))
                return []
        elif code == "appointment_required":
            required = [c for c in request.body.services if self._needs_appointment(c)]
            self.refused_service = required[0] if required else None
            self.screen = Screen.NEEDS_APPOINTMENT
            return []
        elif code == "unknown_service":
            # The catalogue changed under us: start this visit's choice again, freshly.
            self.basket = []
            self.catalogue = None
            self.waiting_for_catalogue = True
            self.screen = Screen.WORKING
            return [LoadCatalogue()]
        self.error_return = Screen.START
        self.screen = Screen.ERROR
        return []

    def _needs_appointment(self, code: str) -> bool:
        found = cat.find_service(self.catalogue, code) if self.catalogue else None
        return found is None or found.service.appointment == "required"

    def retry(self) -> list[Effect]:
        """Try the server again; a check-in goes with its original key."""
        if self.screen is not Screen.UNREACHABLE:
            return []
        self.screen = Screen.WORKING
        if self.pending is not None:
            return [self.pending]
        self.waiting_for_catalogue = True
        return [LoadCatalogue()]

    # --- printing -----------------------------------------------------------------------

    def printed(self, key: str) -> list[Effect]:
        if key != self.ticket_key or self.print_state is not PrintState.PRINTING:
            return []
        self.print_state = PrintState.PRINTED
        return [ReportPrinter("ready")]

    def print_failed(self, key: str, status: str, detail: str = "") -> list[Effect]:
        """The ticket did not come out: it stays on screen, and staff are told why."""
        if key != self.ticket_key or self.print_state is not PrintState.PRINTING:
            return []
        self.print_state = PrintState.FAILED
        return [ReportPrinter(status, detail)]

    # --- help ---------------------------------------------------------------------------

    def ask_help(self) -> list[Effect]:
        if self.screen is not Screen.HELP:
            self.help_return = self.screen if self.screen is not Screen.WORKING else Screen.START
        self.help_state = HelpState.SENDING
        self.screen = Screen.HELP
        return [AskHelp(self.language)]

    def help_sent(self) -> list[Effect]:
        if self.help_state is HelpState.SENDING:
            self.help_state = HelpState.SENT
        return []

    def help_failed(self) -> list[Effect]:
        if self.help_state is HelpState.SENDING:
            self.help_state = HelpState.FAILED
        return []

    # --- idle ---------------------------------------------------------------------------

    @property
    def at_rest(self) -> bool:
        """Nothing of a visitor on screen: the idle timer has nothing to protect."""
        return (self.screen in (Screen.START, Screen.CLOSED) and not self.language_chosen
                and self.modes == Modes())

    @property
    def idle_applies(self) -> bool:
        """The idle timer runs: not at rest, not waiting for the server, not on the ticket
        (which goes back by itself)."""
        return not self.at_rest and self.screen not in (Screen.WORKING, Screen.TICKET)

    def idle(self) -> list[Effect]:
        if self.idle_applies:
            self.idle_warning = True
        return []

    def more_time(self) -> list[Effect]:
        self.idle_warning = False
        return []

    def idle_expired(self) -> list[Effect]:
        if not self.idle_warning:
            return []
        return self.home()

    def ticket_done(self) -> list[Effect]:
        if self.screen is not Screen.TICKET:
            return []
        return self.home()
