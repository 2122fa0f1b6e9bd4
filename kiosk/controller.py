"""Carries out the model's effects: HTTP and printing on worker threads, and the timers.

The controller is the only place where the kiosk meets the outside world. The model says
what to do; the controller does it off the GUI thread and feeds each result back into the
model as a method call, then emits :attr:`KioskController.changed` for the window to redraw.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Protocol, TypeVar

from eenloket_wire.client import ApiError, Client, ClientError, ServerUnreachable
from eenloket_wire.messages import AppointmentCheckInIn, CatalogueOut, TicketOut
from kiosk.config import KioskConfig
from kiosk.model import (
    AskHelp,
    CheckIn,
    Effect,
    KioskModel,
    LoadCatalogue,
    PrintState,
    PrintTicket,
    ReportPrinter,
    Screen,
)
from kiosk.qt import QObject, QTimer, Signal
from kiosk.workers import Worker

if TYPE_CHECKING:
    from kiosk.printing import PrintOutcome

log = logging.getLogger(__name__)
T = TypeVar("T")

REFRESH_MS = 60_000
"""How often a kiosk at rest refreshes the catalogue (open or closed, waits) and asks the
printer how it is."""


class TicketPrinterLike(Protocol):
    def print_ticket(self, ticket: TicketOut) -> PrintOutcome: ...

    def status(self) -> str: ...

    def close(self) -> None: ...


def _single_shot(parent: QObject, seconds: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(seconds * 1000)
    timer.timeout.connect(slot)
    return timer


class KioskController(QObject):
    changed = Signal()

    def __init__(self, config: KioskConfig, *, client: Client | None = None,
                 printer: TicketPrinterLike | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.model = KioskModel(config)
        self.client = client or Client(config.server_url, config.token,
                                       timeout=config.request_timeout)
        self.printer = printer
        """Made on the printing thread when first needed (see :meth:`_printer`)."""
        self.http = Worker("http", self)
        self.printing = Worker("print", self)
        self._loading_catalogue = False
        self._reported_printer = ""
        self.idle_timer = _single_shot(self, config.idle_seconds, lambda: self.act(self.model.idle))
        self.warning_timer = _single_shot(self, config.warning_seconds,
                                          lambda: self.act(self.model.idle_expired))
        self.ticket_timer = _single_shot(self, config.ticket_seconds,
                                         lambda: self.act(self.model.ticket_done))
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self._ticket_timed = ""
        self.on_print_sent: Callable[[], None] | None = None
        """Called on the printing thread right after a ticket's bytes went out (benchmarks)."""

    @property
    def busy(self) -> bool:
        """True while a request or a print is under way."""
        return self.http.busy or self.printing.busy

    def start(self) -> None:
        """First catalogue, then a refresh every minute; meanwhile the printer is opened and
        its state reported."""
        self.refresh_timer.start()
        if self.config.printer_url:
            self.printing.submit(lambda: self._printer().status(), self._printer_status)
        self._run([LoadCatalogue()])
        self._changed()

    def _printer(self) -> TicketPrinterLike:
        """The printer, made on first use. Runs on the printing thread only: importing the
        printer layer (python-escpos reads its capability data) takes long enough to delay
        the first screen, so it is not imported before."""
        if self.printer is None:
            from kiosk.printing import KioskPrinter

            self.printer = KioskPrinter(self.config.printer_url, self.config.timezone)
        return self.printer

    def shutdown(self) -> None:
        for timer in (self.idle_timer, self.warning_timer, self.ticket_timer,
                      self.refresh_timer):
            timer.stop()
        self.http.shutdown()
        self.printing.shutdown()
        if self.printer is not None:
            self.printer.close()
        self.client.close()

    def act(self, action: Callable[[], list[Effect]]) -> None:
        """Run a model method, carry out its effects, then tell the window."""
        self._run(action())
        self._changed()

    def refresh(self) -> None:
        if self.model.screen in (Screen.START, Screen.CLOSED):
            self._run([LoadCatalogue()])
        if self.config.printer_url and self.model.print_state is not PrintState.PRINTING:
            self.printing.submit(lambda: self._printer().status(), self._printer_status)

    # --- effects ------------------------------------------------------------------------

    def _run(self, effects: list[Effect]) -> None:
        for effect in effects:
            if isinstance(effect, LoadCatalogue):
                self._load_catalogue()
            elif isinstance(effect, CheckIn):
                self._submit_check_in(effect)
            elif isinstance(effect, PrintTicket):
                self._print(effect)
            elif isinstance(effect, ReportPrinter):
                self._report_printer(effect.status, effect.detail)
            elif isinstance(effect, AskHelp):
                self._ask_help(effect.language)

    def _ask_help(self, language: str) -> None:
        self.http.submit(lambda: self.client.ask_help(self.config.location, language),
                         self._helped)

    def _load_catalogue(self) -> None:
        if self._loading_catalogue:
            return
        self._loading_catalogue = True
        self.http.submit(lambda: self.client.catalogue(self.config.location), self._catalogue)

    def _catalogue(self, future: Future[CatalogueOut]) -> None:
        self._loading_catalogue = False
        try:
            catalogue = future.result()
        except ClientError as exc:
            log.warning("catalogue: %s", exc)
            self.act(self.model.catalogue_failed)
            return
        self.act(lambda: self.model.catalogue_loaded(catalogue))

    def _submit_check_in(self, effect: CheckIn) -> None:
        self.http.submit(lambda: self._check_in(effect), lambda f: self._checked_in(effect, f))

    def _check_in(self, effect: CheckIn) -> TicketOut:
        body = effect.body
        if isinstance(body, AppointmentCheckInIn):
            return self.client.appointment_check_in(self.config.location, body, effect.key)
        return self.client.walk_in(self.config.location, body, effect.key)

    def _checked_in(self, effect: CheckIn, future: Future[TicketOut]) -> None:
        key = effect.key
        try:
            ticket = future.result()
        except ServerUnreachable as exc:
            log.warning("check-in %s: server unreachable: %s", key, exc)
            self.act(lambda: self.model.check_in_unreachable(key))
        except ApiError as exc:
            log.info("check-in %s refused: %s", key, exc)
            code, data = exc.code, exc.data
            self.act(lambda: self.model.check_in_refused(key, code, data))
        except Exception:
            log.exception("check-in %s failed unexpectedly", key)
            self.act(lambda: self.model.check_in_refused(key, "unexpected"))
        else:
            self.act(lambda: self.model.check_in_succeeded(key, ticket))

    def _print(self, effect: PrintTicket) -> None:
        key = effect.key

        def job() -> PrintOutcome:
            outcome = self._printer().print_ticket(effect.ticket)
            if outcome.ok and self.on_print_sent is not None:
                self.on_print_sent()
            return outcome

        def done(future: Future[PrintOutcome]) -> None:
            outcome = future.result()
            if outcome.ok:
                self.act(lambda: self.model.printed(key))
            else:
                log.warning("ticket %s not printed: %s %s", effect.ticket.ticket,
                            outcome.status, outcome.detail)
                self.act(lambda: self.model.print_failed(key, outcome.status, outcome.detail))

        self.printing.submit(job, done)

    def _printer_status(self, future: Future[str]) -> None:
        self._report_printer(future.result(), "")

    def _report_printer(self, status: str, detail: str) -> None:
        # The server records only changes; sending each unchanged "ready" would only queue
        # in front of the next visitor's check-in.
        if status == self._reported_printer:
            return
        self._reported_printer = status

        def reported(future: Future[None]) -> None:
            try:
                future.result()
            except ClientError as exc:
                log.warning("printer status %s not reported: %s", status, exc)
                self._reported_printer = ""

        self.http.submit(
            lambda: self.client.report_printer(self.config.location, status, detail[:200]),
            reported,
        )

    def _helped(self, future: Future[None]) -> None:
        try:
            future.result()
        except ClientError as exc:
            log.warning("help request failed: %s", exc)
            self.act(self.model.help_failed)
            return
        self.act(self.model.help_sent)

    # --- timers -------------------------------------------------------------------------

    def activity(self) -> None:
        """The visitor did something: the idle countdown starts again."""
        if self.idle_timer.isActive():
            self.idle_timer.start()

    def _changed(self) -> None:
        model = self.model
        if model.idle_warning:
            self.idle_timer.stop()
            if not self.warning_timer.isActive():
                self.warning_timer.start()
        else:
            self.warning_timer.stop()
            if model.idle_applies:
                self.idle_timer.start()
            else:
                self.idle_timer.stop()
        self._time_ticket()
        self.changed.emit()

    def _time_ticket(self) -> None:
        model = self.model
        shown = model.screen is Screen.TICKET and model.print_state in (
            PrintState.PRINTED, PrintState.FAILED, PrintState.SCREEN_ONLY)
        if not shown:
            self.ticket_timer.stop()
            self._ticket_timed = ""
            return
        timed = f"{model.ticket_key}:{model.print_state.value}"
        if timed != self._ticket_timed:
            self._ticket_timed = timed
            seconds = (self.config.fault_ticket_seconds
                       if model.print_state is PrintState.FAILED else self.config.ticket_seconds)
            self.ticket_timer.start(seconds * 1000)
