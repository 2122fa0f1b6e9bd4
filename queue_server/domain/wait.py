"""Expected waiting time for a waiting visit.

A deliberately simple, explainable estimate: the work ahead of the visitor that the desks able
to serve them must do first, divided over those desks. Service times come from recent finished
tasks of the same skill, falling back to the catalogue's planning figure.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

RECENT_SAMPLES = 20
"""How many recent service times feed the mean: enough to smooth, few enough to follow the day."""


def mean_service_minutes(recent_minutes: Sequence[float], planned_minutes: float) -> float:
    """Mean of the most recent service times, or the planning figure while there are too few."""
    samples = list(recent_minutes)[-RECENT_SAMPLES:]
    if len(samples) < 3:
        return planned_minutes
    return statistics.fmean(samples)


def estimate_wait_minutes(
    ahead: int, capable_desks: int, service_minutes: float
) -> float | None:
    """Minutes until a visitor with ``ahead`` visits before them is called.

    ``None`` when no open desk can serve them (the kiosk then says "unknown" rather than
    inventing a figure). Half a service time is added for the desk that is still busy.
    """
    if ahead < 0:
        raise ValueError("ahead must be >= 0")
    if capable_desks <= 0:
        return None
    return (ahead + 0.5) * service_minutes / capable_desks
