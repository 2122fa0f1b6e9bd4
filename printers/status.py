"""Printer status: the enum, and reading it with the real-time DLE EOT commands.

An Epson-compatible printer answers ``DLE EOT n`` (``10 04 n``) with one status byte even
while it is offline or busy printing. Every answer has bits 1 and 4 set and bits 0 and 7
clear, which lets us tell a status byte from noise. The bits used here (Epson ESC/POS
reference, "DLE EOT"):

=====  =========================  =============================================
n      meaning of the answer      bits read
=====  =========================  =============================================
1      printer status             bit 3: offline
2      offline cause              bit 2: cover open; bit 5: stopped, paper end;
                                  bit 6: an error occurred
4      roll paper sensor          bits 2-3: paper near end; bits 5-6: paper out
=====  =========================  =============================================
"""

from __future__ import annotations

import enum
import time
from typing import Final, Protocol

from printers.errors import PrinterTimeout

DLE_EOT: Final = b"\x10\x04"
QUERY_PRINTER: Final = 1
QUERY_OFFLINE_CAUSE: Final = 2
QUERY_PAPER: Final = 4

STATUS_TIMEOUT_SECONDS: Final = 2.0
"""The longest a status query may keep its caller waiting, all queries together."""

_FIXED_MASK: Final = 0b1001_0011
_FIXED_VALUE: Final = 0b0001_0010


class PrinterStatus(enum.Enum):
    """What a printer can do right now, most urgent problems first."""

    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNKNOWN = "unknown"

    @property
    def can_print(self) -> bool:
        """True when a ticket sent now will come out (or may: unknown is given the benefit)."""
        return self in (PrinterStatus.READY, PrinterStatus.PAPER_NEAR_END, PrinterStatus.UNKNOWN)


class StatusChannel(Protocol):
    """The part of a transport that a status query needs."""

    @property
    def can_read(self) -> bool: ...

    def write(self, data: bytes) -> None: ...

    def read(self, size: int, timeout: float) -> bytes: ...

    def discard_input(self) -> None: ...


def is_status_byte(value: int) -> bool:
    """True when ``value`` has the fixed bits every DLE EOT answer carries."""
    return value & _FIXED_MASK == _FIXED_VALUE


def interpret(printer: int, offline_cause: int | None, paper: int | None) -> PrinterStatus:
    """The status from the answers to DLE EOT 1, 2 and 4 (``None``: not asked or no answer)."""
    if not is_status_byte(printer):
        return PrinterStatus.UNKNOWN
    cause = offline_cause if offline_cause is not None and is_status_byte(offline_cause) else 0
    sensor = paper if paper is not None and is_status_byte(paper) else 0
    if cause & 0x04:
        return PrinterStatus.COVER_OPEN
    if cause & 0x20 or sensor & 0x60:
        return PrinterStatus.PAPER_OUT
    if printer & 0x08:
        return PrinterStatus.OFFLINE
    if sensor & 0x0C:
        return PrinterStatus.PAPER_NEAR_END
    return PrinterStatus.READY


def query_status(channel: StatusChannel, timeout: float = STATUS_TIMEOUT_SECONDS) -> PrinterStatus:
    """Ask an open printer for its status, taking at most ``timeout`` seconds in all.

    A printer that stays silent, answers garbage or cannot be read from gives ``UNKNOWN``;
    a transport failure (the connection is gone) is raised as the transport's error.
    """
    if not channel.can_read:
        return PrinterStatus.UNKNOWN
    deadline = time.monotonic() + min(timeout, STATUS_TIMEOUT_SECONDS)
    # A late answer to an earlier, timed-out query would otherwise be read as this one's.
    channel.discard_input()
    printer = _ask(channel, QUERY_PRINTER, deadline)
    if printer is None:
        return PrinterStatus.UNKNOWN
    offline_cause = _ask(channel, QUERY_OFFLINE_CAUSE, deadline) if printer & 0x08 else None
    paper = _ask(channel, QUERY_PAPER, deadline)
    return interpret(printer, offline_cause, paper)


def _ask(channel: StatusChannel, n: int, deadline: float) -> int | None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return None
    channel.write(DLE_EOT + bytes([n]))
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            answer = channel.read(1, remaining)
        except PrinterTimeout:
            return None
        if answer and is_status_byte(answer[0]):
            return answer[0]
    return None
