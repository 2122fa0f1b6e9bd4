"""Ticket printers: open one from its URL, print tickets, ask its status.

::

    with open_printer("tcp://10.0.0.5:9100?profile=tm-t88v") as printer:
        if printer.status() is PrinterStatus.PAPER_NEAR_END: ...
        receipt = printer.print_ticket(content)

A printer object is opened once (``open()`` or ``with``) and used for many tickets. If the
connection drops, ``print_ticket`` raises a :class:`~printers.errors.TransportError` (and
``status()`` says ``OFFLINE``); the next call connects again. A failed ticket is never
re-sent by itself, because the printer may have printed part of it. One object may be
shared between threads (the kiosk polls the status while it prints): calls are serialised.
"""

from __future__ import annotations

import contextlib
import enum
import os
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Final, Protocol, Self

from PIL import Image

from printers.errors import PrinterError, PrinterNotReady, PrinterUnavailable, TransportError
from printers.layout import QrMode, TextMode, build_ticket
from printers.profiles import DEFAULT_PROFILE, PrinterProfile, get_profile
from printers.render import ticket_png
from printers.status import STATUS_TIMEOUT_SECONDS, PrinterStatus, query_status
from printers.ticket import TicketContent
from printers.transports import (
    DeviceFileTransport,
    SerialTransport,
    TcpTransport,
    Transport,
    UsbTransport,
)
from printers.urls import (
    FileAddress,
    PreviewAddress,
    PrinterAddress,
    SerialAddress,
    TcpAddress,
    parse_printer_url,
)

PRE_PRINT_STATUS_TIMEOUT: Final = 0.5
"""The status check before a ticket waits less than a plain status query: a printer on the
hall's network answers in milliseconds, and a print server that never answers (status
unknown, so the ticket is sent anyway) should not delay every ticket by two seconds."""


@dataclass(frozen=True, slots=True)
class PrintReceipt:
    """What was sent for one ticket."""

    ticket_number: str
    bytes_sent: int
    text_mode: TextMode
    qr_mode: QrMode
    files: tuple[Path, ...] = ()
    """The preview printer's PNG and raw-bytes files; empty for real printers."""


class PrinterState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"


