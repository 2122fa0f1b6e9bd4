"""Printer URLs: every supported form, and clear errors for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from printers.errors import PrinterConfigError
from printers.urls import (
    FileAddress,
    FlowControl,
    Options,
    PreviewAddress,
    SerialAddress,
    TcpAddress,
    UsbAddress,
    parse_printer_url,
)


@pytest.mark.parametrize(("url", "expected"), [
    ("tcp://10.0.0.5:9100", TcpAddress("10.0.0.5", 9100)),
    ("tcp://bon-printer-1.hal.local", TcpAddress("bon-printer-1.hal.local", 9100)),
    ("tcp://[fd00::5]:9101", TcpAddress("fd00::5", 9101)),
    ("usb://04b8:0202", UsbAddress(0x04B8, 0x0202)),
    ("usb://04B8:0E15?serial=X5CN012345", UsbAddress(0x04B8, 0x0E15, "X5CN012345")),
    ("serial:///dev/ttyUSB0", SerialAddress(Path("/dev/ttyUSB0"))),
    ("serial:///dev/ttyS1?baudrate=38400&flow=rtscts",
     SerialAddress(Path("/dev/ttyS1"), 38400, FlowControl.RTSCTS)),
    ("file:///dev/usb/lp0", FileAddress(Path("/dev/usb/lp0"))),
    ("preview:///var/lib/eenloket/tickets", PreviewAddress(Path("/var/lib/eenloket/tickets"))),
    ("tcp://10.0.0.5?profile=pos-5890&connect_timeout=1.5&write_timeout=30",
     TcpAddress("10.0.0.5", 9100, Options("pos-5890", 1.5, 30.0))),
])
def test_supported_urls(url: str, expected: object) -> None:
    assert parse_printer_url(url) == expected


@pytest.mark.parametrize(("url", "message"), [
    ("http://10.0.0.5", "scheme"),
    ("10.0.0.5:9100", "scheme"),
    ("tcp://:9100", "no host"),
    ("tcp://10.0.0.5:http", "bad port"),
    ("usb://4b8:202", "VVVV:PPPP"),
    ("file://dev/usb/lp0", "absolute"),  # "dev" would be read as a host name
    ("serial://ttyUSB0", "absolute"),
    ("serial:///dev/ttyUSB0?baudrate=12345", "baudrate"),
    ("serial:///dev/ttyUSB0?flow=dtrdsr", "flow"),
    ("preview://tickets", "preview:///folder"),
    ("tcp://10.0.0.5?timeout=5", "unknown parameter timeout"),
    ("tcp://10.0.0.5?write_timeout=0", "write_timeout"),
    ("tcp://10.0.0.5?connect_timeout=soon", "connect_timeout"),
])
def test_unusable_urls_say_why(url: str, message: str) -> None:
    with pytest.raises(PrinterConfigError, match=message):
        parse_printer_url(url)
