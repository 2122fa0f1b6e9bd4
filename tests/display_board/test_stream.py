"""The WebSocket client: sequence bookkeeping, backoff, and following a real queue server."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest
from websockets.asyncio.server import ServerConnection, serve

from display_board.config import BoardConfig
from display_board.model import LinkState
from display_board.stream import Backoff, EventStream, SeqTracker, Verdict
from eenloket_wire.messages import EventOut, SnapshotOut, StreamMessage, WalkInIn
from tests.support import LOCATION, LiveServer, free_port

SERVICE = "paspoort-of-id-kaart-ophalen"
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
WAIT_SECONDS = 15


def snap(seq: int) -> StreamMessage:
    return StreamMessage(kind="snapshot", snapshot=SnapshotOut(
        location=LOCATION, location_name="K", seq=seq, at=NOW, categories=[], desks=[],
        recent_calls=[]))


def event(seq: int) -> StreamMessage:
    return StreamMessage(kind="event", event=EventOut(seq=seq, type="desk.opened", at=NOW,
                                                      desk=1))


def test_the_tracker_accepts_the_next_sequence_only() -> None:
    tracker = SeqTracker()
    assert tracker.accept(snap(5)) is Verdict.ACCEPT
    assert tracker.accept(event(6)) is Verdict.ACCEPT
    assert tracker.accept(event(8)) is Verdict.GAP
    assert tracker.last == 6
    assert tracker.accept(event(7)) is Verdict.ACCEPT
    assert tracker.accept(event(3)) is Verdict.RESET
    assert tracker.last is None
    assert tracker.accept(snap(3)) is Verdict.ACCEPT


def test_backoff_doubles_up_to_a_maximum_and_starts_over() -> None:
    backoff = Backoff(initial=0.25, maximum=1.0)
    assert [backoff.next_delay() for _ in range(5)] == [0.25, 0.5, 1.0, 1.0, 1.0]
    backoff.reset()
    assert backoff.next_delay() == 0.25


class Follower:
    """An EventStream on the test's loop, collecting what it hands on."""

    def __init__(self, config: BoardConfig) -> None:
        self.messages: list[StreamMessage] = []
        self.links: list[LinkState] = []
        self.news = asyncio.Event()
        self.stream = EventStream(config, self._message, self._link,
                                  Backoff(initial=0.05, maximum=0.2))

    def _message(self, message: StreamMessage) -> None:
        self.messages.append(message)
        self.news.set()

    def _link(self, state: LinkState) -> None:
        self.links.append(state)
        self.news.set()

    async def until(self, condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT_SECONDS):
            while not condition():
                self.news.clear()
                await self.news.wait()


@contextlib.asynccontextmanager
async def following(config: BoardConfig) -> AsyncIterator[Follower]:
    follower = Follower(config)
    task = asyncio.create_task(follower.stream.run())
    try:
        yield follower
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def board_config(server: LiveServer, token: str | None = None) -> BoardConfig:
    return BoardConfig(server=server.url, location=LOCATION,
                       token=token or server.provisioned.tokens["board-1"])


def seqs(messages: list[StreamMessage]) -> list[tuple[str, int]]:
    return [(m.kind, m.snapshot.seq if m.snapshot else m.event.seq if m.event else -1)
            for m in messages]


async def test_a_board_gets_a_snapshot_then_each_event(server: LiveServer) -> None:
    async with following(board_config(server)) as follower:
        await follower.until(lambda: bool(follower.messages))
        assert follower.links == [LinkState.ONLINE]
        first = follower.messages[0]
        assert first.kind == "snapshot" and first.snapshot is not None
        with server.clerk() as clerk:
            await asyncio.to_thread(clerk.desk, LOCATION, 1, "open", {"skills": None})
        await follower.until(lambda: len(follower.messages) == 2)
        opened = follower.messages[1].event
        assert opened is not None and opened.type == "desk.opened"
        assert opened.seq == first.snapshot.seq + 1


