"""What a visitor's phone may see: ticket, place in the queue, expected wait, the desk.

Never a name, never a service (a service can be sensitive to whoever looks over a shoulder),
nothing a ticket does not already show. The link's token is looked up only if it has the
shape of a real token; a purged (retired) or malformed one is simply not found. A link works
on its visit's service day only.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from eenloket_i18n import translate
from queue_server.domain.tickets import service_day
from queue_server.domain.wait import estimate_wait_minutes, mean_service_minutes
from queue_server.errors import Gone, NotFound
from queue_server.routing import deadline
from queue_server.services.context import Context
from queue_server.services.queues import RECENT_WINDOW, open_skills, waiting_task_view
from queue_server.store import repository as repo
from queue_server.store.models import LocationRow, VisitRow

TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
"""A real token: base64url of at least 128 bits (the server makes 192)."""
FINAL_STATES = frozenset({"done", "closed"})


class VisitorStatusOut(BaseModel):
    """The phone page's data (REST ``GET /api/v1/visits/{token}`` and each WebSocket message).

    Proposed for eenloket_wire/messages.py once the client needs it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    ticket: str
    location_name: str
    state: Literal["waiting", "called", "serving", "done", "closed"]
    position: int | None
    """1: next in line; None unless waiting."""
    expected_wait_minutes: int | None
    """Rounded up; None while waiting with no desk open for the question, or not waiting."""
    desk: int | None
    """The desk that called or serves the visitor."""
    appointment_time: str | None
    """The booked time as the hall's clock shows it (``10:30``), for appointment visitors."""
    language: str
    final: bool
    """Nothing will change any more (finished or closed): the stream ends after this."""


async def find_visit(ctx: Context, token: str) -> tuple[VisitRow, LocationRow]:
    """The visit behind a phone link; NotFound for a wrong token, Gone after its day."""
    if not TOKEN.match(token):
        raise NotFound("not found", code="not_found")
    visit = await repo.visit_by_status_token(ctx.session, token)
    if visit is None:
        raise NotFound("not found", code="not_found")
    location = await repo.location_by_id(ctx.session, visit.location_id)
    if visit.service_day < service_day(ctx.now, location.timezone):
        raise Gone("this link has expired", code="expired")
    return visit, location


def _out(visit: VisitRow, location: LocationRow, *, position: int | None = None,
         wait: float | None = None, desk: int | None = None) -> VisitorStatusOut:
    booked = None
    if visit.appointment_at is not None:
        booked = visit.appointment_at.astimezone(ZoneInfo(location.timezone)).strftime("%H:%M")
    return VisitorStatusOut(
        ticket=visit.ticket, location_name=location.name,
        state=visit.state,
        position=position,
        expected_wait_minutes=math.ceil(wait) if wait is not None else None,
        desk=desk, appointment_time=booked, language=visit.language,
        final=visit.state in FINAL_STATES,
    )


async def statuses(
    ctx: Context, location: LocationRow, visit_ids: Collection[int]
) -> dict[int, VisitorStatusOut | None]:
    """The status of many visits at one location in a few queries (None: expired or gone).

    Positions and waits are those of :func:`queue_server.services.queues.position_and_wait`
    (the same deadlines, desks and service times), computed for all watched visits at once:
    one query for the queue, one for the desks and one per skill, instead of three per phone.
    """
    waiting = await repo.waiting_tasks(ctx.session, location.id)
    desks = await repo.desks_at(ctx.session, location.id)
    numbers = {desk.id: desk.number for desk in desks}
    today = service_day(ctx.now, location.timezone)
    views = {visit.id: (waiting_task_view(task, visit, numbers), visit) for task, visit in waiting}
    deadlines: dict[str, list[datetime]] = defaultdict(list)
    for view, _visit in views.values():
        deadlines[view.skill].append(deadline(view))
    for values in deadlines.values():
        values.sort()
    minutes: dict[str, float] = {}
    result: dict[int, VisitorStatusOut | None] = {}
    for visit_id in visit_ids:
        if visit_id in views:
            view, visit = views[visit_id]
            if visit.service_day < today:
                result[visit_id] = None
                continue
            ahead = bisect.bisect_left(deadlines[view.skill], deadline(view))
            capable = sum(1 for desk in desks if view.skill in open_skills(desk))
            if view.skill not in minutes:
                recent = await repo.recent_service_minutes(
                    ctx.session, location.id, view.skill, ctx.now - RECENT_WINDOW)
                minutes[view.skill] = mean_service_minutes(
                    recent, ctx.catalogue.planned_minutes(view.skill))
            wait = estimate_wait_minutes(ahead, capable, minutes[view.skill])
            result[visit_id] = _out(visit, location, position=ahead + 1, wait=wait)
            continue
        other = await repo.visit_by_id(ctx.session, visit_id)
        if other is None or other.location_id != location.id or other.service_day < today:
            result[visit_id] = None
        else:
            desk = numbers.get(other.desk_id) if other.desk_id is not None else None
            result[visit_id] = _out(other, location, desk=desk)
    return result


@dataclass(frozen=True, slots=True)
class Description:
    """The status in words: the line that matters most, and what to do or expect."""

    headline: str
    detail: str


def describe(status: VisitorStatusOut, language: str) -> Description:
    """The page's sentences; visitor.js builds the very same ones from the same keys."""

    def t(key: str, **params: object) -> str:
        return translate(f"visitor.{key}", language, **params)

    if status.state == "called":
        return Description(t("turn", desk=status.desk), t("turn_go", desk=status.desk))
    if status.state == "serving":
        return Description(t("serving", desk=status.desk), "")
    if status.state == "done":
        return Description(t("done"), "")
    if status.state == "closed":
        return Description(t("closed"), t("closed_help"))
    headline = t("position_next") if status.position == 1 else t("position", n=status.position)
    wait = status.expected_wait_minutes
    if wait is None:
        detail = t("wait_unknown")
    elif wait <= 1:
        detail = t("wait_soon")
    else:
        detail = t("wait", n=wait)
    if status.appointment_time is not None:
        detail = f"{detail} {t('appointment', time=status.appointment_time)}"
    return Description(headline, detail)
