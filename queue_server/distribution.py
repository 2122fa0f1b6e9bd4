"""Spreads of times (waits, service times): exact from ranked values, or estimated from bins.

Statistics over today come straight from the visits, ranked in the database (exact). Closed
days are kept as histograms (``queue_server.summaries``), because a million ranked values take
seconds and a few thousand bins take milliseconds. A histogram keeps the exact count and sum
(so the mean stays exact) and estimates the median and 90th percentile to within one bin.

Bins are named by their edge in whole seconds and hold the values ``(edge - width, edge]``
(mirrored for negative values, ``[edge, edge + width)``; zero has a bin of its own). The width
grows with the value: 30 s up to half an hour, 2 minutes up to an hour, 10 minutes up to four
hours, then an hour. So every whole or half minute up to half an hour is an edge, and a norm
of that size divides visits into within and outside exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

QUANTILES = ((1, 2), (9, 10))
"""Median and 90th percentile as integer fractions, so rank arithmetic stays in integers."""
STEPS = ((1800, 30), (3600, 120), (14400, 600))
"""(up to this many seconds, bins this wide)."""
LAST_WIDTH = 3600
CENTISECONDS = 100
"""Values are rounded to hundredths of a second before binning: SQLite's julianday arithmetic
puts a 600-second wait at 599.99998 or 600.00002 seconds."""


@dataclass(frozen=True, slots=True)
class Distribution:
    count: int
    mean: float | None
    median: float | None
    p90: float | None


EMPTY = Distribution(0, None, None, None)


def interpolate(n: int, mean: float, ranks: Mapping[int, float]) -> Distribution:
    """The distribution of ``n`` values from the values at the ranks next to each quantile.

    Linear interpolation between the two nearest ranks, as PostgreSQL's ``percentile_cont``
    and numpy do; ``ranks`` maps 1-based ranks to values and needs those ranks only.
    """
    results = []
    for numerator, denominator in QUANTILES:
        low, remainder = divmod((n - 1) * numerator, denominator)
        below = ranks[low + 1]
        above = ranks.get(low + 2, below)
        results.append(below + (above - below) * remainder / denominator)
    return Distribution(n, mean, results[0], results[1])


# --- histograms --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bin:
    n: int
    total: float
    """The exact sum of the values in the bin."""


Histogram = Mapping[int, Bin]
"""Bins by edge (seconds)."""


def width(magnitude: float) -> int:
    """The width of the bin that holds a value of this size (seconds, not negative)."""
    for limit, size in STEPS:
        if magnitude <= limit:
            return size
    return LAST_WIDTH


def rounded(value: float) -> float:
    return math.floor(value * CENTISECONDS + 0.5) / CENTISECONDS


def edge(value: float) -> int:
    """The bin of ``value`` (``stats.bin_edge`` computes the same in SQL)."""
    value = rounded(value)
    magnitude = abs(value)
    size = width(magnitude)
    top = math.ceil(magnitude / size) * size
    return -top if value < 0 else top


def bounds(bin_edge: int) -> tuple[float, float]:
    """The lowest and highest value a bin holds (as an interval to spread its values over)."""
    if bin_edge == 0:
        return 0.0, 0.0
    size = width(abs(bin_edge))
    if bin_edge > 0:
        return float(bin_edge - size), float(bin_edge)
    return float(bin_edge), float(bin_edge + size)


def is_edge(seconds: float) -> bool:
    return seconds >= 0 and edge(seconds) == seconds


def merge(*histograms: Histogram) -> dict[int, Bin]:
    merged: dict[int, Bin] = {}
    for histogram in histograms:
        for key, b in histogram.items():
            old = merged.get(key)
            merged[key] = b if old is None else Bin(old.n + b.n, old.total + b.total)
    return merged


def at_most(histogram: Histogram, limit: float) -> int:
    """How many values are at most ``limit`` (exact when ``limit`` is an edge)."""
    return sum(b.n for key, b in histogram.items() if key <= limit)


def above(histogram: Histogram, limit: float) -> int:
    """How many values are above ``limit`` (exact when ``limit`` is an edge)."""
    return sum(b.n for key, b in histogram.items() if key > limit)


def estimate(histogram: Histogram) -> Distribution:
    """Count and mean (exact), median and 90th percentile (within one bin).

    The values of a bin are taken as spread evenly over it: the k-th of m values in a bin
    from ``lo`` to ``hi`` sits at ``lo + (hi - lo) * (k - 0.5) / m``; between ranks the same
    interpolation as :func:`interpolate` applies.
    """
    bins = sorted((key, b) for key, b in histogram.items() if b.n > 0)
    n = sum(b.n for _, b in bins)
    if n == 0:
        return EMPTY
    wanted = set()
    for numerator, denominator in QUANTILES:
        low = (n - 1) * numerator // denominator
        wanted |= {low + 1, min(low + 2, n)}
    ranks: dict[int, float] = {}
    seen = 0
    for key, b in bins:
        lo, hi = bounds(key)
        for rank in wanted:
            if seen < rank <= seen + b.n:
                ranks[rank] = lo + (hi - lo) * (rank - seen - 0.5) / b.n
        seen += b.n
    return interpolate(n, sum(b.total for _, b in bins) / n, ranks)
