"""Sizes on the board, derived from the screen so the numbers read from 10 metres.

Everything scales with the screen's short side (``unit``: 1080 px on a Full HD TV in either
orientation), because a TV turned on its side has the same physical pixels. The newest ticket
is 17 % of the unit high (184 px on Full HD, about 8 cm capital height on a 55-inch screen,
readable from well over 10 m); the other current calls are 10 % (about 5 cm).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from display_board.config import Orientation

LINE = 1.3
"""Line height as a multiple of the font's pixel size."""
MAX_CALL_ROWS = 5
MIN_CALL_ROWS = 2
MAX_RECENT = 4


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
        return round(self.hero_px * 1.2)

    @property
    def row_height(self) -> int:
        return round(self.row_px * 1.25)

    @property
    def recent_height(self) -> int:
        return round((self.label_px + self.recent_px) * LINE)

    @property
    def category_height(self) -> int:
        return round(max(self.count_px, self.category_px + self.category_en_px) * LINE)

    @property
    def footer_height(self) -> int:
        return round(2 * self.info_px * LINE)

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
        hero_px=px(0.17), row_px=px(0.10), recent_px=px(0.055),
        letter_px=px(0.055), category_px=px(0.034), category_en_px=px(0.026),
        count_px=px(0.055), info_px=px(0.034),
        call_rows=0, recent_slots=MAX_RECENT, category_rows=0,
    )
    body = (height - 2 * base.margin - base.header_height - base.footer_height
            - 2 * base.spacing)
    per_category = base.category_height + base.spacing
    if portrait:
        # Calls on top, queues below: the queues get what they need once the calls have
        # room for the newest and two more; the calls get the rest.
        room = body - base.calls_height(MIN_CALL_ROWS) - base.spacing - base.queues_height(0)
        category_rows = max(0, min(categories, room // per_category))
        calls_room = body - base.queues_height(category_rows) - base.spacing
    else:
        category_rows = max(0, min(categories, (body - base.queues_height(0)) // per_category))
        calls_room = body
    call_rows = max(0, min(MAX_CALL_ROWS,
                           (calls_room - base.calls_height(0)) // (base.row_height + base.spacing)))
    return replace(base, call_rows=call_rows, category_rows=category_rows)
