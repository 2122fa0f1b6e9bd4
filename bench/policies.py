"""The three ways of running the hall that the day simulation compares."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from bench.demand import Visitor
from queue_server.domain.catalogue import Desk
from queue_server.routing import DeskProfile, WaitingTask, choose_next


class PooledFirstCome:
    """One queue, every desk can do everything: the bound the hall can at best reach.

    First come is first due: an appointment visitor who came early queues from the booked
    time, but is still called when nobody who is due waits.
    """

    def __init__(self, desks: Sequence[int]) -> None:
        self._desks = tuple(desks)
        self._queue: list[tuple[float, int, Visitor]] = []

    @property
    def desks(self) -> Sequence[int]:
        return self._desks

    def join(self, visitor: Visitor, now: float) -> None:
        heapq.heappush(self._queue, (visitor.due, visitor.id, visitor))

    def call(self, desk: int, now: float) -> Visitor | None:
        return heapq.heappop(self._queue)[2] if self._queue else None


class SeparateQueues:
    """Today's fragmented hall: each desk serves one department's first-come queue."""

    def __init__(self, desk_department: Mapping[int, str]) -> None:
        self._department = dict(desk_department)
        self._queues: dict[str, list[tuple[float, int, Visitor]]] = {
            department: [] for department in self._department.values()
        }

    @property
    def desks(self) -> Sequence[int]:
        return tuple(self._department)

    def join(self, visitor: Visitor, now: float) -> None:
        queue = self._queues[visitor.service.department]  # KeyError: a department without desks
        heapq.heappush(queue, (visitor.due, visitor.id, visitor))

    def call(self, desk: int, now: float) -> Visitor | None:
        queue = self._queues[self._department[desk]]
        return heapq.heappop(queue)[2] if queue else None


def split_desks(desks: Sequence[int], workload: Mapping[str, float]) -> dict[int, str]:
    """Give every department with work one desk, the rest to the busiest per desk (D'Hondt).

    That is the proportional split of today's hall: each department's desks carry about the
    same load.
    """
    busy = sorted(d for d, minutes in workload.items() if minutes > 0)
    if len(busy) > len(desks):
        raise ValueError(f"{len(busy)} departments need a desk but there are {len(desks)}")
    count = dict.fromkeys(busy, 1)
    for _ in range(len(desks) - len(busy)):
        department = max(busy, key=lambda d: (workload[d] / (count[d] + 1), d))
        count[department] += 1
    order = [d for d in busy for _ in range(count[d])]
    return dict(zip(sorted(desks), order, strict=True))


class Router:
    """The real router (:func:`queue_server.routing.choose_next`) with the desks' real skills."""

    def __init__(self, desks: Sequence[Desk], opening: datetime) -> None:
        self._profiles = {d.number: DeskProfile(d.number, d.skills) for d in desks}
        self._opening = opening
        self._waiting: dict[WaitingTask, Visitor] = {}

    @property
    def desks(self) -> Sequence[int]:
        return tuple(self._profiles)

    def _at(self, minutes: float) -> datetime:
        return self._opening + timedelta(minutes=minutes)

    def join(self, visitor: Visitor, now: float) -> None:
        service = visitor.service
        task = WaitingTask(
            visit_id=visitor.id,
            ticket=f"{service.department[0].upper()}{visitor.id:03d}",
            skill=service.skill,
            queued_at=self._at(visitor.arrival),
            target_minutes=visitor.target,
            appointment_at=None if visitor.appointment is None else self._at(visitor.appointment),
        )
        self._waiting[task] = visitor

    def call(self, desk: int, now: float) -> Visitor | None:
        choice = choose_next(self._profiles[desk], list(self._waiting), self._at(now))
        return None if choice is None else self._waiting.pop(choice.task)
