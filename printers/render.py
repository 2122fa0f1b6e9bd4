"""Draw a ticket as a picture: the preview PNG, the kiosk's on-screen ticket, and the paper
image for languages the printer's own fonts cannot print (Arabic, Ukrainian).

Sizes are in printer dots (8 per mm), so an image drawn at ``scale=1`` prints 1:1 on the
profile's paper; a screen asks for ``scale=2`` or more for a sharper picture.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from typing import Final

import qrcode
import qrcode.constants
from PIL import Image, ImageDraw, ImageFont

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
from printers.fonts import HAS_RAQM, font_for
from printers.profiles import PrinterProfile
from printers.ticket import TicketContent

log = logging.getLogger(__name__)

WHITE: Final = 255
BLACK: Final = 0
_FONT_PX: Final = {Size.SMALL: 22, Size.NORMAL: 26, Size.LARGE: 32}
_PADDING_PX: Final = 8
_RULE_GAP_PX: Final = 12
_LOGO_MAX_HEIGHT_PX: Final = 120
QR_BORDER_MODULES: Final = 2


def number_font_px(profile: PrinterProfile) -> int:
    """The ticket number's size: close to what the printer's own font gives at its scale."""
    return 25 * profile.number_scale


def stack(parts: Iterable[Image.Image], width: int) -> Image.Image:
    """``parts`` one under the other, each centred, on a white strip ``width`` wide."""
    images = list(parts)
    out = Image.new("L", (width, sum(i.height for i in images)), WHITE)
    y = 0
    for image in images:
        out.paste(image, ((width - image.width) // 2, y))
        y += image.height
    return out


def _direction(rtl: bool) -> str | None:
    # Only raqm can order text right to left; the basic layout refuses any direction.
    if not HAS_RAQM:
        return None
    return "rtl" if rtl else "ltr"


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, rtl: bool) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate, direction=_direction(rtl)) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def _fit(text: str, widest: str, language: str, size: int, bold: bool, width: int
         ) -> ImageFont.FreeTypeFont:
    """The font for ``text`` at ``size``, or smaller until ``widest`` fits in ``width``."""
    font = font_for(text, language, size, bold=bold)
    while size > 12 and font.getlength(widest) > width:
        size = size * 9 // 10
        font = font_for(text, language, size, bold=bold)
    return font


def _draw_line(line: Line, language: str, rtl: bool, width: int, scale: int,
               number_px: int) -> Image.Image:
    px = (number_px if line.size is Size.NUMBER else _FONT_PX[line.size]) * scale
    pad = _PADDING_PX * scale
    indent = int(px * 1.1) if line.bullet else 0
    room = width - 2 * pad - indent
    # The font shrinks when the widest unbreakable part (the number, a long compound word)
    # would not fit, rather than being clipped at the paper's edge.
    widest = line.text if line.size is Size.NUMBER else max(line.text.split(), key=len, default="")
    font = _fit(line.text, widest, language, px, line.bold, room)
    if line.size is Size.NUMBER:
        rows = [line.text]
    else:
        rows = wrap_by_sentence(
            line.text,
            lambda text: font.getlength(text, direction=_direction(rtl)) <= room,
            lambda text: _wrap(text, font, room, rtl),
        )
    ascent, descent = font.getmetrics()
    row_height = ascent + descent
    image = Image.new("L", (width, row_height * len(rows)), WHITE)
    draw = ImageDraw.Draw(image)
    for index, row in enumerate(rows):
        length = font.getlength(row, direction=_direction(rtl))
        if line.align is Align.CENTER:
            x = (width - length) / 2
        elif rtl:
            x = width - pad - indent - length
        else:
            x = pad + indent
        y = index * row_height
        draw.text((x, y), row, font=font, fill=BLACK, direction=_direction(rtl),
                  language=language if HAS_RAQM else None)
        if line.bullet and index == 0:
            # Drawn as a shape: not every font has a bullet glyph (Noto Sans Arabic has not).
            radius = max(3, px // 7)
            cx = width - pad - indent // 2 if rtl else pad + indent // 2
            cy = y + ascent - px * 0.35
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=BLACK)
    return image


def _draw_rule(width: int, scale: int) -> Image.Image:
    gap = _RULE_GAP_PX * scale
    image = Image.new("L", (width, 2 * gap + 2 * scale), WHITE)
    ImageDraw.Draw(image).rectangle(
        (_PADDING_PX * scale, gap, width - _PADDING_PX * scale, gap + 2 * scale - 1), fill=BLACK
    )
    return image


def render_blocks(blocks: Iterable[Block], language: str, rtl: bool, width: int,
                  *, number_px: int, scale: int = 1) -> Image.Image:
    """Draw ``blocks`` one under the other on a white strip ``width`` pixels wide."""
    parts = [
        _draw_rule(width, scale) if isinstance(block, Rule)
        else _draw_line(block, language, rtl, width, scale, number_px)
        for block in blocks
    ]
    return stack(parts, width)


def qr_image(url: str, module_px: int) -> Image.Image:
    """The QR code for ``url``: black modules of ``module_px`` pixels, a 2-module white edge."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=module_px, border=QR_BORDER_MODULES)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the border
    size = len(matrix)
    image = Image.new("L", (size, size), WHITE)
    image.putdata([BLACK if cell else WHITE for row in matrix for cell in row])
    return image.resize((size * module_px, size * module_px), Image.Resampling.NEAREST)


