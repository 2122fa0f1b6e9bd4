"""Read back what a ticket's ESC/POS bytes put on paper, for tests.

Only raster images (``GS v 0``) are decoded: enough to check drawn tickets and image QR codes
with a real barcode reader. Text printed in the printer's own font is not drawn.
"""

from __future__ import annotations

from PIL import Image

GS_V0 = b"\x1dv0"


def _split(payload: bytes) -> tuple[list[Image.Image], bytes]:
    images, commands, position = [], bytearray(), 0
    while (start := payload.find(GS_V0, position)) != -1:
        commands += payload[position:start]
        header = payload[start + 4:start + 8]
        width_bytes = int.from_bytes(header[0:2], "little")
        height = int.from_bytes(header[2:4], "little")
        data_start = start + 8
        data = payload[data_start:data_start + width_bytes * height]
        assert len(data) == width_bytes * height, "truncated raster image"
        # In ESC/POS a set bit is a black dot; in Pillow's mode "1" it is white.
        bits = Image.frombytes("1", (width_bytes * 8, height), bytes(b ^ 0xFF for b in data))
        images.append(bits.convert("L"))
        position = data_start + len(data)
    return images, bytes(commands + payload[position:])


def raster_images(payload: bytes) -> list[Image.Image]:
    """Every ``GS v 0`` image in ``payload``, in order, black on white (mode ``L``)."""
    return _split(payload)[0]


def without_images(payload: bytes) -> bytes:
    """``payload`` with its raster images taken out: the commands and text around them."""
    return _split(payload)[1]


def paper(payload: bytes, width: int) -> Image.Image:
    """The raster images stacked as the paper shows them, each from the left margin."""
    images = raster_images(payload)
    sheet = Image.new("L", (width, sum(i.height for i in images)), 255)
    y = 0
    for image in images:
        sheet.paste(image, (0, y))
        y += image.height
    return sheet
