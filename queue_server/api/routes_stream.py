"""The public snapshot of a location and its WebSocket event stream.

Protocol: connect to ``/api/v1/locations/{code}/events`` (optionally ``?since=N``, the last
sequence the client saw). The server first sends either the events after ``since`` or, if
there are too many or no ``since`` was given, a snapshot; then every new event as it is
committed. Each message is a :class:`~eenloket_wire.messages.StreamMessage`. A client that
sees a gap in ``seq`` reconnects with ``since``. A client that falls more than the queue size
behind is disconnected with code 4008 and should reconnect the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect

from eenloket_wire.messages import EventOut, SnapshotOut, StreamMessage
from queue_server.api.auth import Principal, device, resolve
from queue_server.api.state import AppState, get_state, location_or_404
from queue_server.errors import EenLoketError, Forbidden
from queue_server.services.auth import Role
from queue_server.services.snapshot import snapshot
from queue_server.store import repository as repo

router = APIRouter(prefix="/api/v1/locations/{location}", tags=["stream"])
State = Annotated[AppState, Depends(get_state)]
Viewer = Annotated[Principal, Depends(device("board", "kiosk", staff_minimum=Role.CLERK))]

RESUME_LIMIT = 500
"""More missed events than this and a fresh snapshot is cheaper to send."""
CLOSE_LAGGING = 4008
CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


@router.get("/snapshot", response_model=SnapshotOut)
async def get_snapshot(location: str, principal: Viewer, state: State) -> SnapshotOut:
    async with state.read(principal.actor) as ctx:
        loc = await location_or_404(ctx, location)
        if principal.device is not None and principal.device.location_id != loc.id:
            raise Forbidden("this device belongs to another location", code="wrong_location")
        return await snapshot(ctx, loc)


def _message(kind: str, **payload: object) -> str:
    return StreamMessage.model_validate({"kind": kind, **payload}).model_dump_json()


@router.websocket("/events")
async def events(websocket: WebSocket, location: str) -> None:
    state = get_state(websocket)
    try:
        principal = await resolve(state, websocket)
        if principal.device is not None and principal.device.kind not in ("board", "kiosk"):
            raise Forbidden("this device may not follow events", code="wrong_device")
        async with state.read(principal.actor) as ctx:
            loc = await location_or_404(ctx, location)
            if principal.device is not None and principal.device.location_id != loc.id:
                raise Forbidden("this device belongs to another location", code="wrong_location")
    except EenLoketError as exc:
        code = {401: CLOSE_UNAUTHORIZED, 403: CLOSE_FORBIDDEN}.get(exc.status_code,
                                                                   CLOSE_NOT_FOUND)
        await websocket.close(code=code, reason=exc.detail[:120])
        return
    await websocket.accept()
    # Subscribe before reading the backlog so nothing committed in between is missed;
    # duplicates are skipped by sequence number below.
    subscriber = state.hub.subscribe(location)
    state.metrics.subscribers.set(state.hub.count)
    heartbeat = None
    if principal.device is not None:
        heartbeat = asyncio.create_task(_heartbeat(state, principal.device.id))
    try:
        last = await _send_backlog(state, websocket, location)
        await _forward(state, websocket, location, subscriber.queue, subscriber.dropped, last)
    except WebSocketDisconnect:
        pass
    finally:
        state.hub.unsubscribe(subscriber)
        state.metrics.subscribers.set(state.hub.count)
        if heartbeat is not None:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat


HEARTBEAT_SECONDS = 60
"""How often a connected board or kiosk is recorded as seen (the dashboard's offline alert)."""


async def _heartbeat(state: AppState, device_id: int) -> None:
    """A device following the stream is alive: record it now and every minute."""
    while True:
        async with state.write() as ctx:
            await repo.mark_device_seen(ctx.session, device_id, ctx.now)
        await asyncio.sleep(HEARTBEAT_SECONDS)


async def _send_backlog(state: AppState, websocket: WebSocket, code: str) -> int:
    since_text = websocket.query_params.get("since")
    since = int(since_text) if since_text and since_text.isdigit() else None
    async with state.read() as ctx:
        loc = await location_or_404(ctx, code)
        # A client ahead of the log saw another database (restored, or reset): it needs
        # the true state, not an empty list of missed events.
        if since is not None and since <= loc.last_seq:
            missed = await repo.events_since(ctx.session, loc.id, since, RESUME_LIMIT + 1)
            if len(missed) <= RESUME_LIMIT:
                last = since
                for row in missed:
                    event = EventOut.model_validate(row.data)
                    await websocket.send_text(_message("event", event=event))
                    last = event.seq
                return last
        snap = await snapshot(ctx, loc)
    await websocket.send_text(_message("snapshot", snapshot=snap))
    return snap.seq


async def _forward(
    state: AppState, websocket: WebSocket, location: str, queue: asyncio.Queue[EventOut],
    dropped: asyncio.Event, last: int,
) -> None:
    # Three tasks for the life of the connection, not a new wait per event: with fifty
    # boards every event is sent fifty times.
    sender = asyncio.create_task(_send_events(state, websocket, location, queue, last))
    receiver = asyncio.create_task(_drain_incoming(websocket))
    lagging = asyncio.create_task(dropped.wait())
    try:
        done, _ = await asyncio.wait(
            {sender, receiver, lagging}, return_when=asyncio.FIRST_COMPLETED
        )
        if lagging in done and sender not in done:
            sender.cancel()
            state.metrics.dropped.inc()
            await websocket.close(code=CLOSE_LAGGING, reason="too far behind; resync")
    finally:
        for task in (sender, receiver, lagging):
            task.cancel()
        # The sender ends only by raising (the client went away): awaited last, its error
        # goes up as it did before the others are done.
        for task in (receiver, lagging, sender):
            with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
                await task


async def _send_events(
    state: AppState, websocket: WebSocket, location: str, queue: asyncio.Queue[EventOut],
    last: int,
) -> None:
    while True:
        event = await queue.get()
        if event.seq <= last:
            continue
        await websocket.send_text(state.hub.wire(location, event))
        last = event.seq


async def _drain_incoming(websocket: WebSocket) -> None:
    """Clients only listen; reading still matters to notice a close."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
