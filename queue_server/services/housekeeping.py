"""Jobs the server runs by itself: close yesterday's open visits and desks, mark appointments
nobody checked in for as no-shows, summarise closed days for statistics, purge personal data
past its retention, and forget spent idempotency keys and idle sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import text

from queue_server.domain.tickets import service_day
from queue_server.domain.visit import Action, Outcome, VisitState, next_state
from queue_server.services.appointments import mark_no_shows
from queue_server.services.auth import IDLE_TIMEOUT
from queue_server.services.context import Context
from queue_server.services.desk_actions import shut
from queue_server.services.events import emit
from queue_server.services.retention import PurgeReport, purge_personal_data
from queue_server.store import repository as repo
from queue_server.summaries import summarize


async def close_past_days(ctx: Context) -> int:
    """Close every visit still open from an earlier service day, with reason end of day."""
    closed = 0
    for location in await repo.all_locations(ctx.session):
        today = service_day(ctx.now, location.timezone)
        for visit in await repo.open_visits(ctx.session, location.id):
            if visit.service_day >= today:
                continue
            visit.state = next_state(VisitState(visit.state), Action.CLOSE_DAY).value
            visit.closed_at, visit.close_reason, visit.desk_id = ctx.now, Outcome.END_OF_DAY, None
            for task in visit.tasks:
                if task.state != "done":
                    task.state, task.finished_at = "done", ctx.now
                    task.outcome = Outcome.END_OF_DAY.value
            await emit(ctx, location, "visit.closed", visit=visit,
                       data={"reason": Outcome.END_OF_DAY.value})
            closed += 1
    return closed


async def close_stale_desks(ctx: Context) -> int:
    """Close desks still open from an earlier day (the clerk went home without closing), so
    that estimates stop counting them and the next clerk can open them."""
    closed = 0
    locations = {loc.id: loc for loc in await repo.all_locations(ctx.session)}
    for desk in await repo.open_desks(ctx.session):
        location = locations[desk.location_id]
        since = desk.state_since or ctx.now
        if service_day(since, location.timezone) < service_day(ctx.now, location.timezone):
            await shut(ctx, location, desk)
            closed += 1
    return closed


HOUSEKEEPING_LOCK = 0x45454E4C
"""PostgreSQL advisory lock key: with several server hosts, one runs housekeeping at a time."""


async def claim_run(ctx: Context) -> bool:
    """True when this process may run housekeeping now (always with SQLite: one process)."""
    if not ctx.notify_postgres:
        return True
    result = await ctx.session.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": HOUSEKEEPING_LOCK})
    return bool(result.scalar_one())


@dataclass(frozen=True, slots=True)
class HousekeepingReport:
    closed: int = 0
    desks: int = 0
    no_shows: int = 0
    summarised: int = 0
    """Closed days summarised for statistics (per location)."""
    purged: PurgeReport = field(default_factory=PurgeReport)

    def __bool__(self) -> bool:
        return bool(self.closed or self.desks or self.no_shows or self.summarised
                    or self.purged.total)


async def run_housekeeping(
    ctx: Context, retention_hours: float, idempotency_hours: float = 24
) -> HousekeepingReport:
    """Every periodic job, in the order that keeps them consistent.

    Closing yesterday's open visits comes before the purge, so that a visit closed at the
    end of the day also loses its personal data in the same run, and before the summaries,
    which count closed days only.
    """
    if not await claim_run(ctx):
        return HousekeepingReport()
    closed = await close_past_days(ctx)
    desks = await close_stale_desks(ctx)
    no_shows = await mark_no_shows(ctx)
    summarised = await summarize(ctx.session, ctx.now)
    purged = await purge_personal_data(ctx, retention_hours)
    await repo.delete_idempotency_before(ctx.session, ctx.now - timedelta(hours=idempotency_hours))
    await repo.delete_sessions_idle_since(ctx.session, ctx.now - IDLE_TIMEOUT)
    return HousekeepingReport(closed, desks, no_shows, summarised, purged)
