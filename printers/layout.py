"""Turn a ticket into ESC/POS bytes for one printer profile. No I/O: bytes in memory.

Two ways to put text on paper:

* text mode (Dutch, English, Polish, Turkish): the printer's own font, with the code page
  selected by ``ESC t`` so é ë ï ü € come out right; small and fast (a few hundred bytes);
* image mode (Arabic, Ukrainian, anything no trusted code page holds): the text is drawn by
  :mod:`printers.render` with real fonts, shaped and right to left, and sent as a raster
  image (``GS v 0``), about 64 bytes per dot row on 80 mm paper.

The QR code is drawn by the printer (``GS ( k``) when the profile says it can, otherwise
sent as an image. The python-escpos ``Dummy`` printer collects the commands.
"""

from __future__ import annotations

import enum
import textwrap
from dataclasses import dataclass
from typing import Final

from escpos.capabilities import get_profile as escpos_profile
from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy
from PIL import Image, ImageOps

from printers.document import (
    Align,
    Block,
    Line,
    Rule,
    Size,
    TicketDocument,
    ticket_document,
    wrap_by_sentence,
)
from printers.profiles import CutMode, PrinterProfile
from printers.render import number_font_px, prepare_logo, qr_image, render_blocks, stack
from printers.ticket import TicketContent

_RULE_CHAR: Final = "\u2500"  # box-drawing line: in every code page used for text
_BULLET: Final = "- "
_FEED_WITHOUT_CUTTER: Final = 5
_MIN_BLANK_ROWS: Final = 6


class TextMode(enum.Enum):
    TEXT = "text"
    IMAGE = "image"


class QrMode(enum.Enum):
    NATIVE = "native"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class EscposTicket:
    """A ticket ready to send: the bytes and how they were made."""

    payload: bytes
    text_mode: TextMode
    qr_mode: QrMode
    code_page: str | None
    """The code page of text mode; ``None`` in image mode."""


def choose_code_page(document: TicketDocument, profile: PrinterProfile) -> str | None:
    """The first trusted code page that holds every character of the ticket, or ``None``.

    Right-to-left languages always get ``None``: printers do not shape or reorder Arabic.
    """
    if document.rtl:
        return None
    available = escpos_profile(profile.escpos_profile).get_code_pages()
    texts = "".join(document.texts()) + _RULE_CHAR
    for page in profile.text_code_pages:
        if page not in available:
            continue
        try:
            texts.encode(page.lower())
        except UnicodeEncodeError:
            continue
        return page
    return None


def build_ticket(content: TicketContent, profile: PrinterProfile, *,
                 logo: Image.Image | None = None) -> EscposTicket:
    """The ESC/POS bytes that print ``content`` on a printer of ``profile``, then cut."""
    document = ticket_document(content)
    code_page = choose_code_page(document, profile)
    p = Dummy(profile=profile.escpos_profile)
    p.hw("INIT")
    if code_page is None:
        top = render_blocks(document.top, document.language, document.rtl, profile.dots,
                            number_px=number_font_px(profile))
        if logo is not None:
            top = stack([prepare_logo(logo, profile.dots), top], profile.dots)
        _image(p, top, profile)
    else:
        p.charcode(code_page)
        if logo is not None:
            _image(p, prepare_logo(logo, profile.dots), profile)
        _text_blocks(p, document.top, profile)
    qr_mode = _qr(p, document.qr_url, profile)
    if code_page is None:
        bottom = render_blocks(document.bottom, document.language, document.rtl, profile.dots,
                               number_px=number_font_px(profile))
        _image(p, bottom, profile)
    else:
        _text_blocks(p, document.bottom, profile)
    _cut(p, profile.cut)
    return EscposTicket(
        payload=p.output,
        text_mode=TextMode.IMAGE if code_page is None else TextMode.TEXT,
        qr_mode=qr_mode,
        code_page=code_page,
    )


