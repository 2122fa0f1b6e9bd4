"""What a clerk does at a desk: open, pause, close; call, recall, start, finish, hand over."""

from __future__ import annotations

from eenloket_wire.messages import DeskOut, DeskStatusOut, TaskOut, VisitDetailOut
from queue_server.domain.tickets import service_day
from queue_server.domain.visit import Action, IllegalTransition, Outcome, VisitState, next_state
from queue_server.errors import BadRequest, Conflict, NotFound
from queue_server.routing import DeskProfile, choose_next
from queue_server.services.context import Context
from queue_server.services.events import emit
from queue_server.services.queues import open_skills, waiting_for_desk, waiting_row_view
from queue_server.store import repository as repo
from queue_server.store.models import DeskRow, LocationRow, TaskRow, UserRow, VisitRow


def _transition(visit: VisitRow, action: Action) -> VisitState:
    try:
        return next_state(VisitState(visit.state), action)
    except IllegalTransition as exc:
        raise Conflict(f"{visit.ticket}: {exc.reason}", code="illegal_transition") from exc


def current_task(visit: VisitRow) -> TaskRow:
    for task in visit.tasks:
        if task.state in ("waiting", "called", "serving"):
            return task
    raise Conflict(f"{visit.ticket} has no open question", code="no_open_task")


async def desk_for_action(
    ctx: Context, location: LocationRow, number: int, *, must_be_open: bool = True
) -> DeskRow:
    desk = await repo.desk_by_number(ctx.session, location.id, number, for_update=True)
    if desk is None:
        raise NotFound(f"there is no desk {number} at {location.name}", code="unknown_desk")
    if desk.state == "closed" and must_be_open:
        raise Conflict(f"desk {number} is closed: open it first", code="desk_closed")
    if ctx.actor.kind == "user" and ctx.actor.role == "clerk" and desk.user_id != ctx.actor.id:
        raise Conflict(f"desk {number} is opened by another clerk", code="not_your_desk")
    if must_be_open and desk.state != "open":
        raise Conflict(f"desk {number} is {desk.state}", code=f"desk_{desk.state}")
    return desk


async def visit_at(ctx: Context, desk: DeskRow) -> VisitRow:
    visit = await repo.visit_at_desk(ctx.session, desk.id)
    if visit is None:
        raise Conflict(f"desk {desk.number} has no visitor called", code="no_visitor")
    return visit


# --- the desk's own state --------------------------------------------------------------


async def open_desk(
    ctx: Context, location: LocationRow, number: int, user: UserRow, skills: list[str] | None
) -> DeskRow:
    desk = await repo.desk_by_number(ctx.session, location.id, number, for_update=True)
    if desk is None:
        raise NotFound(f"there is no desk {number} at {location.name}", code="unknown_desk")
    if desk.user_id not in (None, user.id) and desk.state != "closed":
        raise Conflict(f"desk {number} is in use by someone else", code="desk_in_use")
    chosen = set(skills) if skills is not None else set(desk.skills)
    if not chosen:
        raise BadRequest("choose at least one skill", code="no_skills")
    extra = chosen - set(desk.skills)
    if extra:
        raise BadRequest(f"desk {number} cannot handle {', '.join(sorted(extra))}",
                         code="skills_not_at_desk")
    desk.state, desk.user_id, desk.pause_reason = "open", user.id, ""
    desk.session_skills = sorted(chosen)
    desk.state_since = ctx.now
    await emit(ctx, location, "desk.opened", desk=number, data={"skills": desk.session_skills})
    return desk


async def pause_desk(ctx: Context, location: LocationRow, number: int, reason: str) -> DeskRow:
    desk = await desk_for_action(ctx, location, number)
    if await repo.visit_at_desk(ctx.session, desk.id) is not None:
        raise Conflict("finish or requeue the current visitor first", code="desk_busy")
    desk.state, desk.pause_reason, desk.state_since = "paused", reason, ctx.now
    # The reason is free text (it may name someone): staff pages read it from the desk;
    # events reach public boards and are kept, so they carry none.
    await emit(ctx, location, "desk.paused", desk=number)
    return desk


