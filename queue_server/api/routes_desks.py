"""Desk endpoints for clerks. Every action answers with the desk's fresh status."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from eenloket_wire.messages import (
    CallTicketIn,
    DeskOpenIn,
    DeskOut,
    DeskStatusOut,
    FinishIn,
    PauseIn,
    TransferIn,
)
from queue_server.api.auth import Principal, staff
from queue_server.api.state import AppState, get_state, location_or_404
from queue_server.domain.visit import Outcome
from queue_server.errors import NotFound
from queue_server.services import desk_actions as actions
from queue_server.services.auth import Role
from queue_server.services.context import Context
from queue_server.store import repository as repo
from queue_server.store.models import LocationRow

router = APIRouter(prefix="/api/v1/locations/{location}/desks", tags=["desks"])
State = Annotated[AppState, Depends(get_state)]
Clerk = Annotated[Principal, Depends(staff())]
DeskNumber = Annotated[int, Path(ge=1, le=9999, description="the desk's number")]

Action = Callable[[Context, LocationRow], Awaitable[Any]]


async def _run(
    state: AppState, principal: Principal, location: str, number: DeskNumber, action: Action
) -> DeskStatusOut:
    """Run one desk action in one transaction and answer with the desk's fresh status."""
    async with state.write(principal.actor) as ctx:
        loc = await location_or_404(ctx, location)
        result = await action(ctx, loc)
        # call-next answers (visit, reason); the reason travels to the clerk's page.
        reason = result[1] if isinstance(result, tuple) else ""
        # The action has read the desk: no need to ask the database again.
        desk = next(d for d in await ctx.desks_at(loc.id) if d.number == number)
        return await actions.desk_status(ctx, loc, desk, reason)


@router.get("", response_model=list[DeskOut])
async def list_desks(location: str, principal: Clerk, state: State) -> list[DeskOut]:
    async with state.read(principal.actor) as ctx:
        loc = await location_or_404(ctx, location)
        return [await actions.desk_out(ctx, d) for d in await repo.desks_at(ctx.session, loc.id)]


@router.get("/{number}", response_model=DeskStatusOut)
async def status(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    """The desk, its current visitor (only for the clerk who called them) and what waits."""
    async with state.read(principal.actor) as ctx:
        loc = await location_or_404(ctx, location)
        desk = await repo.desk_by_number(ctx.session, loc.id, number)
        if desk is None:
            raise NotFound(f"there is no desk {number}", code="unknown_desk")
        status = await actions.desk_status(ctx, loc, desk)
    # A visitor's details are for the clerk who called them (and their managers), not for
    # the clerk at the next desk.
    if principal.role == Role.CLERK and desk.user_id != principal.actor.id:
        return status.model_copy(update={"visit": None})
    return status


@router.post("/{number}/open", response_model=DeskStatusOut)
async def open_desk(
    location: str, number: DeskNumber, body: DeskOpenIn, principal: Clerk, state: State
) -> DeskStatusOut:
    assert principal.user is not None
    user = principal.user
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.open_desk(ctx, loc, number, user, body.skills))


@router.post("/{number}/pause", response_model=DeskStatusOut)
async def pause(
    location: str, number: DeskNumber, body: PauseIn, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.pause_desk(ctx, loc, number, body.reason))


@router.post("/{number}/resume", response_model=DeskStatusOut)
async def resume(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.resume_desk(ctx, loc, number))


@router.post("/{number}/close", response_model=DeskStatusOut)
async def close(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.close_desk(ctx, loc, number))


@router.post("/{number}/call-next", response_model=DeskStatusOut)
async def call_next(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    """Call the visitor the router chooses; ``visit`` is null when nobody waits for this desk."""
    started = time.perf_counter()
    result = await _run(state, principal, location, number,
                        lambda ctx, loc: actions.call_next(ctx, loc, number))
    state.metrics.call_latency.observe(time.perf_counter() - started)
    return result


@router.post("/{number}/call-ticket", response_model=DeskStatusOut)
async def call_ticket(
    location: str, number: DeskNumber, body: CallTicketIn, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.call_ticket(ctx, loc, number, body.ticket))


@router.post("/{number}/recall", response_model=DeskStatusOut)
async def recall(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.recall(ctx, loc, number))


@router.post("/{number}/start", response_model=DeskStatusOut)
async def start(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.start(ctx, loc, number))


@router.post("/{number}/finish", response_model=DeskStatusOut)
async def finish(
    location: str, number: DeskNumber, body: FinishIn, principal: Clerk, state: State
) -> DeskStatusOut:
    outcome = Outcome(body.outcome)
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.finish(ctx, loc, number, outcome))


@router.post("/{number}/requeue", response_model=DeskStatusOut)
async def requeue(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.requeue(ctx, loc, number))


@router.post("/{number}/no-show", response_model=DeskStatusOut)
async def no_show(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.no_show(ctx, loc, number))


@router.post("/{number}/cancel", response_model=DeskStatusOut)
async def cancel(
    location: str, number: DeskNumber, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(state, principal, location, number,
                      lambda ctx, loc: actions.cancel(ctx, loc, number))


@router.post("/{number}/transfer", response_model=DeskStatusOut)
async def transfer(
    location: str, number: DeskNumber, body: TransferIn, principal: Clerk, state: State
) -> DeskStatusOut:
    return await _run(
        state, principal, location, number,
        lambda ctx, loc: actions.transfer(ctx, loc, number, body.skill, body.desk, body.note),
    )
