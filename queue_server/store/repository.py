"""Every query the services need. Services call these; they never build SQL themselves."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from queue_server.store.models import (
    AppointmentRow,
    DepartmentRow,
    DeskRow,
    DeviceRow,
    EventRow,
    IdempotencyRow,
    LocationRow,
    ServiceRow,
    SessionRow,
    TaskRow,
    TicketCounterRow,
    UserRow,
    VisitRow,
)

OPEN_VISIT_STATES = ("waiting", "called", "serving")


async def location_by_code(session: AsyncSession, code: str) -> LocationRow | None:
    return (
        await session.execute(select(LocationRow).where(LocationRow.code == code))
    ).scalar_one_or_none()


async def location_by_id(session: AsyncSession, location_id: int) -> LocationRow:
    query = select(LocationRow).where(LocationRow.id == location_id)
    return (await session.execute(query)).scalar_one()


async def all_locations(session: AsyncSession) -> Sequence[LocationRow]:
    return (await session.execute(select(LocationRow).order_by(LocationRow.id))).scalars().all()


async def departments(session: AsyncSession) -> Sequence[DepartmentRow]:
    return (await session.execute(select(DepartmentRow).order_by(DepartmentRow.id))).scalars().all()


async def services(session: AsyncSession, *, active_only: bool = True) -> Sequence[ServiceRow]:
    query = select(ServiceRow).order_by(ServiceRow.id)
    if active_only:
        query = query.where(ServiceRow.active.is_(True))
    return (await session.execute(query)).scalars().all()


async def desks_at(session: AsyncSession, location_id: int) -> Sequence[DeskRow]:
    query = select(DeskRow).where(DeskRow.location_id == location_id).order_by(DeskRow.number)
    return (await session.execute(query)).scalars().all()


async def desk_by_number(
    session: AsyncSession, location_id: int, number: int, *, for_update: bool = False
) -> DeskRow | None:
    query = select(DeskRow).where(DeskRow.location_id == location_id, DeskRow.number == number)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def desk_by_id(session: AsyncSession, desk_id: int) -> DeskRow:
    return (await session.execute(select(DeskRow).where(DeskRow.id == desk_id))).scalar_one()


def _visit_with_tasks() -> Select[VisitRow]:
    return select(VisitRow).options(selectinload(VisitRow.tasks))


async def visit_by_id(
    session: AsyncSession, visit_id: int, *, for_update: bool = False
) -> VisitRow | None:
    query = _visit_with_tasks().where(VisitRow.id == visit_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def visit_by_ticket(
    session: AsyncSession, location_id: int, day: date, ticket: str, *, for_update: bool = False
) -> VisitRow | None:
    query = _visit_with_tasks().where(
        VisitRow.location_id == location_id, VisitRow.service_day == day, VisitRow.ticket == ticket
    )
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def visit_by_status_token(session: AsyncSession, token: str) -> VisitRow | None:
    query = _visit_with_tasks().where(VisitRow.status_token == token)
    return (await session.execute(query)).scalar_one_or_none()


async def visit_at_desk(session: AsyncSession, desk_id: int) -> VisitRow | None:
    query = _visit_with_tasks().where(
        VisitRow.desk_id == desk_id, VisitRow.state.in_(("called", "serving"))
    )
    return (await session.execute(query)).scalar_one_or_none()


async def claim_visit(session: AsyncSession, visit_id: int) -> VisitRow | None:
    """Lock a waiting visit for this transaction, or None if another desk has it.

    On PostgreSQL ``SKIP LOCKED`` lets a racing desk pass over a visit that another desk is
    claiming instead of queueing behind it; SQLite ignores the clause (writes are serialized).
    """
    query = (
        _visit_with_tasks()
        .where(VisitRow.id == visit_id, VisitRow.state == "waiting")
        .with_for_update(skip_locked=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def waiting_tasks(
    session: AsyncSession, location_id: int, skills: Sequence[str] | None = None
) -> Sequence[tuple[TaskRow, VisitRow]]:
    """The waiting task of every waiting visit at the location (optionally of some skills)."""
    query = (
        select(TaskRow, VisitRow)
        .join(VisitRow, TaskRow.visit_id == VisitRow.id)
        .where(
            VisitRow.location_id == location_id,
            VisitRow.state == "waiting",
            TaskRow.state == "waiting",
        )
        .order_by(TaskRow.queued_at, VisitRow.id)
    )
    if skills is not None:
        query = query.where(TaskRow.skill.in_(skills))
    return [(task, visit) for task, visit in (await session.execute(query)).all()]


class WaitingRow(NamedTuple):
    """A waiting task with what routing needs of its visit, read as plain columns."""

    visit_id: int
    ticket: str
    skill: str
    queued_at: datetime | None
    target_minutes: float
    appointment_at: datetime | None
    pinned_desk_number: int | None
    """The desk it was transferred to, if any."""


async def waiting_rows(
    session: AsyncSession, location_id: int, skills: Sequence[str]
) -> list[WaitingRow]:
    """Like :func:`waiting_tasks` for these skills, without loading rows as objects.

    The hot paths (call-next, check-in) read every waiting task; plain columns cost a
    fraction of ORM objects, and the join names a pinned desk without reading all desks.
    """
    pinned = aliased(DeskRow)
    query = (
        select(
            VisitRow.id, VisitRow.ticket, TaskRow.skill, TaskRow.queued_at,
            TaskRow.target_minutes, VisitRow.appointment_at, pinned.number,
        )
        .select_from(TaskRow)
        .join(VisitRow, TaskRow.visit_id == VisitRow.id)
        .outerjoin(pinned, TaskRow.pinned_desk_id == pinned.id)
        .where(
            VisitRow.location_id == location_id,
            VisitRow.state == "waiting",
            TaskRow.state == "waiting",
            TaskRow.skill.in_(skills),
        )
        .order_by(TaskRow.queued_at, VisitRow.id)
    )
    return [WaitingRow(*row) for row in (await session.execute(query)).all()]


class WaitingCount(NamedTuple):
    waiting: int
    since: datetime | None
    """When the longest-waiting of them began to wait."""


async def waiting_per_letter(session: AsyncSession, location_id: int) -> dict[str, WaitingCount]:
    """How many visits wait at the location per ticket letter, counted in the database."""
    letter = func.substr(VisitRow.ticket, 1, 1)
    query = (
        select(letter, func.count(), func.min(TaskRow.queued_at))
        .select_from(TaskRow)
        .join(VisitRow, TaskRow.visit_id == VisitRow.id)
        .where(
            VisitRow.location_id == location_id,
            VisitRow.state == "waiting",
            TaskRow.state == "waiting",
        )
        .group_by(letter)
    )
    return {
        key: WaitingCount(count, since)
        for key, count, since in (await session.execute(query)).all()
    }


async def waiting_per_skill(
    session: AsyncSession, location_id: int, skills: Sequence[str] | None = None
) -> dict[str, WaitingCount]:
    """How many visits wait at the location per skill (optionally of some skills)."""
    query = (
        select(TaskRow.skill, func.count(), func.min(TaskRow.queued_at))
        .join(VisitRow, TaskRow.visit_id == VisitRow.id)
        .where(
            VisitRow.location_id == location_id,
            VisitRow.state == "waiting",
            TaskRow.state == "waiting",
        )
        .group_by(TaskRow.skill)
    )
    if skills is not None:
        query = query.where(TaskRow.skill.in_(skills))
    return {
        key: WaitingCount(count, since)
        for key, count, since in (await session.execute(query)).all()
    }


async def recent_service_minutes(
    session: AsyncSession, location_id: int, skill: str, since: datetime, limit: int = 20
) -> list[float]:
    query = (
        select(TaskRow.started_at, TaskRow.finished_at)
        .join(VisitRow, TaskRow.visit_id == VisitRow.id)
        .where(
            VisitRow.location_id == location_id,
            TaskRow.skill == skill,
            TaskRow.finished_at.is_not(None),
            TaskRow.started_at.is_not(None),
            TaskRow.finished_at >= since,
        )
        .order_by(TaskRow.finished_at.desc())
        .limit(limit)
    )
    rows = (await session.execute(query)).all()
    return [
        (finished - started).total_seconds() / 60
        for started, finished in reversed(rows)
        if started is not None and finished is not None
    ]


async def open_visits(session: AsyncSession, location_id: int) -> Sequence[VisitRow]:
    query = _visit_with_tasks().where(
        VisitRow.location_id == location_id, VisitRow.state.in_(OPEN_VISIT_STATES)
    )
    return (await session.execute(query)).scalars().all()


async def next_ticket_number(
    session: AsyncSession, location_id: int, day: date, letter: str
) -> int:
    """Increment and return the day's counter for one letter (row-locked until commit)."""
    counter = (
        await session.execute(
            select(TicketCounterRow)
            .where(
                TicketCounterRow.location_id == location_id,
                TicketCounterRow.service_day == day,
                TicketCounterRow.letter == letter,
            )
            .with_for_update()
        )
    ).scalar_one_or_none()
    if counter is None:
        counter = TicketCounterRow(location_id=location_id, service_day=day, letter=letter, last=0)
        session.add(counter)
    counter.last += 1
    await session.flush()
    return counter.last


