"""Event log → subscribers.

Each subscriber (a WebSocket connection) has its own bounded queue. Publishing never waits:
a subscriber whose queue is full is marked dropped and its connection closes, so one slow
board never delays the others; it reconnects with the last sequence it saw and catches up.

With SQLite the one server process publishes after each commit. With PostgreSQL every worker
LISTENs and publishes what any worker NOTIFYed, so all workers' subscribers see all events.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import OrderedDict, defaultdict

import psycopg

from eenloket_wire.messages import EventOut, StreamMessage

log = logging.getLogger(__name__)

WIRE_CACHE = 256
"""Recent events kept serialized; subscribers send them within moments of publication."""


class Subscriber:
    def __init__(self, location: str, size: int) -> None:
        self.location = location
        self.queue: asyncio.Queue[EventOut] = asyncio.Queue(maxsize=size)
        self.dropped = asyncio.Event()


class Hub:
    def __init__(self, queue_size: int) -> None:
        self.queue_size = queue_size
        self._subscribers: dict[str, set[Subscriber]] = defaultdict(set)
        self.dropped_total = 0
        self.published_total = 0
        self._wire: OrderedDict[tuple[str, int], str] = OrderedDict()

    def wire(self, location: str, event: EventOut) -> str:
        """The event as a stream message; serialized once per event, not per subscriber."""
        text = self._wire.get((location, event.seq))
        if text is None:
            text = StreamMessage(kind="event", event=event).model_dump_json()
        return text

    def subscribe(self, location: str) -> Subscriber:
        subscriber = Subscriber(location, self.queue_size)
        self._subscribers[location].add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._subscribers[subscriber.location].discard(subscriber)

    @property
    def count(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    def publish(self, location: str, event: EventOut) -> None:
        self.published_total += 1
        subscribers = self._subscribers.get(location)
        if not subscribers:
            return
        text = StreamMessage(kind="event", event=event).model_dump_json()
        self._wire[(location, event.seq)] = text
        while len(self._wire) > WIRE_CACHE:
            self._wire.popitem(last=False)
        for subscriber in list(subscribers):
            if subscriber.dropped.is_set():
                continue
            try:
                subscriber.queue.put_nowait(event)
            except asyncio.QueueFull:
                subscriber.dropped.set()
                self.dropped_total += 1
                log.warning("subscriber dropped: more than %d events behind", self.queue_size)

    def drop_all(self) -> None:
        """Make every subscriber resync (after events may have been missed)."""
        for subscribers in self._subscribers.values():
            for subscriber in subscribers:
                subscriber.dropped.set()

    def publish_all(self, events: list[tuple[str, EventOut]]) -> None:
        for location, event in events:
            self.publish(location, event)


class PostgresListener:
    """LISTENs on the events channel and feeds the local hub; reconnects with backoff."""

    def __init__(self, url: str, channel: str, hub: Hub) -> None:
        self.url = url
        self.channel = channel
        self.hub = hub
        self.ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._connected_before = False

    def _deliver(self, payload: str) -> None:
        try:
            message = json.loads(payload)
            self.hub.publish(message["location"], EventOut.model_validate(message["event"]))
        except (ValueError, KeyError, TypeError) as exc:
            # One unreadable notification (say, from a newer version during an upgrade)
            # must not end the listener; the streams' sequence check reveals the gap.
            log.error("unreadable event notification skipped: %s", exc)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="pg-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        delay = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.url, autocommit=True
                ) as connection:
                    await connection.execute(f"LISTEN {self.channel}")
                    if self.ready.is_set() is False and self._connected_before:
                        # Notifications sent while we were away are lost: every stream
                        # resyncs from the log with its last sequence.
                        self.hub.drop_all()
                    self._connected_before = True
                    self.ready.set()
                    delay = 0.5
                    async for notify in connection.notifies():
                        self._deliver(notify.payload)
            except (psycopg.Error, OSError) as exc:
                self.ready.clear()
                log.warning("event listener lost the database (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)
