"""Bring the catalogue tables in line with the hall configuration file (at start-up)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from queue_server.domain.catalogue import Hall
from queue_server.store import repository as repo
from queue_server.store.models import DepartmentRow, DeskRow, LocationRow, ServiceRow


async def sync_hall(session: AsyncSession, hall: Hall) -> None:
    """Insert or update what the file lists; services it no longer lists become inactive
    (visits keep referring to them). A desk that lost a skill stops offering it at once;
    desks the file no longer lists keep their rows (visits refer to them)."""
    locations = {loc.code: loc for loc in await repo.all_locations(session)}
    for location in hall.locations:
        row = locations.get(location.code)
        if row is None:
            row = LocationRow(code=location.code, name=location.name,
                              timezone=location.timezone, last_seq=0)
            session.add(row)
            locations[location.code] = row
        row.name, row.timezone = location.name, location.timezone
    departments = {d.code: d for d in await repo.departments(session)}
    for department in hall.departments:
        drow = departments.get(department.code)
        if drow is None:
            drow = DepartmentRow(code=department.code)
            session.add(drow)
            departments[department.code] = drow
        drow.name_nl, drow.name_en = department.name_nl, department.name_en
        drow.letter, drow.pictogram = department.letter, department.pictogram
    await session.flush()
    services = {s.code: s for s in await repo.services(session, active_only=False)}
    listed = {s.code for s in hall.services}
    for service in hall.services:
        srow = services.get(service.code)
        if srow is None:
            srow = ServiceRow(code=service.code)
            session.add(srow)
        srow.department_id = departments[service.department].id
        srow.name_nl, srow.name_en, srow.skill = service.name_nl, service.name_en, service.skill
        srow.typical_minutes, srow.appointment = service.typical_minutes, service.appointment.value
        srow.checkin_early_minutes = service.checkin_early_minutes
        srow.checkin_late_minutes = service.checkin_late_minutes
        srow.active = True
    for code, srow in services.items():
        if code not in listed:
            srow.active = False
    await session.flush()
    for location_code, location_row in locations.items():
        existing = {d.number: d for d in await repo.desks_at(session, location_row.id)}
        for desk in hall.desks:
            if desk.location != location_code:
                continue
            krow = existing.get(desk.number)
            if krow is None:
                krow = DeskRow(location_id=location_row.id, number=desk.number, state="closed",
                               session_skills=[], pause_reason="")
                session.add(krow)
            krow.kind, krow.skills = desk.kind.value, sorted(desk.skills)
            if krow.session_skills:
                krow.session_skills = sorted(set(krow.session_skills) & desk.skills)
    await session.flush()
