"""The hub's promise: publishing never waits, and only the subscriber that lags is dropped."""

from __future__ import annotations

from datetime import UTC, datetime

from eenloket_wire.messages import EventOut
from queue_server.realtime import Hub

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def event(seq: int) -> EventOut:
    return EventOut(seq=seq, type="visit.checked_in", at=AT)


async def test_a_full_queue_drops_only_that_subscriber() -> None:
    hub = Hub(queue_size=2)
    slow = hub.subscribe("kreupelstraat")
    quick = hub.subscribe("kreupelstraat")
    other = hub.subscribe("haren")
    received = []
    for seq in range(1, 6):
        hub.publish("kreupelstraat", event(seq))
        received.append(quick.queue.get_nowait().seq)
    assert received == [1, 2, 3, 4, 5]
    assert slow.dropped.is_set() and not quick.dropped.is_set()
    assert [slow.queue.get_nowait().seq for _ in range(2)] == [1, 2]
    assert other.queue.empty() and not other.dropped.is_set()
    assert (hub.dropped_total, hub.published_total) == (1, 5)


async def test_unsubscribed_connections_receive_nothing() -> None:
    hub = Hub(queue_size=10)
    gone = hub.subscribe("kreupelstraat")
    hub.unsubscribe(gone)
    hub.publish_all([("kreupelstraat", event(1))])
    assert gone.queue.empty() and hub.count == 0


async def test_the_wire_form_is_made_once_per_event() -> None:
    hub = Hub(queue_size=10)
    subscriber = hub.subscribe("kreupelstraat")
    hub.publish("kreupelstraat", event(7))
    sent = subscriber.queue.get_nowait()
    first = hub.wire("kreupelstraat", sent)
    assert first is hub.wire("kreupelstraat", sent)
    assert '"kind":"event"' in first and '"seq":7' in first
