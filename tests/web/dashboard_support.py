"""Known visits for the statistics tests, with every figure worked out by hand.

All times are UTC. Monday 10 March 2025 is winter time (local = UTC+1); Monday 16 June 2025 is
summer time (local = UTC+2), so hour buckets prove that daylight saving time is folded in.
Norms: walk-ins 10 minutes (600 s), appointments 5 minutes (300 s).

==== ========= ===== ============ ===== ========================== ==========================
id   first     appt  checked in   wait  what happened              questions (desk, clerk)
==== ========= ===== ============ ===== ========================== ==========================
V1   S1 (alg)  -     03-10 08:00  120   resolved                   480 s (1, clerk1)
V2   S1        -     03-10 08:05  720   resolved (outside norm)    300 s (1, clerk1)
V3   S2 (bel)  -     03-10 08:10  240   transferred, then resolved 360 s (2, clerk2) →
                                                                   handover wait 180, 600 s
                                                                   (1, clerk1)
V4   S1        08:30 03-10 08:20  180   10 min early; resolved     600 s (2, clerk2)
V5   S2        09:00 03-10 09:03  420   3 min late; follow-up      600 s (2, clerk2)
V6   S1        -     03-10 09:30   60   no-show                    called (1, clerk1)
V7   S2        -     03-10 09:40   -    never called; end of day   -
V8   S1        -     03-10 09:50  300   cancelled                  called (2, clerk2)
V9   S2        -     06-16 07:30  540   resolved                   900 s (1, clerk1)
V10  S1 Haren  -     03-10 08:00   60   resolved (other location)  300 s (Haren 1, clerk3)
V11  S2        -     06-16 09:00   -    still waiting at NOW       -
==== ========= ===== ============ ===== ========================== ==========================

Appointments (all at Kreupelstraat, on the winter day unless said): A1 08:30 and A2 09:00
checked in (V4, V5); A3 10:00 still "booked" (not kept); A4 11:00 "late" (went on as a
walk-in); A5 on the summer day at 10:00, after NOW; A6 12:00 cancelled; A7 13:00 marked
"no_show" by housekeeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from queue_server.store import repository as repo
from queue_server.store.database import Database
from queue_server.store.models import AppointmentRow, TaskRow, VisitRow

S1 = "verhuizing-doorgeven"
"""Burgerzaken, skill algemeen."""
S2 = "vraag-over-gemeentelijke-belastingen-of"
"""Belastingen, skill belastingen."""
WINTER_DAY = date(2025, 3, 10)
SUMMER_DAY = date(2025, 6, 16)
NOW = datetime(2025, 6, 16, 9, 4, tzinfo=UTC)
"""V11 has waited 4 minutes: not yet decided against the 10-minute norm."""


@dataclass
class Known:
    location_id: int
    haren_id: int
    services: dict[str, int]
    desks: dict[int, int]
    """Kreupelstraat desk number → desk id."""
    users: dict[str, int]
    visit_ids: dict[str, int] = field(default_factory=dict)


@dataclass
class Question:
    service: str | None
    skill: str
    queued: datetime
    called: datetime | None = None
    started: datetime | None = None
    finished: datetime | None = None
    outcome: str | None = None
    desk: int | None = None
    clerk: str | None = None


def _at(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=UTC)


def _visits() -> list[tuple[str, dict[str, object], list[Question]]]:
    d1, d2 = WINTER_DAY, SUMMER_DAY
    t = _at
    return [
        ("V1", dict(ticket="A001", checked=t(d1, 8, 0), called=t(d1, 8, 2), close="resolved"),
         [Question(S1, "algemeen", t(d1, 8, 0), t(d1, 8, 2), t(d1, 8, 2, 30), t(d1, 8, 10, 30),
                   "resolved", 1, "clerk1")]),
        ("V2", dict(ticket="A002", checked=t(d1, 8, 5), called=t(d1, 8, 17), close="resolved"),
         [Question(S1, "algemeen", t(d1, 8, 5), t(d1, 8, 17), t(d1, 8, 17), t(d1, 8, 22),
                   "resolved", 1, "clerk1")]),
        ("V3", dict(ticket="F001", checked=t(d1, 8, 10), called=t(d1, 8, 14), close="resolved"),
         [Question(S2, "belastingen", t(d1, 8, 10), t(d1, 8, 14), t(d1, 8, 14), t(d1, 8, 20),
                   "transferred", 2, "clerk2"),
          Question(None, "algemeen", t(d1, 8, 20), t(d1, 8, 23), t(d1, 8, 23), t(d1, 8, 33),
                   "resolved", 1, "clerk1")]),
        ("V4", dict(ticket="A003", checked=t(d1, 8, 20), called=t(d1, 8, 33), close="resolved",
                    appointment=t(d1, 8, 30)),
         [Question(S1, "algemeen", t(d1, 8, 20), t(d1, 8, 33), t(d1, 8, 34), t(d1, 8, 44),
                   "resolved", 2, "clerk2")]),
        ("V5", dict(ticket="F002", checked=t(d1, 9, 3), called=t(d1, 9, 10), close="follow_up",
                    appointment=t(d1, 9, 0)),
         [Question(S2, "belastingen", t(d1, 9, 3), t(d1, 9, 10), t(d1, 9, 10), t(d1, 9, 20),
                   "follow_up", 2, "clerk2")]),
        ("V6", dict(ticket="A004", checked=t(d1, 9, 30), called=t(d1, 9, 31), close="no_show",
                    closed=t(d1, 9, 33)),
         [Question(S1, "algemeen", t(d1, 9, 30), t(d1, 9, 31), None, t(d1, 9, 33), "no_show",
                   1, "clerk1")]),
        ("V7", dict(ticket="F003", checked=t(d1, 9, 40), close="end_of_day",
                    closed=t(d1 + timedelta(days=1), 5, 0)),
         [Question(S2, "belastingen", t(d1, 9, 40), None, None,
                   t(d1 + timedelta(days=1), 5, 0), "end_of_day")]),
        ("V8", dict(ticket="A005", checked=t(d1, 9, 50), called=t(d1, 9, 55), close="cancelled",
                    closed=t(d1, 9, 56)),
         [Question(S1, "algemeen", t(d1, 9, 50), t(d1, 9, 55), None, t(d1, 9, 56), "cancelled",
                   2, "clerk2")]),
        ("V9", dict(ticket="F001", checked=t(d2, 7, 30), called=t(d2, 7, 39), close="resolved"),
         [Question(S2, "belastingen", t(d2, 7, 30), t(d2, 7, 39), t(d2, 7, 40), t(d2, 7, 55),
                   "resolved", 1, "clerk1")]),
        ("V10", dict(ticket="A001", checked=t(d1, 8, 0), called=t(d1, 8, 1), close="resolved",
                     haren=True),
         [Question(S1, "algemeen", t(d1, 8, 0), t(d1, 8, 1), t(d1, 8, 1), t(d1, 8, 6),
                   "resolved", None, "clerk3")]),
        ("V11", dict(ticket="F002", checked=t(d2, 9, 0), state="waiting"),
         [Question(S2, "belastingen", t(d2, 9, 0))]),
    ]


async def seed_known_visits(database_url: str) -> Known:
    """Insert the visits of the table above (and their appointments) in one transaction."""
    db = Database(database_url)
    try:
        async with db.transaction() as session:
            location = await repo.location_by_code(session, "kreupelstraat")
            haren = await repo.location_by_code(session, "haren")
            assert location is not None and haren is not None
            services = {s.code: s.id for s in await repo.services(session)}
            desks = {d.number: d.id for d in await repo.desks_at(session, location.id)}
            users = {}
            for name in ("clerk1", "clerk2", "clerk3"):
                user = await repo.user_by_name(session, name)
                assert user is not None
                users[name] = user.id
            known = Known(location.id, haren.id, services, desks, users)
            for key, visit, tasks in _visits():
                known.visit_ids[key] = await _insert(session, known, key, visit, tasks)
            _add_appointments(session, known)
    finally:
        await db.dispose()
    return known


async def _insert(session: AsyncSession, known: Known, key: str, visit: dict[str, object],
                  tasks: list[Question]) -> int:
    checked = visit["checked"]
    assert isinstance(checked, datetime)
    close = str(visit.get("close", ""))
    closed = visit.get("closed") or (tasks[-1].finished if close else None)
    appointment = visit.get("appointment")
    row = VisitRow(
        location_id=known.haren_id if visit.get("haren") else known.location_id,
        service_day=checked.date(), ticket=visit["ticket"],
        state=str(visit.get("state", "done" if close in ("resolved", "follow_up") else "closed")),
        language="nl", is_appointment=appointment is not None, appointment_at=appointment,
        checked_in_at=checked, first_called_at=visit.get("called"), closed_at=closed,
        close_reason=close, status_token=f"known-{key}",
    )
    session.add(row)
    await session.flush()
    for position, q in enumerate(tasks):
        session.add(TaskRow(
            visit_id=row.id, position=position,
            service_id=known.services[q.service] if q.service else None, skill=q.skill,
            state="done" if q.outcome else "waiting", target_minutes=5.0 if appointment else 10.0,
            queued_at=q.queued, called_at=q.called, started_at=q.started, finished_at=q.finished,
            desk_id=known.desks[q.desk] if q.desk else None,
            user_id=known.users[q.clerk] if q.clerk else None, outcome=q.outcome,
        ))
    await session.flush()
    return row.id


def _add_appointments(session: AsyncSession, known: Known) -> None:
    d1 = WINTER_DAY
    for code, service, starts, status in (
        ("KNOWN-A1", S1, _at(d1, 8, 30), "checked_in"),
        ("KNOWN-A2", S2, _at(d1, 9, 0), "checked_in"),
        ("KNOWN-A3", S1, _at(d1, 10, 0), "booked"),
        ("KNOWN-A4", S2, _at(d1, 11, 0), "late"),
        ("KNOWN-A5", S2, _at(SUMMER_DAY, 10, 0), "booked"),
        ("KNOWN-A6", S1, _at(d1, 12, 0), "cancelled"),
        ("KNOWN-A7", S2, _at(d1, 13, 0), "no_show"),
    ):
        session.add(AppointmentRow(booking_code=code, location_id=known.location_id,
                                   service_id=known.services[service], starts_at=starts,
                                   status=status))
