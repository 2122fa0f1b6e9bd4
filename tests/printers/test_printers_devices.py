"""Serial, device-file and USB transports, against a real pseudo-tty and real files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from printers.errors import PrinterUnavailable
from printers.layout import build_ticket
from printers.printer import open_printer, printer_status
from printers.status import PrinterStatus
from printers.ticket import TicketContent
from printers.transports import UsbTransport, find_usb_printer
from printers.urls import UsbAddress, parse_printer_url
from tests.printers.fake_printer import Condition, FakeSerialPrinter


@pytest.mark.parametrize("flow", ["none", "rtscts", "xonxoff"])
def test_serial_printer_prints_and_answers_status(
        make_ticket: Callable[..., TicketContent], flow: str) -> None:
    content = make_ticket()
    with FakeSerialPrinter(Condition.PAPER_NEAR_END) as fake:
        with open_printer(f"{fake.url}?baudrate=115200&flow={flow}") as printer:
            assert printer.status() is PrinterStatus.PAPER_NEAR_END
            printer.print_ticket(content)
        payload = build_ticket(content, printer.profile).payload
        fake.wait_for_payload(payload)
        assert fake.received.endswith(payload)


def test_serial_status_on_a_silent_port_is_unknown() -> None:
    with FakeSerialPrinter(Condition.SILENT) as fake:
        assert printer_status(fake.url) is PrinterStatus.UNKNOWN


def test_serial_url_on_something_that_is_not_a_port(tmp_path: Path) -> None:
    not_a_port = tmp_path / "ttyUSB0"
    not_a_port.write_bytes(b"")
    with pytest.raises(PrinterUnavailable, match="not a serial port"):
        open_printer(f"serial://{not_a_port}").open()


def test_device_file_gets_the_bytes_and_cannot_report_status(
        tmp_path: Path, make_ticket: Callable[..., TicketContent]) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    content = make_ticket()
    with open_printer(f"file://{device}") as printer:
        # A plain file cannot answer; reading it back would only return our own bytes.
        assert printer.status() is PrinterStatus.UNKNOWN
        printer.print_ticket(content)
        printer.print_ticket(content)
    payload = build_ticket(content, printer.profile).payload
    assert device.read_bytes() == payload * 2


def test_missing_device_file_is_unavailable_and_never_created(tmp_path: Path) -> None:
    device = tmp_path / "lp1"
    with pytest.raises(PrinterUnavailable, match="No such file") as raised:
        open_printer(f"file://{device}").open()
    assert isinstance(raised.value.__cause__, FileNotFoundError)
    assert not device.exists()
    assert printer_status(f"file://{device}") is PrinterStatus.OFFLINE


def fake_sysfs(root: Path, printers: dict[str, tuple[str, str, str]]) -> Path:
    """A /sys tree as the usblp driver makes it: class/usbmisc/lpN/device -> the interface,
    whose parent USB device holds idVendor, idProduct and serial."""
    for name, (vendor, product, serial) in printers.items():
        usb_device = root / "devices" / f"usb1-{name}"
        interface = usb_device / "1-1:1.0"
        interface.mkdir(parents=True)
        (usb_device / "idVendor").write_text(f"{vendor}\n")
        (usb_device / "idProduct").write_text(f"{product}\n")
        (usb_device / "serial").write_text(f"{serial}\n")
        entry = root / "class" / "usbmisc" / name
        entry.mkdir(parents=True)
        os.symlink(interface, entry / "device")
    return root


def test_usb_printer_is_found_by_vendor_product_and_serial(tmp_path: Path) -> None:
    sysfs = fake_sysfs(tmp_path / "sys", {"lp0": ("0519", "0003", "A1"),
                                          "lp1": ("04b8", "0202", "X5CN1"),
                                          "lp2": ("04b8", "0202", "X5CN2")})
    dev = tmp_path / "dev"

    def find(url: str) -> Path:
        address = parse_printer_url(url)
        assert isinstance(address, UsbAddress)
        return find_usb_printer(address, sysfs=sysfs, dev=dev)

    assert find("usb://04b8:0202") == dev / "usb" / "lp1"
    assert find("usb://04b8:0202?serial=X5CN2") == dev / "usb" / "lp2"
    with pytest.raises(PrinterUnavailable, match="usb://04b8:0e15"):
        find("usb://04b8:0e15")


def test_usb_printer_prints_through_its_device_file(
        tmp_path: Path, make_ticket: Callable[..., TicketContent]) -> None:
    sysfs = fake_sysfs(tmp_path / "sys", {"lp0": ("04b8", "0202", "X5CN1")})
    node = tmp_path / "dev" / "usb" / "lp0"
    node.parent.mkdir(parents=True)
    node.write_bytes(b"")
    address = parse_printer_url("usb://04b8:0202")
    assert isinstance(address, UsbAddress)
    with UsbTransport(address, sysfs=sysfs, dev=tmp_path / "dev") as transport:
        transport.write(b"\x1b@hello\n")
    assert node.read_bytes() == b"\x1b@hello\n"


def test_usb_printer_not_plugged_in(tmp_path: Path) -> None:
    address = parse_printer_url("usb://04b8:0202")
    assert isinstance(address, UsbAddress)
    transport = UsbTransport(address, sysfs=tmp_path, dev=tmp_path)
    with pytest.raises(PrinterUnavailable, match="no such printer"):
        transport.open()
