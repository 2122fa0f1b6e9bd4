"""The booking code's QR for confirmation letters and e-mails, as PNG and as SVG.

The kiosk's scanner is a keyboard wedge: it types what the QR holds and then Enter. So the QR
holds the booking code itself and nothing else (no URL, no prefix), in capitals: capitals,
digits and ``-`` fit QR's compact alphanumeric mode, which keeps the symbol small enough to
scan from a phone screen or a creased letter.
"""

from __future__ import annotations

import io
import re
from typing import Final

import qrcode
import qrcode.constants
from PIL import Image

from queue_server.errors import BadRequest

QUIET_ZONE: Final = 4
"""Modules of white border the QR standard requires around the symbol."""
BOOKING_CODE: Final = re.compile(r"^[A-Z0-9-]{4,40}$")
"""The same alphabet and length the booking API accepts (eenloket_wire AppointmentIn)."""


def normalize_code(code: str) -> str:
    """The code as the kiosk looks it up: trimmed and in capitals; refuse anything else."""
    normalized = code.strip().upper()
    if not BOOKING_CODE.match(normalized):
        raise BadRequest(
            "a booking code has 4-40 letters, digits or '-'", code="bad_booking_code"
        )
    return normalized


def modules(code: str) -> list[list[bool]]:
    """The QR's dark (True) and light modules, quiet zone included, row by row."""
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1
    )
    qr.add_data(normalize_code(code))
    qr.make(fit=True)
    matrix: list[list[bool]] = qr.get_matrix()
    return matrix


def png(code: str, module_px: int = 8) -> bytes:
    """A black-on-white PNG, ``module_px`` pixels per module (8: about 3 cm at 300 dpi)."""
    if module_px < 1:
        raise BadRequest("module size must be at least 1 pixel", code="bad_module_size")
    matrix = modules(code)
    side = len(matrix)
    image = Image.new("1", (side, side), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    image = image.resize((side * module_px, side * module_px), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def svg(code: str, module_px: int = 8) -> str:
    """A standalone SVG; one path of horizontal runs, so it stays small and scales crisply."""
    if module_px < 1:
        raise BadRequest("module size must be at least 1 pixel", code="bad_module_size")
    normalized = normalize_code(code)
    matrix = modules(normalized)
    side = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < side:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < side and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    size = side * module_px
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {side} {side}" shape-rendering="crispEdges" role="img">'
        f"<title>{normalized}</title>"
        f'<rect width="{side}" height="{side}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>\n'
    )
