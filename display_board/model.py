"""What the board shows and what it has to announce: a pure model fed with stream messages.

The model holds numbers only (tickets, desks, counts), never names. It reads no clock: the
caller passes ``now`` (an aware datetime) into every call.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from eenloket_wire.messages import CategoryOut, EventOut, SnapshotOut, StreamMessage

CALL_EVENTS = frozenset({"visit.called", "visit.recalled"})
MAX_CALLS = 10
"""Distinct tickets kept; the screen shows as many as its layout has room for."""
HIGHLIGHT = timedelta(seconds=10)
"""How long the newest call stays highlighted."""
ANNOUNCE_WITHIN = timedelta(minutes=2)
"""Calls older than this (replayed after a long outage) are shown but not announced."""


class LinkState(enum.Enum):
    CONNECTING = "connecting"
    """Started, no answer from the server yet."""
    ONLINE = "online"
    OFFLINE = "offline"
    """The connection was lost; the last known state stays on screen."""
    REJECTED = "rejected"
    """The server refused the board's token or location."""


@dataclass(frozen=True)
class Call:
    ticket: str
    desk: int
    at: datetime
    language: str
    recall: bool = False


@dataclass(frozen=True)
class Announcement:
    """One call to say aloud: in Dutch, and in the visitor's language if that differs."""

    ticket: str
    desk: int
    language: str
    recall: bool = False


class BoardModel:
    """The state of one board: calls (newest first), queues, connection, highlight."""

    def __init__(self, desks: frozenset[int] | None = None, location_name: str = "") -> None:
        self.desks = desks
        self.location_name = location_name
        """Until the first snapshot brings the real name: whatever the caller knows."""
        self.calls: list[Call] = []
        self.categories: list[CategoryOut] = []
        self.seq: int | None = None
        self.link = LinkState.CONNECTING
        self._highlight: tuple[str, datetime] | None = None
        self._server_offset = timedelta(0)
        """Server clock minus ours, learnt from each snapshot, to judge an event's age."""

    def set_link(self, state: LinkState) -> None:
        self.link = state

    def apply(self, message: StreamMessage, now: datetime) -> list[Announcement]:
        """Take in one stream message; return the calls to announce, in order."""
        if message.kind == "snapshot" and message.snapshot is not None:
            self._apply_snapshot(message.snapshot, now)
            return []
        if message.kind == "event" and message.event is not None:
            return self._apply_event(message.event, now)
        return []

    def highlighted(self, now: datetime) -> str | None:
        """The ticket to highlight now: the newest call, for :data:`HIGHLIGHT` after it came."""
        if self._highlight is None or not self.calls:
            return None
        ticket, since = self._highlight
        if now - since >= HIGHLIGHT or self.calls[0].ticket != ticket:
            return None
        return ticket

    def highlight_started(self) -> datetime | None:
        return self._highlight[1] if self._highlight is not None else None

    def _shows(self, desk: int | None) -> bool:
        return self.desks is None or (desk is not None and desk in self.desks)

    def _apply_snapshot(self, snapshot: SnapshotOut, now: datetime) -> None:
        self.location_name = snapshot.location_name
        self.seq = snapshot.seq
        self.categories = list(snapshot.categories)
        self._server_offset = snapshot.at - now
        # A snapshot is the truth after a (re)connect: it replaces what we had, and its
        # calls are old news, so nothing is highlighted or announced.
        self.calls = []
        for call in snapshot.recent_calls:  # newest first
            if self._shows(call.desk) and all(c.ticket != call.ticket for c in self.calls):
                self.calls.append(Call(call.ticket, call.desk, call.at, call.language,
                                       call.recall))
        del self.calls[MAX_CALLS:]
        self._highlight = None

    def _apply_event(self, event: EventOut, now: datetime) -> list[Announcement]:
        self.seq = event.seq
        if event.categories is not None:
            self.categories = list(event.categories)
        if event.type not in CALL_EVENTS or event.ticket is None or event.desk is None:
            return []
        if not self._shows(event.desk):
            return []
        language = str(event.data.get("language", "nl"))
        recall = event.type == "visit.recalled"
        call = Call(event.ticket, event.desk, event.at, language, recall)
        self.calls = [call, *(c for c in self.calls if c.ticket != call.ticket)][:MAX_CALLS]
        if now + self._server_offset - event.at > ANNOUNCE_WITHIN:
            return []
        self._highlight = (call.ticket, now)
        return [Announcement(call.ticket, call.desk, language, recall)]
