"""The phone page's status: the batch computation agrees with the kiosk's, and its words."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from eenloket_wire.messages import AppointmentIn
from queue_server.services import appointments, checkin, desk_actions
from queue_server.services.context import SYSTEM, Actor, Context, load_catalogue
from queue_server.services.queues import position_and_wait
from queue_server.store import repository as repo
from queue_server.store.database import Database
from queue_server.web.visitor.ratelimit import RateLimiter
from queue_server.web.visitor.status import VisitorStatusOut, describe, statuses
from tests.support import LOCATION, Provisioned
from tests.web.conftest import in_own_thread
from tests.web.visitor_support import t

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=AMS)
SERVICES = ["uittreksel-brp", "kwijtschelding-aanvragen", "parkeervergunning-aanvragen",
            "verhuizing-doorgeven", "kwijtschelding-aanvragen", "uittreksel-brp"]


async def _hall_with_a_queue(ctx: Context) -> list[tuple[str, int, float | None, VisitorStatusOut]]:
    """Walk-ins of several skills, an early and a due appointment, two open desks (none for
    parking), one visitor called."""
    location = await repo.location_by_code(ctx.session, LOCATION)
    assert location is not None
    clerk = await repo.user_by_name(ctx.session, "clerk1")
    assert clerk is not None
    for minutes, code in ((-10, "STAT-DUE"), (25, "STAT-EARLY")):
        await appointments.create(ctx, AppointmentIn(
            booking_code=code, location=LOCATION, service="uittreksel-brp",
            starts_at=NOW + timedelta(minutes=minutes)))
    visits = []
    for n, service in enumerate(SERVICES):
        ctx.now = NOW - timedelta(minutes=30 - n)
        ticket = await checkin.walk_in(ctx, location, [service], "nl", str(uuid.uuid4()))
        visits.append(ticket.visit_id)
    ctx.now = NOW
    for code in ("STAT-DUE", "STAT-EARLY"):
        ticket = await checkin.appointment_check_in(ctx, location, code, None, False)
        visits.append(ticket.visit_id)
    ctx.actor = Actor("user", clerk.username, clerk.id, clerk.role)
    for number in (1, 4):
        await desk_actions.open_desk(ctx, location, number, clerk, None)
    called, _reason = await desk_actions.call_next(ctx, location, 4)
    assert called is not None
    batch = await statuses(ctx, location, visits)
    result = []
    for visit_id in visits:
        visit = await repo.visit_by_id(ctx.session, visit_id)
        assert visit is not None
        position, wait = await position_and_wait(ctx, location, visit)
        status = batch[visit_id]
        assert status is not None
        result.append((visit.state, position, wait, status))
    return result


def _run(database_url: str) -> list[tuple[str, int, float | None, VisitorStatusOut]]:
    async def run() -> list[tuple[str, int, float | None, VisitorStatusOut]]:
        db = Database(database_url)
        try:
            async with db.reading() as session:
                catalogue = await load_catalogue(session)
            async with db.transaction() as session:
                ctx = Context(session=session, catalogue=catalogue, now=NOW, actor=SYSTEM,
                              notify_postgres=not db.is_sqlite)
                return await _hall_with_a_queue(ctx)
        finally:
            await db.dispose()

    # Off the main thread: Playwright's browser, once started, holds this thread's loop.
    return in_own_thread(asyncio.run, run())


def test_the_batch_gives_every_phone_what_the_kiosk_would_say(provisioned: Provisioned) -> None:
    rows = _run(provisioned.database_url)
    waiting = [(p, w, s) for state, p, w, s in rows if state == "waiting"]
    assert len(waiting) == len(rows) - 1
    for position, wait, status in waiting:
        assert status.position == position
        assert status.expected_wait_minutes == (None if wait is None else -(-wait // 1))
    called = [s for state, _p, _w, s in rows if state == "called"]
    assert [(s.desk, s.position, s.final) for s in called] == [(4, None, False)]
    assert {s.appointment_time for s in (rows[-2][3], rows[-1][3])} == {"09:50", "10:25"}
    assert any(s.expected_wait_minutes is None for _p, _w, s in waiting)  # parking: no desk


def _status(**values: object) -> VisitorStatusOut:
    base: dict[str, object] = {
        "ticket": "B012", "location_name": "Kreupelstraat", "state": "waiting", "position": 3,
        "expected_wait_minutes": 12, "desk": None, "appointment_time": None, "language": "nl",
        "final": False}
    return VisitorStatusOut.model_validate({**base, **values})


@pytest.mark.parametrize(("values", "headline", "detail"), [
    ({}, t("position", n=3), t("wait", n=12)),
    ({"position": 1, "expected_wait_minutes": 1}, t("position_next"), t("wait_soon")),
    ({"expected_wait_minutes": None, "appointment_time": "10:30"}, t("position", n=3),
     t("wait_unknown") + " " + t("appointment", time="10:30")),
    ({"state": "called", "desk": 4, "position": None}, t("turn", desk=4), t("turn_go", desk=4)),
    ({"state": "serving", "desk": 4, "position": None}, t("serving", desk=4), ""),
    ({"state": "done", "final": True, "position": None}, t("done"), ""),
    ({"state": "closed", "final": True, "position": None}, t("closed"), t("closed_help")),
])
def test_each_state_in_words(values: dict[str, object], headline: str, detail: str) -> None:
    description = describe(_status(**values), "nl")
    assert (description.headline, description.detail) == (headline, detail)


def test_a_bucket_allows_a_burst_then_its_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(capacity=3, per_second=0.5, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(4)] == [0.0, 0.0, 0.0, 2.0]
    assert limiter.take("b") == 0.0  # every client has its own bucket
    now[0] = 1.0
    assert limiter.wait_time("a") == pytest.approx(1.0)
    now[0] = 2.0
    assert limiter.wait_time("a") == 0.0 and limiter.take("a") == 0.0
    now[0] = 1000.0
    assert [limiter.take("a") for _ in range(4)][-1] > 0  # refill stops at the capacity


def test_the_table_of_clients_stays_bounded() -> None:
    limiter = RateLimiter(capacity=1, per_second=0.001, clock=lambda: 0.0, max_clients=2)
    for client in ("a", "b", "c"):
        limiter.take(client)
    assert limiter.wait_time("b") > 0 and limiter.wait_time("c") > 0
    assert limiter.wait_time("a") == 0.0  # forgotten first: the least recently seen
