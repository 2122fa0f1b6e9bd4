"""Printer addresses: the one-line setting that says where a ticket printer is.

=====================================  ==============================================
``tcp://10.0.0.5:9100``                network printer, raw TCP (port 9100 by default)
``usb://04b8:0202``                    USB printer by vendor:product id (hexadecimal),
                                       through the kernel's usblp driver
``serial:///dev/ttyUSB0?baudrate=…``   serial printer (``flow=none|rtscts|xonxoff``)
``file:///dev/usb/lp0``                any device file the printer appears as
``preview:///var/lib/eenloket/tickets``  no printer: a PNG and the raw bytes per ticket
=====================================  ==============================================

Every address takes ``profile=`` (see :mod:`printers.profiles`), ``connect_timeout=`` and
``write_timeout=`` (seconds) as query parameters, e.g.
``tcp://10.0.0.5?profile=tm-t20ii&write_timeout=5``. Unknown parameters are an error, so a
typo does not pass silently.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from urllib.parse import parse_qs, urlsplit

from printers.errors import PrinterConfigError

DEFAULT_TCP_PORT: Final = 9100
DEFAULT_CONNECT_TIMEOUT: Final = 3.0
DEFAULT_WRITE_TIMEOUT: Final = 10.0
"""Seconds a write may make no progress (not the whole job: big images take longer)."""
_BAUDRATES: Final = (9600, 19200, 38400, 57600, 115200)
_USB_ID: Final = re.compile(r"^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$")


class FlowControl(enum.Enum):
    NONE = "none"
    RTSCTS = "rtscts"
    XONXOFF = "xonxoff"


@dataclass(frozen=True, slots=True)
class Options:
    profile: str | None = None
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    write_timeout: float = DEFAULT_WRITE_TIMEOUT


@dataclass(frozen=True, slots=True)
class TcpAddress:
    host: str
    port: int = DEFAULT_TCP_PORT
    options: Options = field(default_factory=Options)


@dataclass(frozen=True, slots=True)
class UsbAddress:
    vendor_id: int
    product_id: int
    serial_number: str | None = None
    options: Options = field(default_factory=Options)


@dataclass(frozen=True, slots=True)
class SerialAddress:
    path: Path
    baudrate: int = 9600
    flow: FlowControl = FlowControl.NONE
    options: Options = field(default_factory=Options)


@dataclass(frozen=True, slots=True)
class FileAddress:
    path: Path
    options: Options = field(default_factory=Options)


@dataclass(frozen=True, slots=True)
class PreviewAddress:
    folder: Path
    options: Options = field(default_factory=Options)


PrinterAddress = TcpAddress | UsbAddress | SerialAddress | FileAddress | PreviewAddress

_EXTRA_PARAMETERS: Final = {
    "tcp": frozenset(), "usb": frozenset({"serial"}), "serial": frozenset({"baudrate", "flow"}),
    "file": frozenset(), "preview": frozenset(),
}


def parse_printer_url(url: str) -> PrinterAddress:
    """Read a printer setting such as ``tcp://10.0.0.5:9100``; raise PrinterConfigError."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _EXTRA_PARAMETERS:
        raise PrinterConfigError(
            f"printer URL {url!r}: scheme must be one of {', '.join(_EXTRA_PARAMETERS)}"
        )
    params = _parameters(url, parts.query, _EXTRA_PARAMETERS[scheme])
    options = Options(
        profile=params.get("profile"),
        connect_timeout=_seconds(url, params, "connect_timeout", DEFAULT_CONNECT_TIMEOUT),
        write_timeout=_seconds(url, params, "write_timeout", DEFAULT_WRITE_TIMEOUT),
    )
    if scheme == "tcp":
        try:
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise PrinterConfigError(f"printer URL {url!r}: bad port") from exc
        if not host:
            raise PrinterConfigError(f"printer URL {url!r}: no host")
        return TcpAddress(host, port or DEFAULT_TCP_PORT, options)
    if scheme == "usb":
        match = _USB_ID.match(parts.netloc)
        if not match:
            raise PrinterConfigError(f"printer URL {url!r}: write usb://VVVV:PPPP (hex ids)")
        return UsbAddress(int(match[1], 16), int(match[2], 16), params.get("serial"), options)
    if scheme == "preview":
        if parts.netloc or not parts.path:
            raise PrinterConfigError(f"printer URL {url!r}: write preview:///folder")
        return PreviewAddress(Path(parts.path), options)
    if parts.netloc or not parts.path.startswith("/"):
        raise PrinterConfigError(f"printer URL {url!r}: write {scheme}:///absolute/path")
    if scheme == "file":
        return FileAddress(Path(parts.path), options)
    return SerialAddress(Path(parts.path), _baudrate(url, params),
                         _flow(url, params), options)


def _parameters(url: str, query: str, extra: frozenset[str]) -> dict[str, str]:
    allowed = extra | {"profile", "connect_timeout", "write_timeout"}
    parsed = parse_qs(query, keep_blank_values=True, strict_parsing=False)
    unknown = sorted(set(parsed) - allowed)
    if unknown:
        raise PrinterConfigError(
            f"printer URL {url!r}: unknown parameter {', '.join(unknown)} "
            f"(allowed: {', '.join(sorted(allowed))})"
        )
    return {key: values[-1] for key, values in parsed.items()}


def _seconds(url: str, params: dict[str, str], name: str, default: float) -> float:
    if name not in params:
        return default
    try:
        value = float(params[name])
    except ValueError:
        value = -1.0
    if not 0 < value <= 600:
        raise PrinterConfigError(f"printer URL {url!r}: {name} must be 0-600 seconds")
    return value


def _baudrate(url: str, params: dict[str, str]) -> int:
    raw = params.get("baudrate", "9600")
    if not raw.isdigit() or int(raw) not in _BAUDRATES:
        raise PrinterConfigError(
            f"printer URL {url!r}: baudrate must be one of {', '.join(map(str, _BAUDRATES))}"
        )
    return int(raw)


def _flow(url: str, params: dict[str, str]) -> FlowControl:
    try:
        return FlowControl(params.get("flow", "none"))
    except ValueError:
        choices = ", ".join(f.value for f in FlowControl)
        raise PrinterConfigError(f"printer URL {url!r}: flow must be one of {choices}") from None
