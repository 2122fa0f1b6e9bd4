"""Append an event to the location's log in the same transaction as the change it records."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from eenloket_wire.messages import EventOut
from queue_server.services.context import Context
from queue_server.services.queues import categories
from queue_server.store import repository as repo
from queue_server.store.database import PENDING_EVENTS
from queue_server.store.models import EventRow, LocationRow, VisitRow

NOTIFY_CHANNEL = "eenloket_events"


async def emit(
    ctx: Context,
    location: LocationRow,
    type_: str,
    *,
    desk: int | None = None,
    visit: VisitRow | None = None,
    data: dict[str, Any] | None = None,
) -> EventOut:
    """Record one event; it is published to subscribers after the commit.

    The payload holds ticket and desk numbers only: events reach public boards and phones.
    """
    seq = await repo.next_event_seq(ctx.session, location.id)
    event = EventOut(
        seq=seq,
        type=type_,
        at=ctx.now,
        desk=desk,
        ticket=visit.ticket if visit is not None else None,
        data=data or {},
        categories=await categories(ctx, location),
    )
    payload = event.model_dump(mode="json")
    ctx.session.add(
        EventRow(
            location_id=location.id,
            seq=seq,
            type=type_,
            at=ctx.now,
            actor=ctx.actor.label,
            desk_number=desk,
            visit_id=visit.id if visit is not None else None,
            data=payload,
        )
    )
    if ctx.notify_postgres:
        # Other workers learn of the event through LISTEN/NOTIFY, delivered at commit.
        message = json.dumps({"location": location.code, "event": payload})
        await ctx.session.execute(
            text("SELECT pg_notify(:channel, :message)"),
            {"channel": NOTIFY_CHANNEL, "message": message},
        )
    else:
        ctx.session.info.setdefault(PENDING_EVENTS, []).append((location.code, event))
    return event