async def next_event_seq(session: AsyncSession, location_id: int) -> int:
    """Increment the location's event sequence; the row lock orders commits per location."""
    result = await session.execute(
        update(LocationRow)
        .where(LocationRow.id == location_id)
        .values(last_seq=LocationRow.last_seq + 1)
        .returning(LocationRow.last_seq)
    )
    return int(result.scalar_one())


async def events_since(
    session: AsyncSession, location_id: int, seq: int, limit: int
) -> Sequence[EventRow]:
    query = (
        select(EventRow)
        .where(EventRow.location_id == location_id, EventRow.seq > seq)
        .order_by(EventRow.seq)
        .limit(limit)
    )
    return (await session.execute(query)).scalars().all()


async def recent_events(
    session: AsyncSession, location_id: int, types: Sequence[str], since: datetime, limit: int
) -> Sequence[EventRow]:
    query = (
        select(EventRow)
        .where(
            EventRow.location_id == location_id,
            EventRow.type.in_(types),
            EventRow.at >= since,
        )
        .order_by(EventRow.seq.desc())
        .limit(limit)
    )
    return (await session.execute(query)).scalars().all()


async def idempotent_response(session: AsyncSession, key: str) -> IdempotencyRow | None:
    return await session.get(IdempotencyRow, key)


