"""Wires one board together: stream → model → (widgets, announcer). Holds no widget code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from display_board.announcer import Announcer
from display_board.bridge import StreamBridge
from display_board.config import BoardConfig
from display_board.model import BoardModel, LinkState
from display_board.qt import QObject, Signal
from display_board.stream import Backoff
from eenloket_wire.messages import StreamMessage


def local_now() -> datetime:
    return datetime.now().astimezone()


class BoardController(QObject):
    """Feeds the stream's messages into the model and its announcements to the announcer."""

    changed = Signal()
    """The model changed: redraw."""

    def __init__(self, config: BoardConfig, announcer: Announcer | None,
                 clock: Callable[[], datetime] = local_now, backoff: Backoff | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.clock = clock
        self.model = BoardModel(config.desks, config.location)
        self.announcer = announcer
        if announcer is not None:
            announcer.setParent(self)
        self._bridge = StreamBridge(config, backoff, self)
        self._bridge.message.connect(self._on_message)
        self._bridge.link.connect(self._on_link)

    def start(self) -> None:
        self._bridge.start()

    def stop(self) -> None:
        self._bridge.stop()
        if self.announcer is not None:
            self.announcer.stop()

    def _on_message(self, message: StreamMessage) -> None:
        announcements = self.model.apply(message, self.clock())
        self.changed.emit()
        if self.announcer is not None:
            for announcement in announcements:
                self.announcer.announce(announcement)

    def _on_link(self, state: LinkState) -> None:
        self.model.set_link(state)
        self.changed.emit()
