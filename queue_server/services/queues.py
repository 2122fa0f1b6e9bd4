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


def open_skills(desk: DeskRow) -> frozenset[str]:
    """What a desk can take now: its session's skills while open, nothing otherwise."""
    if desk.state != "open":
        return frozenset()
    return frozenset(desk.session_skills or desk.skills)


def waiting_task_view(
    task: TaskRow, visit: VisitRow, pinned: dict[int, int], timezone: str = "Europe/Amsterdam"
) -> WaitingTask:
    assert task.queued_at is not None, "a waiting task always has queued_at"
    zone = ZoneInfo(timezone)
    return WaitingTask(
        visit_id=visit.id,
        ticket=visit.ticket,
        skill=task.skill,
        queued_at=task.queued_at,
        target_minutes=task.target_minutes,
        # In the location's zone, so that reasons say "appointment at 10:30", not UTC.
        appointment_at=visit.appointment_at.astimezone(zone) if visit.appointment_at else None,
        desk_number=pinned.get(task.pinned_desk_id) if task.pinned_desk_id else None,
    )


async def _service_minutes(ctx: Context, location: LocationRow, skill: str) -> float:
    recent = await repo.recent_service_minutes(
        ctx.session, location.id, skill, ctx.now - RECENT_WINDOW
    )
    return mean_service_minutes(recent, ctx.catalogue.planned_minutes(skill))


async def categories(ctx: Context, location: LocationRow) -> list[CategoryOut]:
    """Waiting visitors per ticket letter with the longest wait and a new walk-in's estimate."""
    waiting = await repo.waiting_tasks(ctx.session, location.id)
    desks = await repo.desks_at(ctx.session, location.id)
    by_letter: dict[str, list[TaskRow]] = defaultdict(list)
    for task, visit in waiting:
        by_letter[visit.ticket[0]].append(task)
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for department in ctx.catalogue.departments.values():
        names[department.letter].append((department.name_nl, department.name_en))
    result = []
    for letter in sorted(names):
        tasks = by_letter.get(letter, [])
        skills = ctx.catalogue.skills_of_letter(letter)
        capable = sum(1 for desk in desks if open_skills(desk) & skills)
        minutes = sum(ctx.catalogue.planned_minutes(s) for s in skills) / max(len(skills), 1)
        longest = max(((ctx.now - t.queued_at).total_seconds() for t in tasks if t.queued_at),
                      default=0.0)
        result.append(
            CategoryOut(
                letter=letter,
                name_nl=" / ".join(n for n, _ in names[letter]),
                name_en=" / ".join(e for _, e in names[letter]),
                waiting=len(tasks),
                longest_wait_seconds=max(longest, 0.0),
                expected_wait_minutes=estimate_wait_minutes(len(tasks), capable, minutes),
            )
        )
    return result


async def position_and_wait(
    ctx: Context, location: LocationRow, visit: VisitRow
) -> tuple[int, float | None]:
    """The visitor's place among those competing for the same skill, and the expected wait."""
    current = next((t for t in visit.tasks if t.state == "waiting"), None)
    if current is None:
        return 0, 0.0
    waiting = await repo.waiting_tasks(ctx.session, location.id, [current.skill])
    pinned = {d.id: d.number for d in await repo.desks_at(ctx.session, location.id)}
    views = {v.id: waiting_task_view(t, v, pinned, location.timezone) for t, v in waiting}
    mine = views.get(visit.id)
    if mine is None:
        return 0, 0.0
    ahead = sum(1 for other in views.values() if deadline(other) < deadline(mine))
    desks = await repo.desks_at(ctx.session, location.id)
    capable = sum(1 for desk in desks if current.skill in open_skills(desk))
    minutes = await _service_minutes(ctx, location, current.skill)
    return ahead + 1, estimate_wait_minutes(ahead, capable, minutes)


async def expected_wait_by_skill(ctx: Context, location: LocationRow) -> dict[str, float | None]:
    """A new walk-in's expected wait per skill (the kiosk shows it per service)."""
    waiting = await repo.waiting_tasks(ctx.session, location.id)
    desks = await repo.desks_at(ctx.session, location.id)
    counts: dict[str, int] = defaultdict(int)
    for task, _visit in waiting:
        counts[task.skill] += 1
    result: dict[str, float | None] = {}
    for skill in ctx.catalogue.skills:
        capable = sum(1 for desk in desks if skill in open_skills(desk))
        minutes = ctx.catalogue.planned_minutes(skill)
        result[skill] = estimate_wait_minutes(counts[skill], capable, minutes)
    return result


async def waiting_for_desk(
    ctx: Context, location: LocationRow, desk: DeskRow
) -> list[QueueCountOut]:
    """Counts per skill the desk can take, with the longest wait: no names, no tickets."""
    skills = sorted(desk.session_skills or desk.skills)
    waiting = await repo.waiting_tasks(ctx.session, location.id, skills)
    counts: dict[str, int] = defaultdict(int)
    longest: dict[str, float] = defaultdict(float)
    for task, _visit in waiting:
        counts[task.skill] += 1
        if task.queued_at is not None:
            longest[task.skill] = max(
                longest[task.skill], (ctx.now - task.queued_at).total_seconds()
            )
    return [
        QueueCountOut(skill=s, waiting=counts[s], longest_wait_seconds=longest[s]) for s in skills
    ]
