"""The WebSocket event stream: snapshot, live events, resume, dropping a slow subscriber."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import pytest
import websockets.sync.client as ws_client
from sqlalchemy import create_engine, select
from websockets.exceptions import ConnectionClosed

from eenloket_wire.client import Client
from eenloket_wire.messages import EventOut, StreamMessage, WalkInIn
from queue_server.store.migrate import sync_url
from queue_server.store.models import DeviceRow
from tests.support import LOCATION, LiveServer, Provisioned


def connect(server: LiveServer, since: int | None = None) -> ws_client.ClientConnection:
    token = server.provisioned.tokens["board-1"]
    query = f"?token={token}" + (f"&since={since}" if since is not None else "")
    return ws_client.connect(f"{server.ws_url}/api/v1/locations/{LOCATION}/events{query}")


def receive(ws: ws_client.ClientConnection) -> StreamMessage:
    return StreamMessage.model_validate_json(ws.recv(timeout=10))


def check_in(kiosk: Client) -> str:
    return kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4())).ticket


def test_snapshot_then_every_event_in_order(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk() as clerk, connect(server) as ws:
        first = receive(ws)
        assert first.kind == "snapshot" and first.snapshot is not None
        seq = first.snapshot.seq
        clerk.desk(LOCATION, 2, "open")
        ticket = check_in(kiosk)
        clerk.desk(LOCATION, 2, "call-next")
        clerk.desk(LOCATION, 2, "recall")
        events = [receive(ws).event for _ in range(4)]
    assert [e.type for e in events if e] == [
        "desk.opened", "visit.checked_in", "visit.called", "visit.recalled"]
    assert [e.seq for e in events if e] == [seq + 1, seq + 2, seq + 3, seq + 4]
    called = events[2]
    assert called is not None and (called.ticket, called.desk) == (ticket, 2)
    assert called.data["language"] == "nl"
    assert called.categories is not None
    assert {c.letter: c.waiting for c in called.categories}["B"] == 0


def test_a_pause_reason_stays_off_the_stream(server: LiveServer) -> None:
    with server.clerk() as clerk, connect(server) as ws:
        receive(ws)
        clerk.desk(LOCATION, 2, "open")
        clerk.desk(LOCATION, 2, "pause", {"reason": "gesprek met dhr. De Vries"})
        receive(ws)
        paused = ws.recv(timeout=10)
    assert '"desk.paused"' in str(paused) and "Vries" not in str(paused)


def test_the_snapshot_shows_numbers_and_never_names(server: LiveServer) -> None:
    with server.client("booking") as booking, server.client("kiosk-1") as kiosk, \
            server.clerk() as clerk, server.client("board-1") as board:
        clerk.desk(LOCATION, 1, "open")
        check_in(kiosk)
        clerk.desk(LOCATION, 1, "call-next")
        booking.request("POST", "/api/v1/appointments", json={
            "booking_code": "PRIV-1", "location": LOCATION, "service": "uittreksel-brp",
            "starts_at": "2031-01-01T10:00:00+01:00", "name": "Geheime Naam"})
        snapshot = board.snapshot(LOCATION)
    assert snapshot.recent_calls[0].ticket == "B001"
    assert {d.number: d.ticket for d in snapshot.desks}[1] == "B001"
    assert "Geheime" not in snapshot.model_dump_json()


def test_resume_sends_exactly_what_was_missed(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk:
        with connect(server) as ws:
            seen = receive(ws).snapshot
            assert seen is not None
        missed = [check_in(kiosk) for _ in range(3)]
        with connect(server, since=seen.seq) as ws:
            replay = [receive(ws) for _ in range(3)]
            assert all(m.kind == "event" for m in replay)
            assert [m.event.ticket for m in replay if m.event] == missed
            assert [m.event.seq for m in replay if m.event] == [seen.seq + 1, seen.seq + 2,
                                                                seen.seq + 3]
            live = check_in(kiosk)
            nxt = receive(ws)
            assert nxt.event is not None and nxt.event.ticket == live


@pytest.fixture
def small_queue_server(provisioned: Provisioned) -> Iterator[LiveServer]:
    with LiveServer(provisioned, subscriber_queue_size=3) as live:
        yield live


def test_a_subscriber_that_falls_behind_is_dropped_and_resyncs(
    small_queue_server: LiveServer,
) -> None:
    """A burst larger than the subscriber's queue arrives within one loop turn (as a commit
    that closes many visits does); the connection is closed with 4008 and a reconnect with
    ``since`` gets the state back."""
    server = small_queue_server
    with connect(server) as ws:
        start = receive(ws).snapshot
        assert start is not None
        burst = [
            (LOCATION, EventOut(seq=start.seq + i, type="test.burst", at=start.at))
            for i in range(1, 11)
        ]
        server.call_in_loop(lambda: server.app_state.hub.publish_all(burst))
        kinds = []
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                kinds.append(json.loads(ws.recv(timeout=10))["kind"])
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4008
        assert len(kinds) <= 4, "the dropped subscriber got at most its queue and one more"
    with server.client("kiosk-1") as kiosk, connect(server, since=start.seq) as ws:
        ticket = check_in(kiosk)
        first = receive(ws)
    assert first.event is not None and first.event.ticket == ticket


def test_a_restarted_server_serves_the_same_state(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk:
        tickets = [check_in(kiosk) for _ in range(2)]
    with connect(server) as ws:
        before = receive(ws).snapshot
    server.stop()
    server.start()
    with connect(server, since=0) as ws:
        replay = [receive(ws).event for _ in range(2)]
    assert before is not None
    assert [e.ticket for e in replay if e] == tickets
    with connect(server) as ws:
        after = receive(ws).snapshot
    assert after is not None and after.seq == before.seq
    assert after.categories == before.categories or [
        (c.letter, c.waiting) for c in after.categories] == [
        (c.letter, c.waiting) for c in before.categories]


def test_a_client_ahead_of_the_log_gets_a_snapshot(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk:
        check_in(kiosk)
    with connect(server, since=10_000) as ws:
        first = receive(ws)
    assert first.kind == "snapshot" and first.snapshot is not None
    assert first.snapshot.seq == 1


def test_a_board_on_the_stream_counts_as_seen(server: LiveServer) -> None:
    engine = create_engine(sync_url(server.provisioned.database_url))
    query = select(DeviceRow.last_seen).where(DeviceRow.name == "board-1")
    try:
        with connect(server) as ws:
            receive(ws)
            deadline = time.monotonic() + 10
            while True:
                with engine.connect() as db:
                    if db.execute(query).scalar_one() is not None:
                        break
                assert time.monotonic() < deadline, "the board was never recorded as seen"
                time.sleep(0.05)  # the heartbeat runs in the server's own thread
    finally:
        engine.dispose()
