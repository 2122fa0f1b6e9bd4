"""Thin transports: move bytes to and from a printer, with a timeout on every read and write.

Each transport opens explicitly (``open()`` or ``with``), never as a side effect, and maps
foreign errors (``socket``, ``termios``, ``OSError``) to :mod:`printers.errors` at this
boundary. They carry no ticket logic: :mod:`printers.layout` makes the bytes.

* :class:`TcpTransport` — a raw TCP connection (port 9100).
* :class:`DeviceFileTransport` — a device file (``/dev/usb/lp0``); read back for status when
  it is a character device that can be opened for reading.
* :class:`SerialTransport` — a serial port, set up raw with termios (no pyserial needed).
* :func:`find_usb_printer` — the ``/dev/usb/lp*`` node of a USB printer by vendor and product
  id, found in sysfs (the kernel's usblp driver; no libusb needed).
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
import stat
import termios
from pathlib import Path
from types import TracebackType
from typing import Final, Protocol, Self

from printers.errors import (
    PrinterConnectionLost,
    PrinterTimeout,
    PrinterUnavailable,
)
from printers.urls import (
    FileAddress,
    FlowControl,
    SerialAddress,
    TcpAddress,
    UsbAddress,
)

SYSFS: Final = Path("/sys")
DEV: Final = Path("/dev")
_CHUNK: Final = 4096


class Transport(Protocol):
    """What the printer layer needs from a connection to a printer."""

    description: str

    @property
    def can_read(self) -> bool:
        """True when the printer's answers (status bytes) can be read back."""
        ...

    def open(self) -> None: ...

    def close(self) -> None: ...

    def write(self, data: bytes) -> None:
        """Send all of ``data``; PrinterTimeout if no progress for the write timeout."""
        ...

    def read(self, size: int, timeout: float) -> bytes:
        """Up to ``size`` bytes; PrinterTimeout when none arrive within ``timeout`` seconds."""
        ...

    def discard_input(self) -> None:
        """Drop anything already received (late answers to earlier questions)."""
        ...


class _Managed:
    """``with`` support for transports: open on entry, close on exit."""

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


class TcpTransport(_Managed):
    """A raw TCP connection to a network printer."""

    can_read = True

    def __init__(self, address: TcpAddress) -> None:
        self._address = address
        self._sock: socket.socket | None = None
        self.description = f"tcp://{address.host}:{address.port}"

    def open(self) -> None:
        if self._sock is not None:
            return
        options = self._address.options
        try:
            sock = socket.create_connection((self._address.host, self._address.port),
                                            timeout=options.connect_timeout)
        except ConnectionRefusedError as exc:
            raise PrinterUnavailable(f"{self.description}: connection refused") from exc
        except TimeoutError as exc:
            raise PrinterUnavailable(
                f"{self.description}: no answer within {options.connect_timeout:g} s"
            ) from exc
        except OSError as exc:
            raise PrinterUnavailable(f"{self.description}: {exc.strerror or exc}") from exc
        # Status questions are 3-byte writes; Nagle would hold them back behind a ticket.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _open_socket(self) -> socket.socket:
        if self._sock is None:
            raise PrinterConnectionLost(f"{self.description}: not open")
        return self._sock

    def write(self, data: bytes) -> None:
        sock = self._open_socket()
        timeout = self._address.options.write_timeout
        # One timeout per send(), so a slow but moving printer is not cut off mid-image.
        sock.settimeout(timeout)
        view = memoryview(data)
        while view:
            try:
                sent = sock.send(view)
            except TimeoutError as exc:
                raise PrinterTimeout(
                    f"{self.description}: printer took no data for {timeout:g} s"
                ) from exc
            except OSError as exc:
                raise PrinterConnectionLost(f"{self.description}: {exc}") from exc
            view = view[sent:]

    def read(self, size: int, timeout: float) -> bytes:
        sock = self._open_socket()
        sock.settimeout(max(timeout, 0.001))
        try:
            data = sock.recv(size)
        except TimeoutError as exc:
            raise PrinterTimeout(f"{self.description}: no answer within {timeout:g} s") from exc
        except OSError as exc:
            raise PrinterConnectionLost(f"{self.description}: {exc}") from exc
        if not data:
            raise PrinterConnectionLost(f"{self.description}: the printer closed the connection")
        return data

    def discard_input(self) -> None:
        sock = self._open_socket()
        sock.setblocking(False)
        try:
            while sock.recv(_CHUNK):
                pass
        except BlockingIOError:
            return
        except OSError as exc:
            raise PrinterConnectionLost(f"{self.description}: {exc}") from exc
        raise PrinterConnectionLost(f"{self.description}: the printer closed the connection")


