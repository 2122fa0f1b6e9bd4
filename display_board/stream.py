"""Following a location's event stream over WebSocket, through drops and server restarts.

:class:`EventStream` runs on an asyncio loop (the bridge gives it a thread of its own, away
from the GUI). It connects with the board's device token, hands every message on in sequence
order, and on any drop reconnects with backoff, resuming after the last sequence it saw; the
server then sends what was missed, or a fresh snapshot. The sequence bookkeeping
(:class:`SeqTracker`) and the backoff (:class:`Backoff`) are pure.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

import pydantic
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from display_board.config import BoardConfig
from display_board.model import LinkState
from eenloket_wire.messages import StreamMessage

log = logging.getLogger(__name__)

REFUSED_STATUS = frozenset({401, 403, 404})
"""HTTP answers to the WebSocket handshake that mean: wrong token, device or location."""
REFUSED_CLOSE = frozenset({4401, 4403, 4404})


class Verdict(enum.Enum):
    ACCEPT = "accept"
    GAP = "gap"
    """Events were skipped: reconnect, resuming after the last one seen."""
    RESET = "reset"
    """The server's numbering went back (a fresh database): start over from a snapshot."""


class SeqTracker:
    """Keeps the last sequence number seen and judges each new message against it."""

    def __init__(self) -> None:
        self.last: int | None = None

    def accept(self, message: StreamMessage) -> Verdict:
        if message.kind == "snapshot" and message.snapshot is not None:
            self.last = message.snapshot.seq
            return Verdict.ACCEPT
        if message.event is None:
            return Verdict.ACCEPT
        seq = message.event.seq
        if self.last is not None:
            # The server never repeats a sequence it has sent after ``since``, so a lower
            # one means its event log started again.
            if seq <= self.last:
                self.last = None
                return Verdict.RESET
            if seq > self.last + 1:
                return Verdict.GAP
        self.last = seq
        return Verdict.ACCEPT


@dataclass
class Backoff:
    """Waits between reconnection attempts: doubling from ``initial`` up to ``maximum``."""

    initial: float = 0.25
    maximum: float = 5.0
    factor: float = 2.0

    def __post_init__(self) -> None:
        self._next = self.initial

    def next_delay(self) -> float:
        delay = self._next
        self._next = min(self.maximum, self._next * self.factor)
        return delay

    def reset(self) -> None:
        self._next = self.initial


class EventStream:
    """The board's subscription: ``on_message`` gets each message in order, ``on_link`` the
    connection state; both are called on the stream's own loop."""

    def __init__(self, config: BoardConfig, on_message: Callable[[StreamMessage], None],
                 on_link: Callable[[LinkState], None], backoff: Backoff | None = None) -> None:
        self.config = config
        self.on_message = on_message
        self.on_link = on_link
        self.backoff = backoff or Backoff()
        self.tracker = SeqTracker()
        self._link: LinkState | None = None

    async def run(self) -> None:
        """Follow the stream until cancelled."""
        while True:
            try:
                outcome = await self._follow()
            except InvalidStatus as exc:
                refused = exc.response.status_code in REFUSED_STATUS
                outcome = LinkState.REJECTED if refused else LinkState.OFFLINE
                log.info("event stream: handshake answered %s", exc.response.status_code)
            except ConnectionClosed as exc:
                code = exc.rcvd.code if exc.rcvd is not None else None
                outcome = LinkState.REJECTED if code in REFUSED_CLOSE else LinkState.OFFLINE
                log.info("event stream: closed (%s)", code)
            except (OSError, TimeoutError, WebSocketException) as exc:
                outcome = LinkState.OFFLINE
                log.info("event stream: cannot connect (%s)", exc)
            if outcome is None:
                continue
            self._set_link(outcome)
            # A refused board will not be let in a second later: knock again slowly.
            await asyncio.sleep(self.backoff.maximum if outcome is LinkState.REJECTED
                                else self.backoff.next_delay())

    def _set_link(self, state: LinkState) -> None:
        if state is not self._link:
            self._link = state
            if state is LinkState.ONLINE:
                log.info("event stream: following %s", self.config.location)
            self.on_link(state)

    async def _follow(self) -> LinkState | None:
        """One connection; None when it was left on purpose to resynchronise at once."""
        url = self.config.events_url(self.tracker.last)
        headers = {"Authorization": f"Bearer {self.config.token}"}
        # proxy=None: a board talks to its own hall's server, never through a proxy
        # picked up from the environment. Pings notice a dead link (cable, switch)
        # within about 20 seconds.
        async with connect(url, additional_headers=headers, proxy=None, open_timeout=5,
                           close_timeout=2, ping_interval=10, ping_timeout=10) as socket:
            self._set_link(LinkState.ONLINE)
            self.backoff.reset()
            async for raw in socket:
                try:
                    message = StreamMessage.model_validate_json(raw)
                except pydantic.ValidationError:
                    log.warning("event stream: ignored a message the board does not understand")
                    continue
                verdict = self.tracker.accept(message)
                if verdict is not Verdict.ACCEPT:
                    log.info("event stream: %s, resynchronising", verdict.value)
                    return None
                self.on_message(message)
        return LinkState.OFFLINE