async def test_after_a_restart_the_board_resumes_where_it_was(server: LiveServer) -> None:
    async with following(board_config(server)) as follower:
        await follower.until(lambda: bool(follower.messages))
        await asyncio.to_thread(server.stop)
        await follower.until(lambda: follower.links[-1] is LinkState.OFFLINE)
        await asyncio.to_thread(server.start)
        with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
            await asyncio.to_thread(clerk.desk, LOCATION, 1, "open", {"skills": None})
            await asyncio.to_thread(kiosk.walk_in, LOCATION, WalkInIn(services=[SERVICE]),
                                    str(uuid.uuid4()))
        await follower.until(lambda: len(follower.messages) == 3)
        assert follower.links[-1] is LinkState.ONLINE
        # No second snapshot: the missed events came after the last sequence seen.
        start = follower.messages[0].snapshot
        assert start is not None
        assert seqs(follower.messages) == [("snapshot", start.seq), ("event", start.seq + 1),
                                           ("event", start.seq + 2)]


async def test_a_wrong_token_is_refused(server: LiveServer) -> None:
    async with following(board_config(server, token="dev_not-a-real-token")) as follower:
        await follower.until(lambda: bool(follower.links))
        assert follower.links[0] is LinkState.REJECTED
        assert follower.messages == []


async def test_a_board_of_another_location_is_refused(server: LiveServer) -> None:
    config = BoardConfig(server=server.url, location="haren",
                         token=server.provisioned.tokens["board-1"])
    async with following(config) as follower:
        await follower.until(lambda: bool(follower.links))
        assert follower.links[0] is LinkState.REJECTED


async def test_no_server_means_offline() -> None:
    config = BoardConfig(server=f"http://127.0.0.1:{free_port()}", location=LOCATION,
                         token="dev_x")
    async with following(config) as follower:
        await follower.until(lambda: bool(follower.links))
        assert follower.links == [LinkState.OFFLINE]


class ScriptedServer:
    """A WebSocket server that plays given messages per connection: it makes gaps and resets
    in the sequence that the real server only shows after losing events or its database."""

    def __init__(self, script: list[list[StreamMessage]]) -> None:
        self.script = script
        self.paths: list[str] = []

    async def handler(self, connection: ServerConnection) -> None:
        assert connection.request is not None
        self.paths.append(connection.request.path)
        messages = self.script[len(self.paths) - 1] if len(self.paths) <= len(self.script) else []
        for message in messages:
            await connection.send(message.model_dump_json())
        await connection.wait_closed()


@pytest.mark.parametrize(("script", "second_path", "handed_on"), [
    # A gap: reconnect at once after the last event seen, and get the missing ones.
    ([[snap(5), event(6), event(8)], [event(7), event(8)]], "?since=6",
     [("snapshot", 5), ("event", 6), ("event", 7), ("event", 8)]),
    # The numbering went back (a new database): start over from a snapshot.
    ([[snap(5), event(6), event(2)], [snap(2)]], "",
     [("snapshot", 5), ("event", 6), ("snapshot", 2)]),
])
async def test_gaps_and_resets_make_the_board_resynchronise(
        script: list[list[StreamMessage]], second_path: str,
        handed_on: list[tuple[str, int]]) -> None:
    scripted = ScriptedServer(script)
    port = free_port()
    async with serve(scripted.handler, "127.0.0.1", port):
        config = BoardConfig(server=f"http://127.0.0.1:{port}", location=LOCATION,
                             token="dev_x")
        async with following(config) as follower:
            await follower.until(lambda: len(follower.messages) == len(handed_on))
            assert seqs(follower.messages) == handed_on
    base = f"/api/v1/locations/{LOCATION}/events"
    assert scripted.paths[:2] == [base, base + second_path]
    # Resynchronising is not a lost connection: the board never shows itself offline.
    assert follower.links == [LinkState.ONLINE]
