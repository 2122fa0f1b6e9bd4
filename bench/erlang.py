"""Erlang C: the analytic yardstick for one pooled first-come queue (M/M/c).

Used to validate the simulator: with Poisson arrivals, exponential service and first-come
order, its steady-state mean wait must match these formulas.
"""

from __future__ import annotations


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arrival has to wait, with ``offered_load`` = arrival rate x mean
    service time (in Erlangs) spread over ``servers`` identical desks.

    Computed through the Erlang B recursion, which stays numerically stable for many desks.
    """
    if servers < 1:
        raise ValueError("servers must be >= 1")
    if not 0 <= offered_load < servers:
        raise ValueError("the queue is unstable unless 0 <= offered_load < servers")
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = offered_load * blocking / (k + offered_load * blocking)
    utilisation = offered_load / servers
    return blocking / (1 - utilisation * (1 - blocking))


def mean_wait(arrivals_per_minute: float, mean_service_minutes: float, servers: int) -> float:
    """Steady-state mean wait in minutes of M/M/c with first-come order."""
    load = arrivals_per_minute * mean_service_minutes
    spare_rate = servers / mean_service_minutes - arrivals_per_minute
    return erlang_c(servers, load) / spare_rate