def _image(p: Dummy, image: Image.Image, profile: PrinterProfile) -> None:
    """Send a greyscale image as pure black and white, centred by white space on its left.

    Padding on the left centres it on every printer (not all apply ``ESC a`` to images).
    The image goes out in bands: runs of blank rows as one-byte-wide white strips, rows with
    ink cut off after their last black dot. That halves a drawn ticket's bytes, which a
    serial printer at 9600 baud feels, and keeps every dot row where it was.
    """
    bw = image.convert("L").point(lambda v: 0 if v < 128 else 255)
    if bw.width < profile.dots:
        left = (profile.dots - bw.width) // 2
        padded = Image.new("L", (left + bw.width, bw.height), 255)
        padded.paste(bw, (left, 0))
        bw = padded
    for top, bottom, blank in raster_bands(bw):
        if blank:
            band = Image.new("L", (8, bottom - top), 255)
        else:
            band = bw.crop((0, top, bw.width, bottom))
            ink = ImageOps.invert(band).getbbox()
            right = bw.width if ink is None else min(bw.width, -(-ink[2] // 8) * 8)
            band = band.crop((0, 0, right, bottom - top))
        p.image(band, impl="bitImageRaster", center=False)


def raster_bands(image: Image.Image, min_blank: int = _MIN_BLANK_ROWS
                 ) -> list[tuple[int, int, bool]]:
    """``(top, bottom, blank)`` row ranges covering ``image``: blank runs of at least
    ``min_blank`` rows, and the rows with ink between them."""
    ink = ImageOps.invert(image.convert("L")).convert("1", dither=Image.Dither.NONE)
    stride = (ink.width + 7) // 8
    data = ink.tobytes()
    inked = [any(data[r * stride:(r + 1) * stride]) for r in range(ink.height)]
    bands: list[tuple[int, int, bool]] = []
    row = 0
    while row < ink.height:
        end = row
        while end < ink.height and inked[end] == inked[row]:
            end += 1
        blank = not inked[row] and end - row >= min_blank
        if bands and not blank and not bands[-1][2]:
            bands[-1] = (bands[-1][0], end, False)  # a short blank run stays inside a band
        else:
            bands.append((row, end, blank))
        row = end
    return bands


def _text_blocks(p: Dummy, blocks: tuple[Block, ...], profile: PrinterProfile) -> None:
    for block in blocks:
        if isinstance(block, Rule):
            p.set(align="left", bold=False)
            p.textln(_RULE_CHAR * profile.columns)
        else:
            _text_line(p, block, profile)


def _text_line(p: Dummy, line: Line, profile: PrinterProfile) -> None:
    p.set(align="center" if line.align is Align.CENTER else "left", bold=line.bold)
    if line.size is Size.NUMBER:
        scale = max(1, min(profile.number_scale, profile.columns // max(1, len(line.text))))
        p.set(custom_size=True, width=scale, height=scale, smooth=True)
        p.textln(line.text)
        p.set(normal_textsize=True, smooth=False)
        return
    if line.bullet:
        rows = textwrap.wrap(line.text, profile.columns, initial_indent=_BULLET,
                             subsequent_indent=" " * len(_BULLET))
    else:
        rows = wrap_by_sentence(line.text, lambda text: len(text) <= profile.columns,
                                lambda text: textwrap.wrap(text, profile.columns))
    if line.size is Size.LARGE:
        p.set(double_height=True)
    for row in rows:
        p.textln(row)
    if line.size is Size.LARGE:
        p.set(normal_textsize=True)


def _qr(p: Dummy, url: str, profile: PrinterProfile) -> QrMode:
    p.set(align="center")
    if profile.native_qr:
        p.print_and_feed(1)  # not a text newline, which would select a code page
        p.qr(url, native=True, size=profile.qr_module_dots, ec=QR_ECLEVEL_M)
        return QrMode.NATIVE
    _image(p, qr_image(url, profile.qr_module_dots), profile)
    return QrMode.IMAGE


def _cut(p: Dummy, mode: CutMode) -> None:
    if mode is CutMode.NONE:
        p.print_and_feed(_FEED_WITHOUT_CUTTER)
    else:
        p.cut(mode="PART" if mode is CutMode.PARTIAL else "FULL")