def prepare_logo(logo: Image.Image, width: int, scale: int = 1) -> Image.Image:
    """The logo in black dots on white, at most 60 % of the paper wide and 15 mm high.

    Thermal paper has no grey, so colours are dithered here: the preview then shows the dots
    the printer will make, and light colours do not vanish as a plain threshold would make
    them.
    """
    rgba = logo.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    grey = flat.convert("L")
    grey.thumbnail((width * 6 // 10, _LOGO_MAX_HEIGHT_PX * scale), Image.Resampling.LANCZOS)
    margin = _RULE_GAP_PX * scale
    out = Image.new("L", (grey.width, grey.height + margin), WHITE)
    out.paste(grey.convert("1", dither=Image.Dither.FLOYDSTEINBERG).convert("L"), (0, margin))
    return out


def render_document(document: TicketDocument, profile: PrinterProfile, *,
                    logo: Image.Image | None = None, scale: int = 1) -> Image.Image:
    """The whole ticket as one greyscale image, as it looks on paper."""
    if document.rtl and not HAS_RAQM:
        log.warning("Pillow has no raqm: %s text is drawn unshaped and left to right",
                    document.language)
    width = profile.dots * scale
    number_px = number_font_px(profile)
    top = render_blocks(document.top, document.language, document.rtl, width,
                        number_px=number_px, scale=scale)
    bottom = render_blocks(document.bottom, document.language, document.rtl, width,
                           number_px=number_px, scale=scale)
    gap = Image.new("L", (width, _RULE_GAP_PX * scale), WHITE)
    parts = [gap, top, gap, qr_image(document.qr_url, profile.qr_module_dots * scale), bottom,
             gap]
    if logo is not None:
        parts.insert(0, prepare_logo(logo, width, scale))
    return stack(parts, width)


def render_ticket(content: TicketContent, profile: PrinterProfile, *,
                  logo: Image.Image | None = None, scale: int = 1) -> Image.Image:
    """The ticket ``content`` as it looks on ``profile``'s paper (greyscale)."""
    return render_document(ticket_document(content), profile, logo=logo, scale=scale)


def ticket_png(content: TicketContent, profile: PrinterProfile, *,
               logo: Image.Image | None = None, scale: int = 1) -> bytes:
    """The ticket as PNG bytes: what the kiosk shows when the printer cannot print."""
    buffer = io.BytesIO()
    render_ticket(content, profile, logo=logo, scale=scale).save(buffer, format="PNG",
                                                                 optimize=True)
    return buffer.getvalue()