async def resume_desk(ctx: Context, location: LocationRow, number: int) -> DeskRow:
    desk = await desk_for_action(ctx, location, number, must_be_open=False)
    if desk.state != "paused":
        raise Conflict(f"desk {number} is {desk.state}, not paused", code="desk_not_paused")
    desk.state, desk.pause_reason, desk.state_since = "open", "", ctx.now
    await emit(ctx, location, "desk.resumed", desk=number)
    return desk


async def close_desk(ctx: Context, location: LocationRow, number: int) -> DeskRow:
    desk = await desk_for_action(ctx, location, number, must_be_open=False)
    if await repo.visit_at_desk(ctx.session, desk.id) is not None:
        raise Conflict("finish or requeue the current visitor first", code="desk_busy")
    await shut(ctx, location, desk)
    return desk


async def shut(ctx: Context, location: LocationRow, desk: DeskRow) -> None:
    """Close a desk; visitors handed over to it go back to anyone with the skill."""
    desk.state, desk.user_id, desk.pause_reason, desk.state_since = "closed", None, "", ctx.now
    desk.session_skills = []
    await repo.unpin_waiting_tasks(ctx.session, desk.id)
    await emit(ctx, location, "desk.closed", desk=desk.number)


# --- calling ---------------------------------------------------------------------------


def _mark_called(ctx: Context, visit: VisitRow, desk: DeskRow) -> None:
    task = current_task(visit)
    visit.state = _transition(visit, Action.CALL).value
    visit.desk_id = desk.id
    visit.first_called_at = visit.first_called_at or ctx.now
    task.state, task.called_at = "called", ctx.now
    task.desk_id, task.user_id = desk.id, ctx.actor.id


async def _ensure_free(ctx: Context, desk: DeskRow) -> None:
    busy = await repo.visit_at_desk(ctx.session, desk.id)
    if busy is not None:
        raise Conflict(f"desk {desk.number} still has {busy.ticket}", code="desk_busy")


async def call_next(
    ctx: Context, location: LocationRow, number: int
) -> tuple[VisitRow | None, str]:
    """Claim the visit the router chooses for this desk; ``None`` when nobody waits for it."""
    desk = await desk_for_action(ctx, location, number)
    await _ensure_free(ctx, desk)
    skills = open_skills(desk)
    profile = DeskProfile(number=desk.number, skills=skills)
    candidates = [
        waiting_row_view(row, location.timezone)
        for row in await repo.waiting_rows(ctx.session, location.id, sorted(skills))
    ]
    while candidates:
        choice = choose_next(profile, candidates, ctx.now)
        if choice is None:
            break
        visit = await repo.claim_visit(ctx.session, choice.task.visit_id)
        if visit is None:
            # Another desk claimed it between our read and our lock: choose again.
            candidates = [c for c in candidates if c.visit_id != choice.task.visit_id]
            continue
        _mark_called(ctx, visit, desk)
        await emit(ctx, location, "visit.called", desk=number, visit=visit,
                   data={"language": visit.language, "recall": False})
        return visit, choice.reason
    return None, "nobody is waiting for the skills of this desk"


async def call_ticket(ctx: Context, location: LocationRow, number: int, ticket: str) -> VisitRow:
    desk = await desk_for_action(ctx, location, number)
    await _ensure_free(ctx, desk)
    day = service_day(ctx.now, location.timezone)
    visit = await repo.visit_by_ticket(ctx.session, location.id, day, ticket, for_update=True)
    if visit is None:
        raise NotFound(f"there is no ticket {ticket} today", code="unknown_ticket")
    if visit.state == "called" and visit.desk_id is not None:
        other = await repo.desk_by_id(ctx.session, visit.desk_id)
        raise Conflict(f"{ticket} is already called by desk {other.number}",
                       code="already_called", data={"ticket": ticket, "desk": str(other.number)})
    _mark_called(ctx, visit, desk)
    await emit(ctx, location, "visit.called", desk=number, visit=visit,
               data={"language": visit.language, "recall": False})
    return visit


