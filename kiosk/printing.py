"""The kiosk's side of the ticket printer: a server ticket in, an outcome out.

Runs on the printing thread. Every failure comes back as a value with the printer state the
server knows (``paper_out``, ``offline`` …), never as an exception, so the GUI thread only
decides what to show.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from eenloket_i18n import translate
from eenloket_wire.messages import TicketOut
from kiosk import catalogue
from printers.errors import PrinterError, PrinterNotReady, TransportError
from printers.printer import TicketPrinter, open_printer
from printers.status import PrinterStatus
from printers.ticket import TicketContent

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    ok: bool
    status: str
    """The printer state to report: ``ready`` after a good print, else why it failed."""
    detail: str = ""


def ticket_content(ticket: TicketOut, timezone: str) -> TicketContent:
    """What the paper ticket shows, from the server's answer, in the visitor's language."""
    language = ticket.language
    return TicketContent(
        municipality=translate("common.municipality", language),
        ticket_number=ticket.ticket,
        services=tuple(catalogue.name(s, language) for s in ticket.services),
        location=ticket.location_name,
        issued_at=ticket.checked_in_at,
        language=language,
        status_url=ticket.status_url,
        expected_wait_minutes=ticket.expected_wait_minutes,
        position=ticket.position,
        appointment_at=ticket.appointment_at,
        timezone=timezone,
    )


class KioskPrinter:
    """One printer for the kiosk's life: opened when first needed, again after a failure."""

    def __init__(self, url: str, timezone: str) -> None:
        self.url = url
        self._timezone = timezone
        self._printer: TicketPrinter | None = None

    def _open(self) -> TicketPrinter:
        if self._printer is None:
            printer = open_printer(self.url)
            printer.open()
            self._printer = printer
        return self._printer

    def print_ticket(self, ticket: TicketOut) -> PrintOutcome:
        try:
            content = ticket_content(ticket, self._timezone)
            self._open().print_ticket(content)
        except PrinterNotReady as exc:
            return PrintOutcome(False, exc.status.value, str(exc))
        except TransportError as exc:
            self._drop()
            return PrintOutcome(False, PrinterStatus.OFFLINE.value, str(exc))
        except (PrinterError, ValueError) as exc:
            # A configuration or content problem: staff must look, the visitor sees the screen.
            log.exception("ticket %s could not be printed", ticket.ticket)
            self._drop()
            return PrintOutcome(False, PrinterStatus.UNKNOWN.value, str(exc))
        return PrintOutcome(True, PrinterStatus.READY.value)

    def status(self) -> str:
        """The printer's state now, as the server knows it."""
        try:
            return self._open().status().value
        except PrinterError as exc:
            log.warning("printer status: %s", exc)
            self._drop()
            return PrinterStatus.OFFLINE.value

    def _drop(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except PrinterError:
                log.warning("closing the printer failed", exc_info=True)

    def close(self) -> None:
        self._drop()
