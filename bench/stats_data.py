"""Years of a busy hall's visits, written straight into a database for the statistics benchmark.

The figures follow ``shared/data/README.md`` and ``queue_server/demo/arrivals.csv``: weekdays
only, 09:00-17:00, hourly shares per kind, weekday factors Mon 1.15 … Fri 0.85, about half by
appointment (8 % of bookings not kept, arrivals from 15 minutes early to 10 late), lognormal
service times around each service's typical minutes. Assumed here: 6 % of visits are handed
over to another skill, 4 % bring a second question, 3 % are no-shows when called, 1 % are
cancelled, 0.5 % are still waiting at closing time. Desks open at 08:55 and close at 17:05
with a half-hour pause around lunch, so staffing advice has desk events to compare with.

Rows are generated in Python and inserted in bulk with SQLAlchemy Core; the service layer is
not involved (it would take days).
"""

from __future__ import annotations

import asyncio
import csv
import math
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, create_engine, func, insert, select, text, update

from queue_server.admin import run_admin
from queue_server.hall import DEMO_HALL
from queue_server.services.auth import hash_password
from queue_server.services.context import Context
from queue_server.store import migrate
from queue_server.store.models import (
    AppointmentRow,
    DepartmentRow,
    DeskRow,
    EventRow,
    LocationRow,
    ServiceRow,
    TaskRow,
    UserRow,
    VisitRow,
)

ARRIVALS_CSV = DEMO_HALL.parent / "arrivals.csv"
WEEKDAY_FACTOR = (1.15, 1.00, 0.95, 1.05, 0.85)
DAILY_VISITS = {"kreupelstraat": 900, "haren": 150}
CLOSED_DATES = ((1, 1), (4, 27), (12, 25), (12, 26))
"""New Year, King's Day and Christmas: the hall is closed (moving holidays are ignored)."""
CLERKS = 24
BATCH_DAYS = 20


@dataclass(frozen=True)
class Service:
    id: int
    skill: str
    typical_minutes: float
    appointment: str
    letter: str


@dataclass(frozen=True)
class Desk:
    id: int
    number: int


@dataclass
class Catalogue:
    locations: dict[str, tuple[int, ZoneInfo]]
    services: list[Service]
    desks: dict[int, list[Desk]]
    users: list[int]


@dataclass
class Ids:
    visit: int
    task: int
    appointment: int
    event: int
    seq: dict[int, int] = field(default_factory=dict)


@dataclass
class Batch:
    visits: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    appointments: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def sync_url(url: str) -> str:
    return migrate.sync_url(url.replace("sqlite:///", "sqlite+aiosqlite:///", 1)
                            if url.startswith("sqlite:///") else url)


def prepare(url: str) -> None:
    """Migrate and load the demo hall (the same path the server takes)."""

    async def nothing(_ctx: Context) -> None:
        return None

    asyncio.run(run_admin(url, DEMO_HALL, nothing))


def _hour_shares() -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    with ARRIVALS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    walk = [(int(r["hour"]), float(r["share_of_day_walk_in"])) for r in rows]
    booked = [(int(r["hour"]), float(r["share_of_day_appointments"])) for r in rows]
    return walk, booked


def load_catalogue(connection: Connection) -> Catalogue:
    locations = {row.code: (row.id, ZoneInfo(row.timezone))
                 for row in connection.execute(select(LocationRow)).all()}
    letters = dict(connection.execute(select(DepartmentRow.id, DepartmentRow.letter)).all())
    services = [
        Service(r.id, r.skill, r.typical_minutes, r.appointment, letters[r.department_id])
        for r in connection.execute(select(ServiceRow.__table__).where(ServiceRow.active)).all()
    ]
    desks: dict[int, list[Desk]] = defaultdict(list)
    for row in connection.execute(select(DeskRow.id, DeskRow.number, DeskRow.location_id)):
        desks[row.location_id].append(Desk(row.id, row.number))
    users = [r.id for r in connection.execute(
        select(UserRow.id).where(UserRow.username.like("bench-clerk-%")))]
    if not users:
        password = hash_password("benchmark only, never signs in")
        connection.execute(insert(UserRow), [
            dict(username=f"bench-clerk-{i:02d}", display_name=f"Medewerker {i:02d}",
                 password_hash=password, role="clerk", active=True)
            for i in range(1, CLERKS + 1)
        ])
        users = [r.id for r in connection.execute(
            select(UserRow.id).where(UserRow.username.like("bench-clerk-%")))]
    return Catalogue(locations, services, dict(desks), users)


