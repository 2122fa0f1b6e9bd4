"""A discrete-event simulation of the counter hall on a virtual clock.

Visitors arrive (see :mod:`bench.demand`); a desk that falls free asks its policy for the
next visitor; when a visitor arrives while desks are idle, the idle desks are asked in the
order they fell idle (the clerk who has waited longest presses "call next" first). Service
starts at the call; the visitor leaves the queue then. Nobody is sent away: the day runs on
until everyone who came has been called.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from bench.demand import Visitor


class Policy(Protocol):
    """How a hall decides which waiting visitor a free desk calls."""

    @property
    def desks(self) -> Sequence[int]: ...

    def join(self, visitor: Visitor, now: float) -> None:
        """A visitor starts waiting."""

    def call(self, desk: int, now: float) -> Visitor | None:
        """The visitor ``desk`` calls now (removed from the queue), or ``None``."""


@dataclass(frozen=True, slots=True)
class Served:
    visitor: Visitor
    desk: int
    called_at: float

    @property
    def wait(self) -> float:
        """Minutes between becoming due and being called; an early call counts as zero."""
        return max(0.0, self.called_at - self.visitor.due)


def run(visitors: Iterable[Visitor], policy: Policy) -> Iterator[Served]:
    """Serve ``visitors`` (sorted by arrival) with ``policy``, yielding each call as it happens.

    A generator, so that a long validation run never holds all its visitors at once.
    """
    free_at: list[tuple[float, int]] = []  # (time, desk) of busy desks
    # The clock only moves forward, so appending keeps this in the order desks fell idle.
    idle: list[int] = sorted(policy.desks)

    def start(desk: int, visitor: Visitor, now: float) -> Served:
        heapq.heappush(free_at, (now + visitor.duration, desk))
        return Served(visitor, desk, now)

    def release_until(limit: float) -> Iterator[Served]:
        # Desks that fall free at the same moment as an arrival call before it joins: the
        # queue they look at is the one the arrival will find.
        while free_at and free_at[0][0] <= limit:
            now, desk = heapq.heappop(free_at)
            nxt = policy.call(desk, now)
            if nxt is None:
                idle.append(desk)
            else:
                yield start(desk, nxt, now)

    for visitor in visitors:
        yield from release_until(visitor.arrival)
        now = visitor.arrival
        policy.join(visitor, now)
        # Only the newcomer can be new work for a desk that was idle, so the first idle
        # desk that takes someone ends the round.
        for position, desk in enumerate(idle):
            nxt = policy.call(desk, now)
            if nxt is not None:
                del idle[position]
                yield start(desk, nxt, now)
                break
    yield from release_until(float("inf"))
