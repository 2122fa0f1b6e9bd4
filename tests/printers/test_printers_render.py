"""The ticket picture (preview, on-screen fallback): readable, scannable, right to left."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
import zxingcpp
from PIL import Image

from printers.document import Align, Line, Size
from printers.layout import build_ticket
from printers.profiles import get_profile
from printers.render import render_blocks, render_ticket, ticket_png
from printers.ticket import TicketContent
from tests.printers.escpos_reader import paper


@pytest.mark.parametrize("language", ["nl", "en", "ar"])
@pytest.mark.parametrize("profile_name", ["pos-5890", "tm-t88v"])
def test_preview_png_has_paper_width_and_a_qr_that_scans(
        make_ticket: Callable[..., TicketContent], language: str, profile_name: str) -> None:
    content = make_ticket(language)
    profile = get_profile(profile_name)
    image = Image.open(io.BytesIO(ticket_png(content, profile)))
    assert image.format == "PNG"
    assert image.width == profile.dots
    found = zxingcpp.read_barcodes(image)
    assert [r.text for r in found] == [content.status_url]


def test_screen_scale_draws_a_larger_picture(make_ticket: Callable[..., TicketContent]) -> None:
    profile = get_profile("tm-t88v")
    small = render_ticket(make_ticket(), profile)
    large = render_ticket(make_ticket(), profile, scale=2)
    assert large.width == 2 * small.width
    assert 1.9 < large.height / small.height < 2.1
    assert [r.text for r in zxingcpp.read_barcodes(large)] == [make_ticket().status_url]


def ink_box(image: Image.Image) -> tuple[int, int, int, int]:
    box = image.point(lambda v: 255 - v).getbbox()
    assert box is not None, "nothing drawn"
    return box


def test_start_aligned_lines_hug_the_left_in_dutch_and_the_right_in_arabic() -> None:
    width = 512
    dutch = render_blocks([Line("Uw plek in de rij: 3", align=Align.START)], "nl", False,
                          width, number_px=150)
    arabic = render_blocks([Line("مكانك في الدور: 3", align=Align.START)], "ar", True,
                           width, number_px=150)
    left, _, right, _ = ink_box(dutch)
    assert left < 16 and right < width / 2
    left, _, right, _ = ink_box(arabic)
    assert right > width - 16 and left > width / 2


def test_arabic_is_shaped_into_joined_letters() -> None:
    # Shaped Arabic joins its letters, so the word is narrower than its isolated forms
    # side by side; unshaped text would be as wide as the sum.
    word = "بلدية"
    joined = ink_box(render_blocks([Line(word)], "ar", True, 512, number_px=150))
    apart = ink_box(render_blocks([Line(" ".join(word))], "ar", True, 512, number_px=150))
    assert joined[2] - joined[0] < 0.8 * (apart[2] - apart[0])


@pytest.mark.parametrize("line", [
    Line("Parkeervergunningaanvraagformulieren", align=Align.START),
    Line("B0231234", Size.NUMBER, bold=True),
])
def test_what_cannot_wrap_is_made_smaller_not_clipped(line: Line) -> None:
    width = 384
    left, _, right, _ = ink_box(render_blocks([line], "nl", False, width, number_px=125))
    assert left >= 4 and right <= width - 4  # clear of both paper edges


def test_logo_colours_become_dots_in_the_preview_as_on_paper(
        make_ticket: Callable[..., TicketContent]) -> None:
    logo = Image.new("RGB", (300, 100), (255, 220, 0))  # light yellow: no plain-threshold ink
    profile = get_profile("tm-t88v")
    preview = render_ticket(make_ticket(), profile, logo=logo)
    top = preview.crop((0, 0, profile.dots, 60))
    histogram = top.histogram()
    assert sum(histogram[1:255]) == 0  # only black and white dots, no grey
    assert histogram[0] > 0
    printed = paper(build_ticket(make_ticket(), profile, logo=logo).payload, profile.dots)
    assert printed.crop((0, 0, profile.dots, 60)).tobytes() == top.tobytes()
