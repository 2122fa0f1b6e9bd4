"""The preview printer: a PNG and the raw bytes per ticket, for the demo and the kiosk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from printers.errors import PrinterError, PrinterUnavailable
from printers.layout import build_ticket
from printers.printer import PreviewPrinter, open_printer
from printers.status import PrinterStatus
from printers.ticket import TicketContent


def test_each_ticket_becomes_a_png_and_its_bytes(
        tmp_path: Path, make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket()
    with open_printer(f"preview://{tmp_path}/tickets?profile=pos-5890") as printer:
        assert isinstance(printer, PreviewPrinter)
        assert printer.status() is PrinterStatus.READY
        receipt = printer.print_ticket(content)
    png, raw = receipt.files
    assert png.name == "20260514-101200-B023-nl.png"  # local time in the name
    assert raw.read_bytes() == build_ticket(content, printer.profile).payload
    with Image.open(png) as image:
        assert image.width == 384
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [content.status_url]
    assert sorted(p.name for p in png.parent.iterdir()) == [raw.name, png.name]  # no leftovers


def test_the_same_ticket_twice_keeps_both(tmp_path: Path,
                                          make_ticket: Callable[..., TicketContent]) -> None:
    with open_printer(f"preview://{tmp_path}") as printer:
        first = printer.print_ticket(make_ticket())
        second = printer.print_ticket(make_ticket("ar"))
        third = printer.print_ticket(make_ticket())
    assert len({*first.files, *second.files, *third.files}) == 6
    assert third.files[0].name == "20260514-101200-B023-nl-2.png"


def test_folder_that_cannot_exist_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(PrinterUnavailable) as raised:
        open_printer(f"preview://{blocker}/tickets").open()
    assert isinstance(raised.value.__cause__, OSError)


def test_folder_removed_while_open_reports_offline(
        tmp_path: Path, make_ticket: Callable[..., TicketContent]) -> None:
    folder = tmp_path / "tickets"
    with open_printer(f"preview://{folder}") as printer:
        folder.rmdir()
        assert printer.status() is PrinterStatus.OFFLINE
        with pytest.raises(PrinterUnavailable):
            printer.print_ticket(make_ticket())


def test_closed_preview_printer_refuses(tmp_path: Path,
                                        make_ticket: Callable[..., TicketContent]) -> None:
    with pytest.raises(PrinterError, match="not open"):
        open_printer(f"preview://{tmp_path}").print_ticket(make_ticket())
