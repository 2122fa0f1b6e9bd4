"""Tickets in scripts the printer's own fonts lack are sent as drawn raster images."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from printers.layout import QrMode, TextMode, build_ticket, raster_bands
from printers.profiles import get_profile
from printers.ticket import TicketContent
from tests.printers.escpos_reader import paper, raster_images, without_images


def qr_texts(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("language", ["uk", "ar"])
@pytest.mark.parametrize("profile_name", ["tm-t88v", "pos-5890"])
def test_non_latin_ticket_is_one_drawn_image_per_part(
        make_ticket: Callable[..., TicketContent], language: str, profile_name: str) -> None:
    profile = get_profile(profile_name)
    content = make_ticket(language)
    ticket = build_ticket(content, profile)
    assert (ticket.text_mode, ticket.code_page) == (TextMode.IMAGE, None)
    # Outside the images there is no code page and no text, not even the ticket number.
    outside = without_images(ticket.payload).replace(content.status_url.encode(), b"")
    assert b"\x1bt" not in outside
    assert b"B023" not in outside
    images = raster_images(ticket.payload)
    assert all(image.width <= profile.dots for image in images)
    sheet = paper(ticket.payload, profile.dots)
    assert sheet.height > 600  # a whole ticket, not a fragment
    assert sheet.getextrema()[0] == 0  # there is ink


@pytest.mark.parametrize(("profile_name", "language"), [
    ("generic-80", "nl"), ("generic-80", "ar"), ("pos-5890", "nl"), ("pos-5890", "uk"),
])
def test_image_qr_on_paper_scans_to_the_status_link(
        make_ticket: Callable[..., TicketContent], profile_name: str, language: str) -> None:
    content = make_ticket(language)
    profile = get_profile(profile_name)
    ticket = build_ticket(content, profile)
    assert ticket.qr_mode is QrMode.IMAGE
    assert qr_texts(paper(ticket.payload, profile.dots)) == [content.status_url]


def test_arabic_on_a_qr_capable_printer_keeps_the_native_qr(
        make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket("ar")
    ticket = build_ticket(content, get_profile("rp-f10-58"))
    assert ticket.qr_mode is QrMode.NATIVE
    assert content.status_url.encode() in ticket.payload
    assert qr_texts(paper(ticket.payload, 432)) == []  # the QR is not part of the images


def test_logo_prints_above_the_header(make_ticket: Callable[..., TicketContent]) -> None:
    logo = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((100, 0, 300, 200), fill=(200, 0, 0, 255))
    ticket = build_ticket(make_ticket(), get_profile("tm-t88v"), logo=logo)
    first_image = ticket.payload.find(b"\x1dv0")
    assert 0 <= first_image < ticket.payload.find(b"Gemeente Groningen")
    drawn = paper(ticket.payload, 512)
    ink = drawn.point(lambda v: 255 - v).getbbox()
    assert ink is not None
    left, top, right, bottom = ink
    assert 120 <= bottom - top <= 132  # scaled to the 15 mm logo height (plus its margin)
    assert abs((left + right) / 2 - 256) <= 8  # centred on the paper


def test_blank_rows_become_narrow_strips() -> None:
    image = Image.new("L", (512, 100), 255)
    ImageDraw.Draw(image).rectangle((0, 10, 99, 19), fill=0)
    ImageDraw.Draw(image).rectangle((0, 22, 99, 29), fill=0)  # 2 blank rows: same band
    assert raster_bands(image) == [(0, 10, True), (10, 30, False), (30, 100, True)]
