"""Jobs the server runs by itself: close yesterday's open visits, mark appointments nobody
checked in for as no-shows, purge personal data past its retention."""

from __future__ import annotations

from dataclasses import dataclass, field

from queue_server.domain.tickets import service_day
from queue_server.domain.visit import Action, Outcome, VisitState, next_state
from queue_server.services.appointments import mark_no_shows
from queue_server.services.context import Context
from queue_server.services.events import emit
from queue_server.services.retention import PurgeReport, purge_personal_data
from queue_server.store import repository as repo


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


@dataclass(frozen=True, slots=True)
class HousekeepingReport:
    closed: int = 0
    no_shows: int = 0
    purged: PurgeReport = field(default_factory=PurgeReport)

    def __bool__(self) -> bool:
        return bool(self.closed or self.no_shows or self.purged.total)


async def run_housekeeping(ctx: Context, retention_hours: float) -> HousekeepingReport:
    """Every periodic job, in the order that keeps them consistent.

    Closing yesterday's open visits comes before the purge, so that a visit closed at the
    end of the day also loses its personal data in the same run.
    """
    closed = await close_past_days(ctx)
    no_shows = await mark_no_shows(ctx)
    purged = await purge_personal_data(ctx, retention_hours)
    return HousekeepingReport(closed, no_shows, purged)
