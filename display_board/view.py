"""The texts on the board at a given moment, in Dutch and English: pure, no Qt.

Widgets only copy these strings into labels, so everything a visitor reads is decided (and
tested) here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from display_board.config import InfoLine
from display_board.layout import BoardLayout
from display_board.model import BoardModel, LinkState
from eenloket_i18n import translate
from eenloket_wire.messages import CategoryOut

INFO_SECONDS = 12
"""Each information line stays this long when there are several."""


@dataclass(frozen=True)
class Bilingual:
    nl: str
    en: str


@dataclass(frozen=True)
class CallRow:
    ticket: str
    desk: str
    highlighted: bool = False
    recall: Bilingual | None = None


@dataclass(frozen=True)
class QueueRow:
    letter: str
    name: Bilingual
    waiting: str
    wait: str


@dataclass(frozen=True)
class BoardView:
    title: str
    clock: str
    marker: Bilingual | None
    """Shown discreetly while the board is not connected; the rest stays as it was."""
    heading: Bilingual
    ticket_label: Bilingual
    desk_label: Bilingual
    hero: CallRow | None
    rows: list[CallRow]
    earlier_label: Bilingual
    earlier: list[str]
    empty: Bilingual | None
    queues_heading: Bilingual
    waiting_label: Bilingual
    wait_label: Bilingual
    queues: list[QueueRow]
    info: Bilingual


def both(key: str, **params: object) -> Bilingual:
    return Bilingual(translate(key, "nl", **params), translate(key, "en", **params))


MARKERS = {
    LinkState.CONNECTING: "board.link.connecting",
    LinkState.OFFLINE: "board.link.offline",
    LinkState.REJECTED: "board.link.rejected",
}


def wait_text(category: CategoryOut) -> str:
    """"± 12 min", or a dash when nobody waits or there is no estimate."""
    minutes = category.expected_wait_minutes
    if category.waiting == 0 or minutes is None:
        return translate("board.wait.none", "nl")
    return translate("board.wait.minutes", "nl", minutes=max(1, math.ceil(minutes)))


def info_line(lines: tuple[InfoLine, ...], now: datetime) -> Bilingual:
    """The information line to show now; several lines take turns."""
    if not lines:
        return both("board.info.default")
    line = lines[int(now.timestamp() // INFO_SECONDS) % len(lines)]
    return Bilingual(line.nl, line.en)


def board_view(model: BoardModel, layout: BoardLayout, info: tuple[InfoLine, ...],
               now: datetime) -> BoardView:
    """What the board shows at ``now`` (local time, aware) for a screen with ``layout``."""
    highlighted = model.highlighted(now)
    rows = [
        CallRow(call.ticket, str(call.desk), call.ticket == highlighted,
                both("board.label.recall") if call.recall else None)
        for call in model.calls
    ]
    shown = 1 + layout.call_rows
    earlier = [f"{call.ticket} → {call.desk}"
               for call in model.calls[shown:shown + layout.recent_slots]]
    return BoardView(
        title=model.location_name,
        clock=now.strftime("%H:%M"),
        marker=both(MARKERS[model.link]) if model.link in MARKERS else None,
        heading=both("board.heading.calls"),
        ticket_label=both("board.label.ticket"),
        desk_label=both("board.label.desk"),
        hero=rows[0] if rows else None,
        rows=rows[1:shown],
        earlier_label=both("board.label.earlier"),
        earlier=earlier,
        empty=None if rows else both("board.empty"),
        queues_heading=both("board.heading.queues"),
        waiting_label=both("board.label.waiting"),
        wait_label=both("board.label.wait"),
        queues=[
            QueueRow(c.letter, Bilingual(c.name_nl, c.name_en), str(c.waiting), wait_text(c))
            for c in model.categories[:layout.category_rows]
        ],
        info=info_line(info, now),
    )