class DeviceFileTransport(_Managed):
    """A printer that appears as a file: ``/dev/usb/lp0``, a parallel port, a test file."""

    def __init__(self, path: Path, write_timeout: float, description: str | None = None) -> None:
        self._path = path
        self._write_timeout = write_timeout
        self._fd: int | None = None
        self._readable = False
        self.description = description or f"file://{path}"

    @property
    def can_read(self) -> bool:
        return self._readable

    def open(self) -> None:
        if self._fd is not None:
            return
        flags = os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_APPEND
        try:
            try:
                fd, readable = os.open(self._path, os.O_RDWR | flags), True
            except PermissionError:
                # usblp nodes are often writable (group lp) but not readable: print blind.
                fd, readable = os.open(self._path, os.O_WRONLY | flags), False
        except OSError as exc:
            raise PrinterUnavailable(f"{self.description}: {exc.strerror or exc}") from exc
        # Reading a regular file would return its own contents, not a printer's answer.
        self._readable = readable and stat.S_ISCHR(os.fstat(fd).st_mode)
        self._fd = fd
        try:
            self._configure(fd)
        except BaseException:
            self.close()
            raise

    def _configure(self, fd: int) -> None:
        """Hook for subclasses that must set the device up after opening."""

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def _open_fd(self) -> int:
        if self._fd is None:
            raise PrinterConnectionLost(f"{self.description}: not open")
        return self._fd

    def write(self, data: bytes) -> None:
        fd = self._open_fd()
        view = memoryview(data)
        while view:
            _, writable, _ = select.select([], [fd], [], self._write_timeout)
            if not writable:
                raise PrinterTimeout(
                    f"{self.description}: printer took no data for {self._write_timeout:g} s"
                )
            try:
                view = view[os.write(fd, view):]
            except BlockingIOError:
                continue
            except OSError as exc:
                raise PrinterConnectionLost(f"{self.description}: {exc}") from exc

    def read(self, size: int, timeout: float) -> bytes:
        fd = self._open_fd()
        readable, _, _ = select.select([fd], [], [], max(timeout, 0.0))
        if not readable:
            raise PrinterTimeout(f"{self.description}: no answer within {timeout:g} s")
        try:
            data = os.read(fd, size)
        except BlockingIOError as exc:
            raise PrinterTimeout(f"{self.description}: no answer") from exc
        except OSError as exc:
            raise PrinterConnectionLost(f"{self.description}: {exc}") from exc
        if not data:
            raise PrinterConnectionLost(f"{self.description}: the device was closed")
        return data

    def discard_input(self) -> None:
        fd = self._open_fd()
        if not self._readable:
            return
        try:
            while os.read(fd, _CHUNK):
                pass
        except BlockingIOError:
            return
        except OSError as exc:
            raise PrinterConnectionLost(f"{self.description}: {exc}") from exc


class SerialTransport(DeviceFileTransport):
    """A serial printer, 8N1 raw, at the address's baud rate and flow control."""

    def __init__(self, address: SerialAddress) -> None:
        super().__init__(address.path, address.options.write_timeout,
                         f"serial://{address.path}")
        self._address = address

    def _configure(self, fd: int) -> None:
        try:
            iflag, oflag, cflag, lflag, _, _, cc = termios.tcgetattr(fd)
            speed = getattr(termios, f"B{self._address.baudrate}")
            iflag &= ~(termios.IGNBRK | termios.BRKINT | termios.PARMRK | termios.ISTRIP
                       | termios.INLCR | termios.IGNCR | termios.ICRNL | termios.IXON
                       | termios.IXOFF | termios.IXANY)
            oflag &= ~termios.OPOST
            lflag &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.ISIG
                       | termios.IEXTEN)
            cflag &= ~(termios.CSIZE | termios.PARENB | termios.CSTOPB | termios.CRTSCTS)
            cflag |= termios.CS8 | termios.CREAD | termios.CLOCAL
            if self._address.flow is FlowControl.RTSCTS:
                cflag |= termios.CRTSCTS
            elif self._address.flow is FlowControl.XONXOFF:
                iflag |= termios.IXON | termios.IXOFF
            cc[termios.VMIN] = 0
            cc[termios.VTIME] = 0
            termios.tcsetattr(fd, termios.TCSANOW,
                              [iflag, oflag, cflag, lflag, speed, speed, cc])
            termios.tcflush(fd, termios.TCIOFLUSH)
        except termios.error as exc:
            code = exc.args[0] if exc.args else 0
            reason = "not a serial port" if code == errno.ENOTTY else str(exc)
            raise PrinterUnavailable(f"{self.description}: {reason}") from exc


def find_usb_printer(address: UsbAddress, *, sysfs: Path = SYSFS, dev: Path = DEV) -> Path:
    """The device file of the USB printer with ``address``'s ids, as the usblp driver made it."""
    wanted = (f"{address.vendor_id:04x}", f"{address.product_id:04x}")
    for entry in sorted((sysfs / "class" / "usbmisc").glob("lp*")):
        usb_device = (entry / "device").resolve().parent
        try:
            ids = ((usb_device / "idVendor").read_text().strip(),
                   (usb_device / "idProduct").read_text().strip())
            serial_number = (usb_device / "serial").read_text().strip() \
                if (usb_device / "serial").exists() else None
        except OSError:
            continue
        if ids == wanted and address.serial_number in (None, serial_number):
            return dev / "usb" / entry.name
    raise PrinterUnavailable(
        f"usb://{wanted[0]}:{wanted[1]}: no such printer attached (or the usblp driver is "
        "not loaded)"
    )


class UsbTransport(DeviceFileTransport):
    """A USB printer by vendor and product id; the device file is looked up at each open,
    since a printer plugged in again may come back as another ``lp`` number."""

    def __init__(self, address: UsbAddress, *, sysfs: Path = SYSFS, dev: Path = DEV) -> None:
        super().__init__(Path(), address.options.write_timeout,
                         f"usb://{address.vendor_id:04x}:{address.product_id:04x}")
        self._address = address
        self._sysfs = sysfs
        self._dev = dev

    def open(self) -> None:
        if self._fd is None:
            self._path = find_usb_printer(self._address, sysfs=self._sysfs, dev=self._dev)
        super().open()


def file_transport(address: FileAddress) -> DeviceFileTransport:
    return DeviceFileTransport(address.path, address.options.write_timeout)
