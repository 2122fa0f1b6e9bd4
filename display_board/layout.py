"""Sizes on the board, derived from the screen so the numbers read from 10 metres.

Everything scales with the screen's short side (``unit``: 1080 px on a Full HD TV in either
orientation), because a TV turned on its side has the same physical pixels. The newest ticket
is set at 16 % of the unit (173 px on Full HD: capitals about 7.8 cm tall on a 55-inch
screen), the other current calls at 9 % (about 4.4 cm); signage guidance asks for about
3 cm per 10 m of reading distance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from display_board.config import Orientation

LINE = 1.4
"""Line height as a multiple of the font's pixel size (Noto Sans and DejaVu Sans need 1.36)."""
MAX_CALL_ROWS = 5
MIN_CALL_ROWS = 2
MAX_RECENT = 4
EARLIER_EM = 5.3
"""Room for one earlier call ("B023 → 12" in bold is 5.2 font sizes wide)."""
EARLIER_GAP_EM = 0.8
"""The gap between two earlier calls (three spaces)."""
EARLIER_LABEL_EM = 8.5
"""Room for the "Eerder geroepen / Called earlier" label in front of them."""


@dataclass(frozen=True)
class BoardLayout:
    width: int
    height: int
    portrait: bool
    margin: int
    spacing: int
    title_px: int
    clock_px: int
    marker_px: int
    label_px: int
    small_px: int
    hero_px: int
    row_px: int
    recent_px: int
    letter_px: int
    category_px: int
    category_en_px: int
    count_px: int
    info_px: int
    call_rows: int
    """Calls listed under the newest one."""
    recent_slots: int
    """Older calls in the small "called earlier" line."""
    category_rows: int

    @property
    def header_height(self) -> int:
        return round(max(self.title_px, self.clock_px) * LINE)

    @property
    def hero_height(self) -> int:
        return round(self.hero_px * LINE)

    @property
    def row_height(self) -> int:
        return round(self.row_px * LINE)

    @property
    def recent_height(self) -> int:
        return round(max(2 * self.small_px, self.recent_px) * LINE)

    @property
    def category_height(self) -> int:
        return round(max(self.count_px, self.category_px + self.category_en_px) * LINE)

    @property
    def footer_height(self) -> int:
        return round(2 * self.info_px * LINE)

    @property
    def body_spacing(self) -> int:
        """Between the calls and the queues."""
        return self.spacing * 2 if self.portrait else self.margin * 2

    @property
    def calls_width(self) -> int:
        inner = self.width - 2 * self.margin
        return inner if self.portrait else (inner - self.body_spacing) * 3 // 5

    def calls_height(self, rows: int) -> int:
        """Height of the calls panel: column labels, newest call, ``rows`` rows, earlier calls."""
        parts = [round(self.label_px * LINE), self.hero_height,
                 *([self.row_height] * rows), self.recent_height]
        return sum(parts) + self.spacing * (len(parts) - 1)

    def queues_height(self, rows: int) -> int:
        parts = [round(self.label_px * LINE), *([self.category_height] * rows)]
        return sum(parts) + self.spacing * (len(parts) - 1)


def board_layout(width: int, height: int, orientation: Orientation = Orientation.AUTO,
                 categories: int = 8) -> BoardLayout:
    """The layout for a ``width`` x ``height`` window showing up to ``categories`` queues."""
    if width <= 0 or height <= 0:
        raise ValueError("the window must have a size")
    portrait = (height > width if orientation is Orientation.AUTO
                else orientation is Orientation.PORTRAIT)
    unit = min(width, height)

    def px(fraction: float) -> int:
        return max(8, round(unit * fraction))

    base = BoardLayout(
        width=width, height=height, portrait=portrait,
        margin=px(0.025), spacing=px(0.012),
        title_px=px(0.045), clock_px=px(0.06), marker_px=px(0.03), label_px=px(0.032),
        small_px=px(0.024), hero_px=px(0.16), row_px=px(0.09), recent_px=px(0.045),
        letter_px=px(0.05), category_px=px(0.034), category_en_px=px(0.026),
        count_px=px(0.05), info_px=px(0.03),
        call_rows=0, recent_slots=0, category_rows=0,
    )
    body = (height - 2 * base.margin - base.header_height - base.footer_height
            - 2 * base.spacing)
    per_category = base.category_height + base.spacing
    if portrait:
        # Calls on top, queues below: the queues get what they need once the calls have
        # room for the newest and two more; the calls get the rest.
        room = body - base.calls_height(MIN_CALL_ROWS) - base.spacing - base.queues_height(0)
        category_rows = max(0, min(categories, room // per_category))
        calls_room = body - base.queues_height(category_rows) - base.body_spacing
    else:
        category_rows = max(0, min(categories, (body - base.queues_height(0)) // per_category))
        calls_room = body
    call_rows = max(0, min(MAX_CALL_ROWS,
                           (calls_room - base.calls_height(0)) // (base.row_height + base.spacing)))
    earlier_room = base.calls_width - EARLIER_LABEL_EM * base.small_px
    per_earlier = (EARLIER_EM + EARLIER_GAP_EM) * base.recent_px
    recent_slots = max(0, min(MAX_RECENT,
                              int((earlier_room + EARLIER_GAP_EM * base.recent_px) // per_earlier)))
    return replace(base, call_rows=call_rows, recent_slots=recent_slots,
                   category_rows=category_rows)
