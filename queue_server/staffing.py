"""Staffing advice: how many desks each hour needs to help visitors within the norm.

Pure queueing theory, no I/O. The hall is modelled as one pooled queue with ``c`` identical
desks, Poisson arrivals and exponential handling times (Erlang C, M/M/c). With offered load
``A = λ·h`` (arrivals per minute times handling minutes, in Erlangs) the chance that a visitor
waits at all is ``C(c, A)``, and the chance to be called within ``t`` minutes is::

    P(W <= t) = 1 - C(c, A) · exp(-(c - A) · t / h)

Appointments and walk-ins have different norms (5 and 10 minutes by default); the expected
share helped within the norm is the arrival-weighted mean over the classes. The advice for an
hour is the smallest ``c`` whose expected share reaches the service level (for example 80 %).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MAX_DESKS = 500
"""A bound on the search: no hall has more desks; reaching it means the input is absurd."""


@dataclass(frozen=True, slots=True)
class Norm:
    """One class of visitors: its share of the arrivals and the minutes it may wait."""

    share: float
    minutes: float


@dataclass(frozen=True, slots=True)
class HourDemand:
    """What one hour of the week asked for, averaged over the recent weeks."""

    weekday: int
    """Monday is 0."""
    hour: int
    arrivals_per_hour: float
    handling_minutes: float
    """Mean desk time per visitor (from call to finish, summed over the visit's questions)."""
    appointment_share: float
    desks_open: float | None = None
    """Desks that were actually open in this hour on average (None: unknown)."""


@dataclass(frozen=True, slots=True)
class HourAdvice:
    weekday: int
    hour: int
    arrivals_per_hour: float
    handling_minutes: float
    desks_needed: int
    desks_open: float | None
    share_with_open: float | None
    """The share within the norm that the desks actually open can be expected to reach."""


def erlang_c(desks: int, load: float) -> float:
    """The probability that an arrival must wait, for ``load`` Erlangs over ``desks`` desks.

    Computed through the Erlang B recursion, which stays stable for many desks. An overloaded
    hall (``load >= desks``) makes everyone wait: the answer is 1.
    """
    if desks < 1:
        raise ValueError("desks must be at least 1")
    if load < 0:
        raise ValueError("load cannot be negative")
    if load >= desks:
        return 1.0
    blocking = 1.0
    for k in range(1, desks + 1):
        blocking = load * blocking / (k + load * blocking)
    utilisation = load / desks
    return blocking / (1 - utilisation * (1 - blocking))


def share_within(
    desks: int, arrivals_per_minute: float, handling_minutes: float, norms: Sequence[Norm]
) -> float:
    """The expected share of visitors called within their norm with ``desks`` desks open."""
    if arrivals_per_minute <= 0:
        return 1.0
    if desks < 1:
        return 0.0
    load = arrivals_per_minute * handling_minutes
    if load >= desks:
        return 0.0
    waiting = erlang_c(desks, load)
    total = sum(n.share for n in norms) or 1.0
    return sum(
        n.share / total * (1 - waiting * math.exp(-(desks - load) * n.minutes / handling_minutes))
        for n in norms
    )


def desks_needed(
    arrivals_per_hour: float, handling_minutes: float, norms: Sequence[Norm],
    service_level: float,
) -> int:
    """The fewest desks for which the expected share within the norm reaches ``service_level``."""
    if not 0 < service_level < 1:
        raise ValueError("service_level must lie between 0 and 1")
    if arrivals_per_hour <= 0:
        return 0
    if handling_minutes <= 0:
        raise ValueError("handling_minutes must be positive when visitors arrive")
    per_minute = arrivals_per_hour / 60
    desks = max(1, math.floor(per_minute * handling_minutes) + 1)
    while share_within(desks, per_minute, handling_minutes, norms) < service_level:
        desks += 1
        if desks > MAX_DESKS:
            raise ValueError("the demand needs more desks than any hall has")
    return desks


def advise(
    demand: Sequence[HourDemand], walk_in_minutes: float, appointment_minutes: float,
    service_level: float,
) -> list[HourAdvice]:
    """Desks needed per hour of the week, next to the desks that were open."""
    advice = []
    for hour in demand:
        norms = (
            Norm(hour.appointment_share, appointment_minutes),
            Norm(1 - hour.appointment_share, walk_in_minutes),
        )
        needed = desks_needed(hour.arrivals_per_hour, hour.handling_minutes, norms, service_level)
        share = None
        if hour.desks_open is not None and hour.arrivals_per_hour > 0:
            share = share_within(
                math.floor(hour.desks_open + 1e-9), hour.arrivals_per_hour / 60,
                hour.handling_minutes, norms,
            )
        advice.append(HourAdvice(
            weekday=hour.weekday, hour=hour.hour, arrivals_per_hour=hour.arrivals_per_hour,
            handling_minutes=hour.handling_minutes, desks_needed=needed,
            desks_open=hour.desks_open, share_with_open=share,
        ))
    return advice
