"""The public state of a location: what boards, phones and dashboards start from."""

from __future__ import annotations

from datetime import timedelta

from eenloket_wire.messages import CallOut, PublicDeskOut, SnapshotOut
from queue_server.services.context import Context
from queue_server.services.queues import categories
from queue_server.store import repository as repo
from queue_server.store.models import LocationRow

RECENT_CALLS = 10
CALL_EVENTS = ("visit.called", "visit.recalled")


async def snapshot(ctx: Context, location: LocationRow) -> SnapshotOut:
    """Numbers only, never names. ``seq`` is the last event the snapshot includes."""
    await ctx.session.refresh(location, ["last_seq"])
    desks = await repo.desks_at(ctx.session, location.id)
    calls = await repo.recent_events(
        ctx.session, location.id, CALL_EVENTS, ctx.now - timedelta(hours=12), RECENT_CALLS
    )
    at_desk = {}
    for visit in await repo.open_visits(ctx.session, location.id):
        if visit.desk_id is not None:
            at_desk[visit.desk_id] = visit.ticket
    return SnapshotOut(
        location=location.code,
        location_name=location.name,
        seq=location.last_seq,
        at=ctx.now,
        categories=await categories(ctx, location),
        desks=[PublicDeskOut(number=d.number, state=d.state, ticket=at_desk.get(d.id))
               for d in desks],
        recent_calls=[
            CallOut(
                ticket=str(e.data.get("ticket")),
                desk=int(e.desk_number or 0),
                at=e.at,
                language=str(e.data.get("data", {}).get("language", "nl")),
                recall=e.type == "visit.recalled",
            )
            for e in calls
        ],
    )
