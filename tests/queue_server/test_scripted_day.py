"""A whole day through the real HTTP API: 300+ visits, transfers, no-shows, end of day.

At the end every visit is closed, no visit was served twice, and replaying the event log
gives exactly the states the visits table holds.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, select

from eenloket_wire.client import ApiError, Client
from eenloket_wire.messages import TransferIn, WalkInIn
from queue_server.hall import DEMO_HALL, load_hall
from queue_server.store.migrate import sync_url
from queue_server.store.models import EventRow, LocationRow, TaskRow, VisitRow
from tests.support import LOCATION, LiveServer, Provisioned, SettableClock

VISITS = 310
OPENING = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
AFTER_EVENT = {
    "visit.checked_in": "waiting", "visit.called": "called", "visit.recalled": "called",
    "visit.started": "serving", "visit.finished": "done", "visit.next_question": "waiting",
    "visit.transferred": "waiting", "visit.requeued": "waiting", "visit.no_show": "closed",
    "visit.cancelled": "closed", "visit.closed": "closed",
}


def _walk_in_services() -> list[str]:
    hall = load_hall(DEMO_HALL)
    return [s.code for s in hall.services if s.appointment.value != "required"]


def _play_day(server: LiveServer, clock: SettableClock, rng: random.Random) -> Counter[str]:
    services = _walk_in_services()
    desks = list(range(1, 13))
    clerks: dict[int, Client] = {}
    for desk in desks:
        clerks[desk] = server.clerk("admin")
        clerks[desk].desk(LOCATION, desk, "open")
    state = dict.fromkeys(desks, "idle")
    actions: Counter[str] = Counter()
    checked_in = 0
    with server.client("kiosk-1") as kiosk:
        while checked_in < VISITS or any(s != "idle" for s in state.values()) or actions[
                "empty_calls_in_a_row"] < len(desks):
            for _ in range(rng.choice((2, 3, 4))):
                if checked_in < VISITS:
                    chosen = rng.sample(services, 2 if rng.random() < 0.1 else 1)
                    kiosk.walk_in(LOCATION, WalkInIn(services=chosen), str(uuid.uuid4()))
                    checked_in += 1
            for desk in desks:
                clerk = clerks[desk]
                if state[desk] == "idle":
                    status = clerk.desk(LOCATION, desk, "call-next")
                    if status.visit is None:
                        actions["empty_calls_in_a_row"] += 1
                        continue
                    actions["empty_calls_in_a_row"] = 0
                    state[desk] = "called"
                elif state[desk] == "called":
                    roll = rng.random()
                    if roll < 0.05:
                        clerk.desk(LOCATION, desk, "no-show")
                        actions["no_show"] += 1
                        state[desk] = "idle"
                    elif roll < 0.08:
                        clerk.desk(LOCATION, desk, "recall")
                        actions["recall"] += 1
                    else:
                        clerk.desk(LOCATION, desk, "start")
                        state[desk] = "serving"
                elif rng.random() < 0.5:
                    if rng.random() < 0.1:
                        skill = rng.choice(["vergunningen", "belastingen", "sociaal-wmo"])
                        clerk.transfer(LOCATION, desk, TransferIn(skill=skill, note="vervolg"))
                        actions["transfer"] += 1
                    else:
                        clerk.desk(LOCATION, desk, "finish", {"outcome": "resolved"})
                        actions["finish"] += 1
                    state[desk] = "idle"
            clock.advance(minutes=1)
        # Late arrivals after the desks closed stay waiting until the end of the day.
        for desk in desks:
            clerks[desk].desk(LOCATION, desk, "close")
            clerks[desk].close()
        for _ in range(4):
            kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4()))
            actions["left_waiting"] += 1
    return actions


def test_a_scripted_day_ends_consistent(provisioned: Provisioned) -> None:
    clock = SettableClock(OPENING.astimezone(ZoneInfo("UTC")))
    server = LiveServer(provisioned, clock=clock)
    server.start()
    try:
        actions = _play_day(server, clock, random.Random(20261130))
    finally:
        server.stop()
    # The next morning the server closes what the day left open.
    clock.now = (OPENING + timedelta(days=1)).astimezone(ZoneInfo("UTC"))
    with LiveServer(provisioned, clock=clock):
        pass
    assert actions["transfer"] > 5 and actions["no_show"] > 5 and actions["recall"] > 3

    engine = create_engine(sync_url(provisioned.database_url))
    with engine.connect() as db:
        location = db.execute(select(LocationRow).where(LocationRow.code == LOCATION)).one()
        visits = db.execute(select(VisitRow).where(VisitRow.location_id == location.id)).all()
        tasks = db.execute(select(TaskRow)).all()
        events = db.execute(select(EventRow).where(EventRow.location_id == location.id)
                            .order_by(EventRow.seq)).all()
    engine.dispose()

    assert len(visits) == VISITS + 4
    assert Counter(v.state for v in visits).keys() <= {"done", "closed"}
    assert sum(1 for v in visits if v.close_reason == "end_of_day") == 4

    # The log has no gaps and ends where the location's counter says.
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[-1].seq == location.last_seq

    # Replaying the log gives the table's states; nobody was called while being served.
    replayed: dict[int, str] = {}
    calls: dict[int, int] = defaultdict(int)
    for e in events:
        if e.visit_id is None or e.type not in AFTER_EVENT:
            continue
        before = replayed.get(e.visit_id)
        if e.type == "visit.called":
            assert before == "waiting", f"visit {e.visit_id} called while {before}"
            calls[e.visit_id] += 1
        replayed[e.visit_id] = AFTER_EVENT[e.type]
    assert replayed == {v.id: v.state for v in visits}

    # Each question was served by one desk, once.
    tasks_per_visit: dict[int, list[object]] = defaultdict(list)
    for t in tasks:
        tasks_per_visit[t.visit_id].append(t)
        if t.outcome in ("resolved", "transferred"):
            assert t.started_at is not None and t.desk_id is not None
    requeues = Counter(e.visit_id for e in events if e.type == "visit.requeued")
    for visit in visits:
        assert calls[visit.id] <= len(tasks_per_visit[visit.id]) + requeues[visit.id]


def test_unknown_booking_on_a_busy_day_is_still_a_clean_404(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk:
        try:
            kiosk.request("POST", f"/api/v1/locations/{LOCATION}/check-in/appointment",
                          json={"booking_code": "XXXX-0000"})
        except ApiError as error:
            assert (error.status, error.code) == (404, "unknown_booking")
        else:
            raise AssertionError("an unknown booking code was accepted")
