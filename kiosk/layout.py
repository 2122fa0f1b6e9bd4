"""Sizes and places on the kiosk's screen, without Qt: what the widgets lay out by.

Touch targets: WCAG 2.5.5 asks 44 CSS pixels, which is 44/96 inch (11.6 mm). A kiosk screen
has its own density, so the minimum is that physical size in the screen's pixels, and never
fewer than 44 pixels.

Low reach: a seated visitor reaches up to about 120 cm (EN 301 549 refers to ISO 21542's
reach ranges). With the screen's lower edge at 80 cm, the upper part of a 32-inch portrait
screen is out of reach, so in this mode every control lies in the lower
``1 - LOW_REACH_TOP`` of the screen and only texts stay above.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from kiosk.config import Orientation
from kiosk.model import Modes

CSS_TARGET_PX: Final = 44
CSS_DPI: Final = 96.0
LOW_REACH_TOP: Final = 0.45
"""In low-reach mode no control starts above this fraction of the screen's height."""
NORMAL_CONTROLS_TOP: Final = 0.25
"""Otherwise controls may start from here (titles and explanations above)."""

T = TypeVar("T")


def min_target_px(dpi: float) -> int:
    """The smallest touch target in the screen's pixels: 44 CSS pixels of physical size."""
    return max(CSS_TARGET_PX, math.ceil(CSS_TARGET_PX * dpi / CSS_DPI))


@dataclass(frozen=True, slots=True)
class Metrics:
    """Every size a screen needs, in device pixels."""

    width: int
    height: int
    min_target: int
    text_px: int
    title_px: int
    number_px: int
    button_height: int
    tile_height: int
    tile_columns: int
    spacing: int
    margin: int
    footer_rows: int
    controls_top: int
    """No control starts above this y (low reach makes it lower)."""
    measured_footer: int = 0
    """The footer's real height once it is built (captions may wrap); 0 until then."""

    @property
    def footer_height(self) -> int:
        estimate = self.footer_rows * self.button_height + (self.footer_rows + 1) * self.spacing
        return max(estimate, self.measured_footer)

    @property
    def controls_height(self) -> int:
        """The room for a screen's own controls, between ``controls_top`` and the footer
        (less a spacing, so rounding in the layout never pushes a control above the top)."""
        return self.height - self.controls_top - self.footer_height - self.margin - self.spacing

    def rows_that_fit(self, row_height: int, reserved: int = 0) -> int:
        """How many rows of ``row_height`` fit in the controls' room after ``reserved``."""
        room = self.controls_height - reserved
        return max(1, (room + self.spacing) // (row_height + self.spacing))


def metrics(orientation: Orientation, modes: Modes, dpi: float) -> Metrics:
    width, height = orientation.size
    target = min_target_px(dpi)
    # Text grows with the density too, so it keeps its physical size on a sharper screen.
    scale = max(1.0, dpi / CSS_DPI) * (1.35 if modes.large_text else 1.0)
    text_px = round(28 * scale)
    button_height = max(round(2.9 * text_px), 2 * target)
    portrait = orientation is Orientation.PORTRAIT
    top = LOW_REACH_TOP if modes.low_reach else NORMAL_CONTROLS_TOP
    return Metrics(
        width=width,
        height=height,
        min_target=target,
        text_px=text_px,
        title_px=round(text_px * 1.6),
        number_px=round(min(width, height) * 0.22),
        button_height=button_height,
        tile_height=round(button_height * (1.9 if portrait else 1.6)),
        tile_columns=2 if portrait else 4,
        spacing=max(12, target // 3),
        margin=max(16, target // 2),
        footer_rows=3 if portrait else 1,
        controls_top=round(height * top),
    )


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    number: int
    """Counted from 0."""
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.number < self.count - 1


def paginate(items: Sequence[T], per_page: int, number: int) -> Page[T]:
    """Page ``number`` (clamped to the pages there are) of ``items``, ``per_page`` each."""
    per_page = max(1, per_page)
    count = max(1, math.ceil(len(items) / per_page))
    number = min(max(number, 0), count - 1)
    return Page(items[number * per_page:(number + 1) * per_page], number, count)
