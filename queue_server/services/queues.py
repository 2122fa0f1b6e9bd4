"""What waits where: categories for boards, positions and expected waits for visitors."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from zoneinfo import ZoneInfo

from eenloket_wire.messages import CategoryOut, QueueCountOut
from queue_server.domain.wait import estimate_wait_minutes, mean_service_minutes
from queue_server.routing import WaitingTask, deadline
from queue_server.services.context import Context
from queue_server.store import repository as repo
from queue_server.store.models import DeskRow, LocationRow, TaskRow, VisitRow

RECENT_WINDOW = timedelta(hours=3)
NOBODY = repo.WaitingCount(0, None)


def open_skills(desk: DeskRow) -> frozenset[str]:
    """What a desk can take now: its session's skills while open, nothing otherwise."""
    if desk.state != "open":
        return frozenset()
    return frozenset(desk.session_skills or desk.skills)


def waiting_task_view(
    task: TaskRow, visit: VisitRow, pinned: dict[int, int], timezone: str = "Europe/Amsterdam"
) -> WaitingTask:
    return waiting_row_view(
        repo.WaitingRow(
            visit_id=visit.id, ticket=visit.ticket, skill=task.skill, queued_at=task.queued_at,
            target_minutes=task.target_minutes, appointment_at=visit.appointment_at,
            pinned_desk_number=pinned.get(task.pinned_desk_id) if task.pinned_desk_id else None,
        ),
        timezone,
    )


def waiting_row_view(row: repo.WaitingRow, timezone: str = "Europe/Amsterdam") -> WaitingTask:
    assert row.queued_at is not None, "a waiting task always has queued_at"
    zone = ZoneInfo(timezone)
    return WaitingTask(
        visit_id=row.visit_id,
        ticket=row.ticket,
        skill=row.skill,
        queued_at=row.queued_at,
        target_minutes=row.target_minutes,
        # In the location's zone, so that reasons say "appointment at 10:30", not UTC.
        appointment_at=row.appointment_at.astimezone(zone) if row.appointment_at else None,
        desk_number=row.pinned_desk_number,
    )


async def _service_minutes(ctx: Context, location: LocationRow, skill: str) -> float:
    recent = await repo.recent_service_minutes(
        ctx.session, location.id, skill, ctx.now - RECENT_WINDOW
    )
    return mean_service_minutes(recent, ctx.catalogue.planned_minutes(skill))


async def categories(ctx: Context, location: LocationRow) -> list[CategoryOut]:
    """Waiting visitors per ticket letter with the longest wait and a new walk-in's estimate."""
    # Every event carries these: counted in the database, not by loading each waiting visit.
    waiting = await repo.waiting_per_letter(ctx.session, location.id)
    desks = await ctx.desks_at(location.id)
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for department in ctx.catalogue.departments.values():
        names[department.letter].append((department.name_nl, department.name_en))
    result = []
    for letter in sorted(names):
        count = waiting.get(letter, NOBODY)
        skills = ctx.catalogue.skills_of_letter(letter)
        capable = sum(1 for desk in desks if open_skills(desk) & skills)
        minutes = sum(ctx.catalogue.planned_minutes(s) for s in skills) / max(len(skills), 1)
        result.append(
            CategoryOut(
                letter=letter,
                name_nl=" / ".join(n for n, _ in names[letter]),
                name_en=" / ".join(e for _, e in names[letter]),
                waiting=count.waiting,
                longest_wait_seconds=_longest_seconds(ctx, count),
                expected_wait_minutes=estimate_wait_minutes(count.waiting, capable, minutes),
            )
        )
    return result


def _longest_seconds(ctx: Context, count: repo.WaitingCount) -> float:
    if count.since is None:
        return 0.0
    return max((ctx.now - count.since).total_seconds(), 0.0)


async def position_and_wait(
    ctx: Context, location: LocationRow, visit: VisitRow
) -> tuple[int, float | None]:
    """The visitor's place among those competing for the same skill, and the expected wait."""
    current = next((t for t in visit.tasks if t.state == "waiting"), None)
    if current is None:
        return 0, 0.0
    waiting = await repo.waiting_rows(ctx.session, location.id, [current.skill])
    views = {row.visit_id: waiting_row_view(row, location.timezone) for row in waiting}
    mine = views.get(visit.id)
    if mine is None:
        return 0, 0.0
    ahead = sum(1 for other in views.values() if deadline(other) < deadline(mine))
    desks = await ctx.desks_at(location.id)
    capable = sum(1 for desk in desks if current.skill in open_skills(desk))
    minutes = await _service_minutes(ctx, location, current.skill)
    return ahead + 1, estimate_wait_minutes(ahead, capable, minutes)


async def expected_wait_by_skill(ctx: Context, location: LocationRow) -> dict[str, float | None]:
    """A new walk-in's expected wait per skill (the kiosk shows it per service)."""
    waiting = await repo.waiting_per_skill(ctx.session, location.id)
    desks = await ctx.desks_at(location.id)
    result: dict[str, float | None] = {}
    for skill in ctx.catalogue.skills:
        capable = sum(1 for desk in desks if skill in open_skills(desk))
        minutes = ctx.catalogue.planned_minutes(skill)
        result[skill] = estimate_wait_minutes(waiting.get(skill, NOBODY).waiting, capable, minutes)
    return result


async def waiting_for_desk(
    ctx: Context, location: LocationRow, desk: DeskRow
) -> list[QueueCountOut]:
    """Counts per skill the desk can take, with the longest wait: no names, no tickets."""
    skills = sorted(desk.session_skills or desk.skills)
    waiting = await repo.waiting_per_skill(ctx.session, location.id, skills)
    return [
        QueueCountOut(
            skill=s,
            waiting=waiting.get(s, NOBODY).waiting,
            longest_wait_seconds=_longest_seconds(ctx, waiting.get(s, NOBODY)),
        )
        for s in skills
    ]
