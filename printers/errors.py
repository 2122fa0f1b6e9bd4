"""The exceptions the ``printers`` package raises.

Every failure that reaches a caller is one of these; a foreign exception (``socket``,
``termios``, ``OSError`` from a device file) is mapped at the transport boundary with
``raise ... from exc``, so ``__cause__`` keeps the original for the log. The tree::

    PrinterError
    ├── PrinterConfigError ............. a printer URL, profile or option that cannot work
    ├── TransportError ................. talking to the device failed
    │   ├── PrinterUnavailable ......... cannot open: refused, no such device, no permission
    │   ├── PrinterTimeout ............. a read or write made no progress within its timeout
    │   └── PrinterConnectionLost ...... the device went away in the middle of a job
    └── PrinterNotReady ................ the printer answers but cannot print now (paper out,
                                         cover open, offline); carries the status

A kiosk catches :class:`PrinterError` to switch to its on-screen ticket, and
:class:`PrinterNotReady` to tell staff what to fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from printers.status import PrinterStatus


class PrinterError(Exception):
    """Base of every error this package raises."""


class PrinterConfigError(PrinterError, ValueError):
    """A printer URL, profile or option that cannot work; fix the configuration."""


class TransportError(PrinterError):
    """Talking to the device failed."""


class PrinterUnavailable(TransportError):
    """The device cannot be opened: connection refused, host unreachable, no such device."""


class PrinterTimeout(TransportError):
    """A read or write made no progress within its timeout."""


class PrinterConnectionLost(TransportError):
    """The device went away while a job was being sent; the ticket may be incomplete."""


class PrinterNotReady(PrinterError):
    """The printer answers but cannot print now; :attr:`status` says why."""

    def __init__(self, status: PrinterStatus) -> None:
        super().__init__(f"printer not ready: {status.value}")
        self.status = status
