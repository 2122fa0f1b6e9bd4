"""Live status for phones: one event subscription per location, shared by all its phones.

Hundreds of phones may follow one hall. Each location's feed subscribes to the hub once and,
after events that can move the queue, recomputes every watched visit's status in one batch
(:func:`~queue_server.web.visitor.status.statuses`: a few queries, whatever the number of
phones). Events are gathered for up to :data:`DEBOUNCE_SECONDS` first, except an event about
a watched ticket, which is answered at once: "your turn" must not wait. A phone's connection
only waits for its watcher's ``changed`` signal and sends the latest status; a slow phone
never holds up the others, it simply skips intermediate states.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict

from eenloket_wire.messages import EventOut
from queue_server.api.state import AppState
from queue_server.realtime import Subscriber
from queue_server.store import repository as repo
from queue_server.web.visitor.status import VisitorStatusOut, statuses

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 1.0
QUIET_EVENTS = frozenset({"device.printer", "help.requested", "data.purged",
                          "appointments.no_show"})
"""Events that cannot move anyone's place or wait."""


class Watcher:
    """One phone connection's view of its visit."""

    def __init__(self, visit_id: int, ticket: str, status: VisitorStatusOut | None) -> None:
        self.visit_id = visit_id
        self.ticket = ticket
        self.latest = status
        """None once the visit is gone (its day ended, or the link was retired)."""
        self.changed = asyncio.Event()

    def offer(self, status: VisitorStatusOut | None) -> None:
        if status != self.latest:
            self.latest = status
            self.changed.set()


class LocationFeed:
    def __init__(self, state: AppState, code: str) -> None:
        self.state = state
        self.code = code
        self.watchers: dict[int, set[Watcher]] = defaultdict(set)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"visitor-feed-{self.code}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def _urgent(self, event: EventOut) -> bool:
        tickets = {w.ticket for group in self.watchers.values() for w in group}
        return event.ticket is not None and event.ticket in tickets

    async def _run(self) -> None:
        subscriber = self.state.hub.subscribe(self.code)
        loop = asyncio.get_running_loop()
        try:
            while True:
                event = await subscriber.queue.get()
                if event.type in QUIET_EVENTS:
                    continue
                until = loop.time() + DEBOUNCE_SECONDS
                urgent = self._urgent(event)
                while not urgent and (left := until - loop.time()) > 0:
                    try:
                        event = await asyncio.wait_for(subscriber.queue.get(), left)
                    except TimeoutError:
                        break
                    urgent = self._urgent(event)
                subscriber = self._drain(subscriber)
                await self._refresh()
        finally:
            self.state.hub.unsubscribe(subscriber)

    def _drain(self, subscriber: Subscriber) -> Subscriber:
        """Skip what the coming refresh covers anyway; resubscribe if the hub dropped us."""
        while not subscriber.queue.empty():
            subscriber.queue.get_nowait()
        if subscriber.dropped.is_set():
            self.state.hub.unsubscribe(subscriber)
            subscriber = self.state.hub.subscribe(self.code)
        return subscriber

    async def _refresh(self) -> None:
        if not self.watchers:
            return
        try:
            async with self.state.read() as ctx:
                location = await repo.location_by_code(ctx.session, self.code)
                if location is None:
                    return
                fresh = await statuses(ctx, location, list(self.watchers))
        except Exception:
            # A database hiccup must not end the feed: the next event tries again.
            log.exception("visitor feed %s could not refresh", self.code)
            return
        for visit_id, status in fresh.items():
            for watcher in self.watchers.get(visit_id, ()):
                watcher.offer(status)


class VisitorFeeds:
    """The app's feeds, started with the first phone of a location, stopped with the last."""

    def __init__(self, state: AppState) -> None:
        self.state = state
        self._feeds: dict[str, LocationFeed] = {}

    def join(self, location: str, watcher: Watcher) -> None:
        feed = self._feeds.get(location)
        if feed is None:
            feed = self._feeds[location] = LocationFeed(self.state, location)
            feed.start()
        feed.watchers[watcher.visit_id].add(watcher)

    async def leave(self, location: str, watcher: Watcher) -> None:
        feed = self._feeds.get(location)
        if feed is None:
            return
        group = feed.watchers.get(watcher.visit_id)
        if group is not None:
            group.discard(watcher)
            if not group:
                del feed.watchers[watcher.visit_id]
        if not feed.watchers:
            del self._feeds[location]
            await feed.stop()

    @property
    def phones(self) -> int:
        return sum(len(g) for f in self._feeds.values() for g in f.watchers.values())
