"""The booking code's QR: it holds exactly the code the kiosk's scanner types, as PNG and SVG."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from queue_server import booking_qr
from queue_server.errors import BadRequest

CODES = ["AB-1234", " gr-2026-000123 ", "X" * 40, "1234"]


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("code", CODES)
def test_the_png_reads_back_as_the_code_in_capitals(code: str) -> None:
    image = Image.open(io.BytesIO(booking_qr.png(code, module_px=4)))
    assert image.format == "PNG"
    assert decode(image) == [code.strip().upper()]


def test_the_png_has_the_quiet_zone_and_whole_modules() -> None:
    matrix = booking_qr.modules("AB-1234")
    image = Image.open(io.BytesIO(booking_qr.png("AB-1234", module_px=5))).convert("L")
    assert image.size == (len(matrix) * 5, len(matrix) * 5)
    border = booking_qr.QUIET_ZONE * 5
    assert image.crop((0, 0, image.width, border)).getextrema() == (255, 255)
    assert not any(matrix[y][x] for y in range(booking_qr.QUIET_ZONE) for x in range(len(matrix)))


def _svg_matrix(svg: str) -> list[list[bool]]:
    """The dark modules the SVG's path draws (its runs: ``M x y h n v1 h-n z``)."""
    root = ET.fromstring(svg.split("?>", 1)[1])
    side = int(root.attrib["viewBox"].split()[2])
    matrix = [[False] * side for _ in range(side)]
    path = root.find("{http://www.w3.org/2000/svg}path")
    assert path is not None
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path.attrib["d"]):
        for dx in range(int(n)):
            matrix[int(y)][int(x) + dx] = True
    return matrix


@pytest.mark.parametrize("code", CODES)
def test_the_svg_draws_the_same_modules(code: str) -> None:
    svg = booking_qr.svg(code, module_px=3)
    assert _svg_matrix(svg) == booking_qr.modules(code)
    assert f"<title>{code.strip().upper()}</title>" in svg


@pytest.mark.qt
def test_the_svg_scans_when_an_svg_renderer_draws_it(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(booking_qr.svg("GR-2026-0042").encode()))
    assert renderer.isValid()
    image = QImage(300, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert image.save(str(tmp_path / "qr.png"))
    assert decode(Image.open(tmp_path / "qr.png")) == ["GR-2026-0042"]


@pytest.mark.parametrize("code", ["ABC", "AB 1234", "AB_1234", "X" * 41, "ÄB-1234", ""])
def test_what_is_no_booking_code_gets_no_qr(code: str) -> None:
    for make in (booking_qr.png, booking_qr.svg):
        with pytest.raises(BadRequest):
            make(code)


def test_a_module_needs_a_pixel() -> None:
    with pytest.raises(BadRequest):
        booking_qr.png("AB-1234", module_px=0)
