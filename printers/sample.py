"""A sample ticket, and the test print an installer runs beside a new kiosk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from PIL import Image
from platformdirs import user_cache_path

from eenloket_i18n import translate
from printers.errors import PrinterNotReady
from printers.printer import PreviewPrinter, PrintReceipt, open_printer, resolve_profile
from printers.profiles import PrinterProfile
from printers.status import PrinterStatus
from printers.ticket import TicketContent
from printers.urls import PreviewAddress, parse_printer_url

SAMPLE_URL: Final = "https://eenloket.example/status/kreupelstraat/B023"
"""A link on a reserved domain (RFC 2606): a test ticket must not lead to a real visitor."""


@dataclass(frozen=True, slots=True)
class SamplePrint:
    preview: PrintReceipt
    printer: PrintReceipt | None
    """``None`` when the printer URL was itself a preview."""
    status: PrinterStatus | None
    """The printer's status just before printing."""


def default_preview_folder() -> Path:
    return user_cache_path("eenloket") / "print-test"


def sample_ticket(now: datetime, language: str = "nl", *, status_url: str = SAMPLE_URL
                  ) -> TicketContent:
    """A realistic ticket issued at ``now``: two services, an appointment, a wait."""
    return TicketContent(
        municipality=translate("common.municipality", language),
        ticket_number="B023",
        services=(translate("printers.sample.passport", language),
                  translate("printers.sample.moving", language)),
        location="Kreupelstraat",
        issued_at=now,
        language=language,
        status_url=status_url,
        expected_wait_minutes=12.0,
        position=3,
        appointment_at=now + timedelta(minutes=20),
    )


def print_test(printer_url: str, *, now: datetime, language: str = "nl",
               preview_folder: Path | None = None, profile: str | PrinterProfile | None = None,
               logo: Image.Image | None = None, check_status: bool = True,
               status_url: str = SAMPLE_URL) -> SamplePrint:
    """Print the sample ticket to a preview folder and then to the printer at ``printer_url``.

    The preview comes first, so there is something to look at even when the printer fails.
    A ``preview:`` URL gets the one preview. Printer failures are raised as
    :class:`~printers.errors.PrinterError`; with ``check_status``, a printer that reports
    paper out, cover open or offline raises :class:`~printers.errors.PrinterNotReady`
    instead of being sent the ticket.
    """
    content = sample_ticket(now, language, status_url=status_url)
    address = parse_printer_url(printer_url)
    chosen = resolve_profile(address, profile)
    if isinstance(address, PreviewAddress):
        folder = address.folder
    else:
        folder = preview_folder or default_preview_folder()
    with PreviewPrinter(folder, chosen, logo=logo) as preview:
        preview_receipt = preview.print_ticket(content)
    if isinstance(address, PreviewAddress):
        return SamplePrint(preview_receipt, None, None)
    with open_printer(printer_url, profile=chosen, logo=logo) as printer:
        status = printer.status()
        if check_status and not status.can_print:
            raise PrinterNotReady(status)
        printer_receipt = printer.print_ticket(content, check_status=False)
    return SamplePrint(preview_receipt, printer_receipt, status)