class Generator:
    def __init__(self, catalogue: Catalogue, ids: Ids, seed: int = 20251128) -> None:
        self.cat = catalogue
        self.ids = ids
        self.rng = random.Random(seed)
        self.walk_hours, self.booked_hours = _hour_shares()
        self.walk_services = [s for s in catalogue.services if s.appointment != "required"]
        self.booked_services = [s for s in catalogue.services if s.appointment != "no"]

    def days(self, first: date, last: date) -> Iterator[date]:
        day = first
        while day <= last:
            if day.weekday() < 5 and (day.month, day.day) not in CLOSED_DATES:
                yield day
            day += timedelta(days=1)

    def day(self, batch: Batch, location: str, day: date) -> None:
        location_id, zone = self.cat.locations[location]
        season = 1 + 0.12 * math.cos((day.timetuple().tm_yday - 30) / 365 * 2 * math.pi)
        volume = DAILY_VISITS[location] * WEEKDAY_FACTOR[day.weekday()] * season
        volume *= self.rng.uniform(0.9, 1.1)
        counters: dict[str, int] = defaultdict(int)
        desks = self.cat.desks[location_id]
        self._desk_events(batch, location_id, zone, day, desks, volume)
        for _ in range(round(volume)):
            booked = self.rng.random() < 0.5
            hour = self._pick(self.booked_hours if booked else self.walk_hours)
            minute = self.rng.uniform(0, 60)
            local = datetime.combine(day, time(hour), zone) + timedelta(minutes=minute)
            service = self.rng.choice(self.booked_services if booked else self.walk_services)
            letter = service.letter
            counters[letter] += 1
            if counters[letter] > 999:
                continue
            self._visit(batch, (location_id, zone), day, local.astimezone(UTC), booked,
                        service, f"{letter}{counters[letter]:03d}", desks)

    def _pick(self, shares: list[tuple[int, float]]) -> int:
        return self.rng.choices([h for h, _ in shares], [s for _, s in shares])[0]

    def _visit(self, batch: Batch, location: tuple[int, ZoneInfo], day: date, at: datetime,
               booked: bool, service: Service, ticket: str, desks: list[Desk]) -> None:
        rng, ids = self.rng, self.ids
        location_id, zone = location
        appointment_at = None
        if booked:
            slot = at.replace(minute=(at.minute // 5) * 5, second=0, microsecond=0)
            appointment_at = slot
            if rng.random() < 0.08:
                self._appointment(batch, location_id, service.id, slot, "booked", None)
                return
            at = slot + timedelta(minutes=rng.uniform(-15, 10))
        ids.visit += 1
        visit_id = ids.visit
        start = max(at, appointment_at) if appointment_at and appointment_at > at else at
        wait = timedelta(minutes=rng.expovariate(1 / (2.5 if booked else 6.0)))
        fate = rng.random()
        called = start + wait
        visit = dict(id=visit_id, location_id=location_id, service_day=day, ticket=ticket,
                     state="done", language="nl", is_appointment=booked,
                     appointment_at=appointment_at, checked_in_at=at, first_called_at=called,
                     closed_at=None, close_reason="resolved", desk_id=None,
                     status_token=f"bench-{visit_id:x}", visitor_name=None)
        batch.visits.append(visit)
        if booked:
            self._appointment(batch, location_id, service.id, appointment_at or at,
                              "checked_in", visit_id)
        desk = rng.choice(desks)
        user = self.cat.users[(desk.number + day.toordinal()) % len(self.cat.users)]
        if fate < 0.005:
            closing = datetime.combine(day, time(17, 30), zone).astimezone(UTC)
            visit.update(first_called_at=None, closed_at=closing, close_reason="end_of_day",
                         state="closed")
            self._task(batch, visit_id, 0, service, at, None, None, closing, "end_of_day",
                       None, None)
            return
        if fate < 0.045:
            reason = "no_show" if fate < 0.035 else "cancelled"
            end = called + timedelta(minutes=rng.uniform(1, 3))
            visit.update(closed_at=end, close_reason=reason, state="closed")
            self._task(batch, visit_id, 0, service, at, called, None, end, reason, desk, user)
            return
        finished = self._served(batch, visit_id, 0, service, at, called, desk, user,
                                "transferred" if fate > 0.94 else "resolved")
        if fate > 0.94:
            skill = rng.choice([s.skill for s in self.cat.services if s.skill != service.skill])
            called = finished + timedelta(minutes=rng.expovariate(1 / 3))
            other = rng.choice(desks)
            finished = self._served(batch, visit_id, 1, None, finished, called, other, user,
                                    "resolved", skill=skill)
        elif fate > 0.90:
            second = rng.choice(self.walk_services)
            called = finished + timedelta(minutes=rng.expovariate(1 / 4))
            finished = self._served(batch, visit_id, 1, second, finished, called, desk, user,
                                    "resolved")
        outcome = "follow_up" if rng.random() < 0.1 else "resolved"
        batch.tasks[-1]["outcome"] = outcome
        visit.update(closed_at=finished, close_reason=outcome)

    def _served(self, batch: Batch, visit_id: int, position: int, service: Service | None,
                queued: datetime, called: datetime, desk: Desk, user: int, outcome: str,
                skill: str | None = None) -> datetime:
        typical = service.typical_minutes if service is not None else 10.0
        sigma = 0.6
        minutes = self.rng.lognormvariate(math.log(typical) - sigma**2 / 2, sigma)
        started = called + timedelta(seconds=self.rng.uniform(20, 90))
        finished = started + timedelta(minutes=minutes)
        self._task(batch, visit_id, position, service, queued, called, started, finished,
                   outcome, desk, user, skill)
        return finished

    def _task(self, batch: Batch, visit_id: int, position: int, service: Service | None,
              queued: datetime, called: datetime | None, started: datetime | None,
              finished: datetime, outcome: str, desk: Desk | None, user: int | None,
              skill: str | None = None) -> None:
        self.ids.task += 1
        batch.tasks.append(dict(
            id=self.ids.task, visit_id=visit_id, position=position,
            service_id=service.id if service else None,
            skill=skill or (service.skill if service else "algemeen"), state="done",
            target_minutes=10.0, queued_at=queued, called_at=called, started_at=started,
            finished_at=finished, pinned_desk_id=None, desk_id=desk.id if desk else None,
            user_id=user, outcome=outcome, note=None,
        ))

    def _appointment(self, batch: Batch, location_id: int, service_id: int, starts: datetime,
                     status: str, visit_id: int | None) -> None:
        self.ids.appointment += 1
        batch.appointments.append(dict(
            id=self.ids.appointment, booking_code=f"BENCH-{self.ids.appointment:07d}",
            location_id=location_id, service_id=service_id, starts_at=starts, name=None,
            contact=None, language="nl", status=status, visit_id=visit_id,
        ))

    def _desk_events(self, batch: Batch, location_id: int, zone: ZoneInfo, day: date,
                     desks: list[Desk], volume: float) -> None:
        staffed = max(1, min(len(desks), round(volume / 95)))
        opening = datetime.combine(day, time(8, 55), zone).astimezone(UTC)
        closing = datetime.combine(day, time(17, 5), zone).astimezone(UTC)
        for index, desk in enumerate(sorted(desks, key=lambda d: d.number)[:staffed]):
            lunch = datetime.combine(day, time(11 + index % 3, 30), zone).astimezone(UTC)
            for at, kind in ((opening, "desk.opened"), (lunch, "desk.paused"),
                             (lunch + timedelta(minutes=30), "desk.resumed"),
                             (closing, "desk.closed")):
                self.ids.event += 1
                seq = self.ids.seq[location_id] = self.ids.seq.get(location_id, 0) + 1
                batch.events.append(dict(
                    id=self.ids.event, location_id=location_id, seq=seq, type=kind, at=at,
                    actor="system", desk_number=desk.number, visit_id=None,
                    data={"desk": desk.number},
                ))


def _next_id(connection: Connection, column: Any) -> int:
    return int(connection.execute(select(func.coalesce(func.max(column), 0))).scalar_one())


def generate(url: str, first: date, last: date, *, progress: bool = True) -> int:
    """Fill the database at ``url`` with visits from ``first`` to ``last``; returns the count."""
    prepare(url)
    engine = create_engine(sync_url(url))
    total = 0
    with engine.begin() as connection:
        catalogue = load_catalogue(connection)
        ids = Ids(_next_id(connection, VisitRow.id), _next_id(connection, TaskRow.id),
                  _next_id(connection, AppointmentRow.id), _next_id(connection, EventRow.id))
        for location_id, _zone in catalogue.locations.values():
            ids.seq[location_id] = int(connection.execute(
                select(LocationRow.last_seq).where(LocationRow.id == location_id)
            ).scalar_one())
    generator = Generator(catalogue, ids)
    days = list(generator.days(first, last))
    for start in range(0, len(days), BATCH_DAYS):
        batch = Batch()
        for day in days[start:start + BATCH_DAYS]:
            for location in DAILY_VISITS:
                generator.day(batch, location, day)
        with engine.begin() as connection:
            for model, rows in ((VisitRow, batch.visits), (TaskRow, batch.tasks),
                                (AppointmentRow, batch.appointments), (EventRow, batch.events)):
                if rows:
                    connection.execute(insert(model), rows)
        total += len(batch.visits)
        if progress:
            print(f"  {days[min(start + BATCH_DAYS, len(days)) - 1]}: {total:,} visits",
                  flush=True)
    with engine.begin() as connection:
        for location_id, seq in ids.seq.items():
            connection.execute(update(LocationRow).where(LocationRow.id == location_id)
                               .values(last_seq=seq))
    engine.dispose()
    return total


def analyze(url: str) -> None:
    """Fresh planner statistics on PostgreSQL, as autovacuum would give them after the bulk
    load; not on SQLite, because the server never runs ANALYZE there and the benchmark should
    see its plans."""
    engine = create_engine(sync_url(url))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
    engine.dispose()
