"""Tickets on paper and on screen: ESC/POS layout, printer transports, previews, status.

The pure core makes bytes and pictures from a :class:`TicketContent` without I/O
(:mod:`printers.document`, :mod:`printers.layout`, :mod:`printers.render`); thin transports
move the bytes (:mod:`printers.transports`); :func:`open_printer` ties them together from a
URL such as ``tcp://10.0.0.5:9100`` (see :mod:`printers.urls`). Errors: :mod:`printers.errors`.
"""

from printers.errors import (
    PrinterConfigError,
    PrinterConnectionLost,
    PrinterError,
    PrinterNotReady,
    PrinterTimeout,
    PrinterUnavailable,
    TransportError,
)
from printers.layout import EscposTicket, QrMode, TextMode, build_ticket
from printers.printer import (
    EscposPrinter,
    PreviewPrinter,
    PrintReceipt,
    TicketPrinter,
    open_printer,
    printer_status,
)
from printers.profiles import PROFILES, CutMode, PrinterProfile, get_profile
from printers.render import render_ticket, ticket_png
from printers.sample import print_test, sample_ticket
from printers.status import PrinterStatus
from printers.ticket import TicketContent

__all__ = [
    "PROFILES",
    "CutMode",
    "EscposPrinter",
    "EscposTicket",
    "PreviewPrinter",
    "PrintReceipt",
    "PrinterConfigError",
    "PrinterConnectionLost",
    "PrinterError",
    "PrinterNotReady",
    "PrinterProfile",
    "PrinterStatus",
    "PrinterTimeout",
    "PrinterUnavailable",
    "QrMode",
    "TextMode",
    "TicketContent",
    "TicketPrinter",
    "TransportError",
    "build_ticket",
    "get_profile",
    "open_printer",
    "print_test",
    "printer_status",
    "render_ticket",
    "sample_ticket",
    "ticket_png",
]