async def recall(ctx: Context, location: LocationRow, number: int) -> VisitRow:
    desk = await desk_for_action(ctx, location, number)
    visit = await visit_at(ctx, desk)
    _transition(visit, Action.RECALL)
    await emit(ctx, location, "visit.recalled", desk=number, visit=visit,
               data={"language": visit.language, "recall": True})
    return visit


async def start(ctx: Context, location: LocationRow, number: int) -> VisitRow:
    desk = await desk_for_action(ctx, location, number)
    visit = await visit_at(ctx, desk)
    visit.state = _transition(visit, Action.START).value
    task = current_task(visit)
    task.state, task.started_at = "serving", ctx.now
    await emit(ctx, location, "visit.started", desk=number, visit=visit)
    return visit


async def finish(ctx: Context, location: LocationRow, number: int, outcome: Outcome) -> VisitRow:
    """Finish the current question; a later question of the same visit queues next."""
    desk = await desk_for_action(ctx, location, number)
    visit = await visit_at(ctx, desk)
    task = current_task(visit)
    pending = [t for t in visit.tasks if t.state == "pending"]
    if not pending:
        visit.state = _transition(visit, Action.FINISH).value
        visit.closed_at, visit.close_reason, visit.desk_id = ctx.now, outcome.value, None
    else:
        visit.state = _transition(visit, Action.TRANSFER).value
        visit.desk_id = None
        nxt = pending[0]
        nxt.state, nxt.queued_at, nxt.target_minutes = "waiting", ctx.now, ctx.appointment_target
    task.state, task.finished_at, task.outcome = "done", ctx.now, outcome.value
    await emit(ctx, location, "visit.finished" if not pending else "visit.next_question",
               desk=number, visit=visit, data={"outcome": outcome.value})
    return visit


async def requeue(ctx: Context, location: LocationRow, number: int) -> VisitRow:
    """Back into the queue with its original place (the visitor stepped away, for example)."""
    desk = await desk_for_action(ctx, location, number)
    visit = await visit_at(ctx, desk)
    visit.state = _transition(visit, Action.REQUEUE).value
    visit.desk_id = None
    task = current_task(visit)
    task.state, task.called_at, task.started_at, task.desk_id = "waiting", None, None, None
    await emit(ctx, location, "visit.requeued", desk=number, visit=visit)
    return visit


async def no_show(ctx: Context, location: LocationRow, number: int) -> VisitRow:
    desk = await desk_for_action(ctx, location, number)
    visit = await visit_at(ctx, desk)
    _close(ctx, visit, Action.NO_SHOW, Outcome.NO_SHOW)
    await emit(ctx, location, "visit.no_show", desk=number, visit=visit)
    return visit


async def cancel(ctx: Context, location: LocationRow, number: int) -> VisitRow:
    desk = await desk_for_action(ctx, location, number)
    visit = await visit_at(ctx, desk)
    _close(ctx, visit, Action.CANCEL, Outcome.CANCELLED)
    await emit(ctx, location, "visit.cancelled", desk=number, visit=visit)
    return visit


def _close(ctx: Context, visit: VisitRow, action: Action, outcome: Outcome) -> None:
    visit.state = _transition(visit, action).value
    visit.closed_at, visit.close_reason, visit.desk_id = ctx.now, outcome.value, None
    for task in visit.tasks:
        if task.state in ("waiting", "called", "serving", "pending"):
            task.state, task.finished_at, task.outcome = "done", ctx.now, outcome.value


