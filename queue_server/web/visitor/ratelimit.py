"""Per-client token buckets for the phone page (in process; one set per server worker).

A bucket holds up to ``capacity`` tokens and refills at ``per_second``; each request takes
one. The phone page uses two (see :mod:`queue_server.web.routes_visitor`): a generous one
for every request, because a hall's guest Wi-Fi puts hundreds of phones behind one address,
and a strict one for wrong tokens, so that nobody can try links at speed (192-bit tokens
make guessing hopeless anyway; the limit keeps the attempt from costing database work).

Clients are keyed by address. Behind a reverse proxy that is the proxy's, unless uvicorn
trusts its ``X-Forwarded-For`` (``--forwarded-allow-ips``). The table of clients is bounded:
the least recently seen client is forgotten first (and starts again with a full bucket).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    def __init__(self, capacity: float, per_second: float, *,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000) -> None:
        if capacity < 1 or per_second <= 0:
            raise ValueError("a bucket needs room for one request and a positive refill rate")
        self.capacity = capacity
        self.per_second = per_second
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def _bucket(self, client: str) -> _Bucket:
        now = self.clock()
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = self._buckets[client] = _Bucket(self.capacity, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(client)
            bucket.tokens = min(self.capacity,
                                bucket.tokens + (now - bucket.stamp) * self.per_second)
            bucket.stamp = now
        return bucket

    def wait_time(self, client: str) -> float:
        """Seconds until ``client`` may make a request (0: now), without taking a token."""
        bucket = self._bucket(client)
        return 0.0 if bucket.tokens >= 1 else (1 - bucket.tokens) / self.per_second

    def take(self, client: str) -> float:
        """Take a token if there is one: 0.0; else the seconds to wait (nothing taken)."""
        bucket = self._bucket(client)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.per_second
