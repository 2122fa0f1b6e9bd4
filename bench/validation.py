"""Checks the simulator against queueing theory before its day figures are trusted.

One pooled first-come queue with Poisson arrivals and exponential service is M/M/c, whose
steady-state mean wait Erlang C gives exactly (:mod:`bench.erlang`). The simulation runs one
long stretch and drops a warm-up, because many short days would each start empty and so
measure a queue that never reaches its steady state.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterator

from bench.demand import Visitor
from bench.policies import PooledFirstCome
from bench.sim_engine import run
from queue_server.domain.catalogue import AppointmentPolicy, Service

_ANY = Service("any", "any", "elk", "any", "algemeen", 1.0, AppointmentPolicy.NO)


def _poisson_stream(
    rng: random.Random, per_minute: float, mean_minutes: float, horizon: float
) -> Iterator[Visitor]:
    now, index = 0.0, 0
    while True:
        now += rng.expovariate(per_minute)
        if now >= horizon:
            return
        yield Visitor(index, _ANY, now, None, rng.expovariate(1 / mean_minutes))
        index += 1


def simulated_mean_wait(
    per_minute: float,
    mean_minutes: float,
    desks: int,
    *,
    hours: float,
    warm_up_hours: float,
    seed: int,
) -> float:
    """Mean wait (minutes) of visitors arriving after the warm-up in a simulated M/M/c."""
    rng = random.Random(seed)
    stream = _poisson_stream(rng, per_minute, mean_minutes, 60 * hours)
    served = run(stream, PooledFirstCome(range(1, desks + 1)))
    warm_up = 60 * warm_up_hours
    return statistics.fmean(s.wait for s in served if s.visitor.arrival >= warm_up)