async def transfer(
    ctx: Context, location: LocationRow, number: int,
    skill: str | None, to_desk: int | None, note: str,
) -> VisitRow:
    """Hand the visitor over with a note; same ticket, a new question, no new queueing penalty."""
    desk = await desk_for_action(ctx, location, number)
    visit = await visit_at(ctx, desk)
    if skill is None and to_desk is None:
        raise BadRequest("transfer to a skill or to a desk", code="no_target")
    target = None
    if to_desk is not None:
        target = await repo.desk_by_number(ctx.session, location.id, to_desk)
        if target is None:
            raise NotFound(f"there is no desk {to_desk}", code="unknown_desk")
        if target.id == desk.id:
            raise BadRequest("cannot transfer to the same desk", code="same_desk")
        if target.state == "closed":
            # Nobody would ever call the visitor there.
            raise Conflict(f"desk {to_desk} is closed", code="target_desk_closed")
        skill = skill or current_task(visit).skill
        if skill not in (target.session_skills or target.skills):
            raise BadRequest(f"desk {to_desk} cannot handle {skill} now: choose a skill",
                             code="skill_not_at_desk")
    assert skill is not None
    if skill not in ctx.catalogue.skills:
        raise BadRequest(f"unknown skill {skill}", code="unknown_skill")
    desks = await ctx.desks_at(location.id)
    if not any(skill in d.skills for d in desks):
        raise BadRequest(f"no desk at {location.name} handles {skill}",
                         code="skill_not_at_location")
    visit.state = _transition(visit, Action.TRANSFER).value
    visit.desk_id = None
    task = current_task(visit)
    task.state, task.finished_at, task.outcome = "done", ctx.now, Outcome.TRANSFERRED.value
    for later in visit.tasks:
        if later.position > task.position:
            later.position += 1
    ctx.session.add(
        TaskRow(
            visit_id=visit.id, position=task.position + 1, service_id=None, skill=skill,
            state="waiting", target_minutes=ctx.appointment_target, queued_at=ctx.now,
            pinned_desk_id=target.id if target is not None else None, note=note or None,
        )
    )
    await ctx.session.flush()
    await ctx.session.refresh(visit, ["tasks"])
    await emit(ctx, location, "visit.transferred", desk=number, visit=visit,
               data={"skill": skill, "to_desk": to_desk})
    return visit


# --- what the desk page shows ------------------------------------------------------------


def visit_detail(
    ctx: Context, visit: VisitRow, desks: dict[int, int], reason: str = ""
) -> VisitDetailOut:
    tasks = []
    current = 0
    for task in visit.tasks:
        service = ctx.catalogue.services.get(task.service_id) if task.service_id else None
        if task.state in ("waiting", "called", "serving"):
            current = task.position
        tasks.append(TaskOut(
            position=task.position,
            service=service.code if service else None,
            service_name_nl=service.name_nl if service else None,
            service_name_en=service.name_en if service else None,
            skill=task.skill, state=task.state, outcome=task.outcome,
            desk=desks.get(task.desk_id) if task.desk_id else None,
            note=task.note,
        ))
    return VisitDetailOut(
        visit_id=visit.id, ticket=visit.ticket, state=visit.state, language=visit.language,
        is_appointment=visit.is_appointment, appointment_at=visit.appointment_at,
        checked_in_at=visit.checked_in_at, visitor_name=visit.visitor_name,
        tasks=tasks, current_task=current, reason=reason,
    )


async def desk_out(ctx: Context, desk: DeskRow, visit: VisitRow | None = None) -> DeskOut:
    """The desk as staff see it; pass the desk's visit when already loaded."""
    visit = visit or await repo.visit_at_desk(ctx.session, desk.id)
    clerk = await repo.user_by_id(ctx.session, desk.user_id) if desk.user_id else None
    return DeskOut(
        number=desk.number, kind=desk.kind, state=desk.state, skills=sorted(desk.skills),
        session_skills=list(desk.session_skills or []), pause_reason=desk.pause_reason,
        clerk=clerk.display_name if clerk else None, state_since=desk.state_since,
        ticket=visit.ticket if visit else None, visit_state=visit.state if visit else None,
    )


async def desk_status(
    ctx: Context, location: LocationRow, desk: DeskRow, reason: str = ""
) -> DeskStatusOut:
    visit = await repo.visit_at_desk(ctx.session, desk.id)
    desks = {d.id: d.number for d in await ctx.desks_at(location.id)}
    return DeskStatusOut(
        desk=await desk_out(ctx, desk, visit),
        visit=visit_detail(ctx, visit, desks, reason) if visit is not None else None,
        waiting=await waiting_for_desk(ctx, location, desk),
    )
