"""Prometheus metrics, one registry per app so that tests can run several apps."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.waiting = Gauge(
            "eenloket_waiting_visits", "Visitors waiting, per location", ["location"],
            registry=self.registry,
        )
        self.call_latency = Histogram(
            "eenloket_call_next_seconds", "Time to serve a call-next request",
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
            registry=self.registry,
        )
        self.subscribers = Gauge(
            "eenloket_subscribers", "Open WebSocket event streams", registry=self.registry
        )
        self.dropped = Counter(
            "eenloket_subscribers_dropped_total", "Streams dropped for falling behind",
            registry=self.registry,
        )
        self.checkins = Counter(
            "eenloket_checkins_total", "Tickets issued", ["location"], registry=self.registry
        )
