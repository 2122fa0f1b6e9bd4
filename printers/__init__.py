"""Tickets on paper and on screen: ESC/POS layout, printer transports, previews, status.

The pure core makes bytes and pictures from a :class:`TicketContent` without I/O
(:mod:`printers.document`, :mod:`printers.layout`, :mod:`printers.render`); thin transports
move the bytes (:mod:`printers.transports`); :func:`open_printer` ties them together from a
URL such as ``tcp://10.0.0.5:9100`` (see :mod:`printers.urls`). Errors: :mod:`printers.errors`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Importing python-escpos loads its printer database (seconds on a busy kiosk): the names are
# resolved on first use, so that importing a light module such as printers.ticket stays fast.
_WHERE = {
    "CutMode": "printers.profiles",
    "EscposPrinter": "printers.printer",
    "EscposTicket": "printers.layout",
    "PROFILES": "printers.profiles",
    "PreviewPrinter": "printers.printer",
    "PrintReceipt": "printers.printer",
    "PrinterConfigError": "printers.errors",
    "PrinterConnectionLost": "printers.errors",
    "PrinterError": "printers.errors",
    "PrinterNotReady": "printers.errors",
    "PrinterProfile": "printers.profiles",
    "PrinterStatus": "printers.status",
    "PrinterTimeout": "printers.errors",
    "PrinterUnavailable": "printers.errors",
    "QrMode": "printers.layout",
    "TextMode": "printers.layout",
    "TicketContent": "printers.ticket",
    "TicketPrinter": "printers.printer",
    "TransportError": "printers.errors",
    "build_ticket": "printers.layout",
    "get_profile": "printers.profiles",
    "open_printer": "printers.printer",
    "print_test": "printers.sample",
    "printer_status": "printers.printer",
    "render_ticket": "printers.render",
    "sample_ticket": "printers.sample",
    "ticket_png": "printers.render",
}


def __getattr__(name: str) -> Any:
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'printers' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