async def appointment_by_code(
    session: AsyncSession, code: str, *, for_update: bool = False
) -> AppointmentRow | None:
    query = select(AppointmentRow).where(AppointmentRow.booking_code == code)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def user_by_name(session: AsyncSession, username: str) -> UserRow | None:
    return (
        await session.execute(select(UserRow).where(UserRow.username == username))
    ).scalar_one_or_none()


async def user_by_id(session: AsyncSession, user_id: int) -> UserRow | None:
    return await session.get(UserRow, user_id)


async def device_by_token_hash(session: AsyncSession, token_hash: str) -> DeviceRow | None:
    return (
        await session.execute(select(DeviceRow).where(DeviceRow.token_hash == token_hash))
    ).scalar_one_or_none()


async def device_by_name(session: AsyncSession, name: str) -> DeviceRow | None:
    return (
        await session.execute(select(DeviceRow).where(DeviceRow.name == name))
    ).scalar_one_or_none()


async def session_with_user(
    session: AsyncSession, token_hash: str
) -> tuple[SessionRow, UserRow] | None:
    """A staff session and its user in one query: every staff request asks for both."""
    query = (
        select(SessionRow, UserRow)
        .join(UserRow, SessionRow.user_id == UserRow.id)
        .where(SessionRow.token_hash == token_hash)
    )
    row = (await session.execute(query)).one_or_none()
    return (row[0], row[1]) if row is not None else None


async def unpin_waiting_tasks(session: AsyncSession, desk_id: int) -> None:
    await session.execute(
        update(TaskRow)
        .where(TaskRow.pinned_desk_id == desk_id, TaskRow.state == "waiting")
        .values(pinned_desk_id=None)
    )


async def open_desks(session: AsyncSession) -> Sequence[DeskRow]:
    query = select(DeskRow).where(DeskRow.state != "closed").order_by(DeskRow.id)
    return (await session.execute(query.with_for_update())).scalars().all()


async def desks_of_user(session: AsyncSession, user_id: int) -> Sequence[DeskRow]:
    query = select(DeskRow).where(DeskRow.user_id == user_id, DeskRow.state != "closed")
    return (await session.execute(query.with_for_update())).scalars().all()


async def mark_device_seen(session: AsyncSession, device_id: int, now: datetime) -> None:
    await session.execute(update(DeviceRow).where(DeviceRow.id == device_id).values(last_seen=now))


async def lock_location(session: AsyncSession, location_id: int) -> None:
    """Serialize check-ins per location (ticket counters, idempotency keys) on PostgreSQL."""
    query = select(LocationRow.id).where(LocationRow.id == location_id).with_for_update()
    await session.execute(query)


async def delete_idempotency_before(session: AsyncSession, before: datetime) -> None:
    await session.execute(delete(IdempotencyRow).where(IdempotencyRow.created_at < before))


async def delete_sessions_idle_since(session: AsyncSession, before: datetime) -> None:
    await session.execute(delete(SessionRow).where(SessionRow.last_seen < before))


async def appointments_by_codes(
    session: AsyncSession, codes: Sequence[str]
) -> Sequence[AppointmentRow]:
    """The appointments with these booking codes, locked (an import's chunk)."""
    if not codes:
        return []
    query = select(AppointmentRow).where(AppointmentRow.booking_code.in_(codes))
    return (await session.execute(query.with_for_update())).scalars().all()


async def booked_appointments_before(
    session: AsyncSession, before: datetime
) -> Sequence[AppointmentRow]:
    """Booked appointments (nobody checked in) that started before ``before``, locked."""
    query = select(AppointmentRow).where(
        AppointmentRow.status == "booked", AppointmentRow.starts_at < before
    ).with_for_update()
    return (await session.execute(query)).scalars().all()