class TicketPrinter(Protocol):
    """A place tickets go: a thermal printer or a preview folder."""

    description: str
    profile: PrinterProfile

    def open(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    def status(self) -> PrinterStatus:
        """The printer's state now, within 2 seconds; never raises for an unreachable printer."""
        ...

    def print_ticket(self, content: TicketContent, *, check_status: bool = True) -> PrintReceipt:
        """Print one ticket and cut. With ``check_status``, raise PrinterNotReady instead of
        sending to a printer that reports paper out, cover open or offline."""
        ...


class _Lifecycle:
    def __init__(self) -> None:
        self.state = PrinterState.CLOSED

    def _require_open(self) -> None:
        if self.state is not PrinterState.OPEN:
            raise PrinterError("the printer is not open: use open() or a with block")

    def open(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class EscposPrinter(_Lifecycle):
    """A real ESC/POS printer behind a :class:`~printers.transports.Transport`."""

    def __init__(self, transport: Transport, profile: PrinterProfile, *,
                 logo: Image.Image | None = None) -> None:
        super().__init__()
        self.transport = transport
        self.profile = profile
        self.description = transport.description
        self._logo = logo
        self._connected = False
        self._lock = threading.Lock()

    def open(self) -> None:
        with self._lock:
            self._connect()
            self.state = PrinterState.OPEN

    def close(self) -> None:
        with self._lock:
            self._disconnect()
            self.state = PrinterState.CLOSED

    def _connect(self) -> None:
        if not self._connected:
            self.transport.open()
            self._connected = True

    def _disconnect(self) -> None:
        self._connected = False
        self.transport.close()

    def status(self) -> PrinterStatus:
        with self._lock:
            self._require_open()
            try:
                self._connect()
                return query_status(self.transport)
            except TransportError:
                self._disconnect()
                return PrinterStatus.OFFLINE

    def print_ticket(self, content: TicketContent, *, check_status: bool = True) -> PrintReceipt:
        job = build_ticket(content, self.profile, logo=self._logo)
        with self._lock:
            self._require_open()
            try:
                self._connect()
                if check_status:
                    status = query_status(self.transport, timeout=PRE_PRINT_STATUS_TIMEOUT)
                    if not status.can_print:
                        raise PrinterNotReady(status)
                self.transport.write(job.payload)
            except TransportError:
                # Connect afresh next time; the caller decides whether to print again.
                self._disconnect()
                raise
        return PrintReceipt(content.ticket_number, len(job.payload), job.text_mode, job.qr_mode)


class PreviewPrinter(_Lifecycle):
    """No paper: each ticket becomes ``<time>-<number>-<language>.png`` and ``.bin`` (the
    exact bytes a real printer of the same profile would get) in a folder."""

    def __init__(self, folder: Path, profile: PrinterProfile, *,
                 logo: Image.Image | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.profile = profile
        self.description = f"preview://{folder}"
        self._logo = logo
        self._lock = threading.Lock()

    def open(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PrinterUnavailable(f"{self.description}: {exc.strerror or exc}") from exc
        if not os.access(self.folder, os.W_OK | os.X_OK):
            raise PrinterUnavailable(f"{self.description}: folder is not writable")
        self.state = PrinterState.OPEN

    def close(self) -> None:
        self.state = PrinterState.CLOSED

    def status(self) -> PrinterStatus:
        self._require_open()
        writable = self.folder.is_dir() and os.access(self.folder, os.W_OK | os.X_OK)
        return PrinterStatus.READY if writable else PrinterStatus.OFFLINE

    def print_ticket(self, content: TicketContent, *, check_status: bool = True) -> PrintReceipt:
        self._require_open()
        job = build_ticket(content, self.profile, logo=self._logo)
        png = ticket_png(content, self.profile, logo=self._logo)
        issued = content.local(content.issued_at)
        stem = f"{issued:%Y%m%d-%H%M%S}-{content.ticket_number}-{content.language}"
        with self._lock:
            try:
                png_path, bin_path = self._free_names(stem)
                _write_atomically(bin_path, job.payload)
                _write_atomically(png_path, png)
            except OSError as exc:
                raise PrinterUnavailable(f"{self.description}: {exc.strerror or exc}") from exc
        return PrintReceipt(content.ticket_number, len(job.payload), job.text_mode, job.qr_mode,
                            (png_path, bin_path))

    def _free_names(self, stem: str) -> tuple[Path, Path]:
        for attempt in range(1, 1000):
            name = stem if attempt == 1 else f"{stem}-{attempt}"
            png, raw = self.folder / f"{name}.png", self.folder / f"{name}.bin"
            if not png.exists() and not raw.exists():
                return png, raw
        raise OSError(f"more than 999 previews named {stem}")


def _write_atomically(path: Path, data: bytes) -> None:
    # A kiosk may show the PNG as soon as it appears: never let it see half a file.
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def _transport(address: PrinterAddress) -> Transport:
    if isinstance(address, TcpAddress):
        return TcpTransport(address)
    if isinstance(address, SerialAddress):
        return SerialTransport(address)
    if isinstance(address, FileAddress):
        return DeviceFileTransport(address.path, address.options.write_timeout)
    if isinstance(address, PreviewAddress):
        raise TypeError("a preview address has no transport")
    return UsbTransport(address)


def open_printer(url: str, *, profile: str | PrinterProfile | None = None,
                 logo: Image.Image | None = None) -> TicketPrinter:
    """The printer at ``url`` (see :mod:`printers.urls`), not yet opened.

    The profile is ``profile`` if given, else the URL's ``?profile=``, else ``tm-t88v``.
    """
    address = parse_printer_url(url)
    chosen = resolve_profile(address, profile)
    if isinstance(address, PreviewAddress):
        return PreviewPrinter(address.folder, chosen, logo=logo)
    return EscposPrinter(_transport(address), chosen, logo=logo)


def resolve_profile(address: PrinterAddress, profile: str | PrinterProfile | None = None
                    ) -> PrinterProfile:
    """``profile`` if given, else the address's ``?profile=``, else the default (tm-t88v)."""
    if isinstance(profile, PrinterProfile):
        return profile
    return get_profile(profile or address.options.profile or DEFAULT_PROFILE)


def printer_status(url: str) -> PrinterStatus:
    """Connect to the printer at ``url``, ask its status and hang up, all within 2 seconds.

    An unreachable printer is ``OFFLINE``; a configuration error is raised.
    """
    started = time.monotonic()
    address = parse_printer_url(url)
    # Half the budget for connecting, so an unreachable host still leaves time to ask.
    address = replace(address, options=replace(
        address.options,
        connect_timeout=min(address.options.connect_timeout, STATUS_TIMEOUT_SECONDS / 2),
    ))
    if isinstance(address, PreviewAddress):
        preview = PreviewPrinter(address.folder, get_profile(DEFAULT_PROFILE))
        with contextlib.suppress(PrinterUnavailable), preview:
            return preview.status()
        return PrinterStatus.OFFLINE
    transport = _transport(address)
    try:
        transport.open()
        try:
            remaining = STATUS_TIMEOUT_SECONDS - (time.monotonic() - started)
            return query_status(transport, timeout=max(remaining, 0.0))
        finally:
            transport.close()
    except TransportError:
        return PrinterStatus.OFFLINE
