"""Read the hall configuration file (TOML) into the domain's :class:`Hall`.

The file lists locations, departments (with their ticket letter), services and desks. See
``queue_server/demo/hall.toml`` for a complete example.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from queue_server.distribution import is_edge
from queue_server.domain.catalogue import (
    GENERAL_SKILL,
    AppointmentPolicy,
    Department,
    Desk,
    DeskKind,
    Hall,
    Location,
    Service,
)

DEMO_HALL = Path(__file__).parent / "demo" / "hall.toml"


class HallConfigError(ValueError):
    """The hall configuration file is incomplete or contradicts itself."""


def load_hall(path: Path) -> Hall:
    """Parse and check a hall configuration file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise HallConfigError(f"cannot read hall configuration {path}: {exc}") from exc
    return parse_hall(data)


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry:
        raise HallConfigError(f"{where}: missing '{key}'")
    return entry[key]


def parse_hall(data: dict[str, Any]) -> Hall:
    locations = tuple(
        Location(
            code=_require(e, "code", "location"),
            name=_require(e, "name", "location"),
            timezone=e.get("timezone", "Europe/Amsterdam"),
        )
        for e in data.get("locations", [])
    )
    departments = tuple(
        Department(
            code=_require(e, "code", "department"),
            name_nl=_require(e, "name_nl", "department"),
            name_en=_require(e, "name_en", "department"),
            letter=_require(e, "letter", "department"),
            pictogram=e.get("pictogram", ""),
        )
        for e in data.get("departments", [])
    )
    services = tuple(
        Service(
            code=_require(e, "code", "service"),
            department=_require(e, "department", "service"),
            name_nl=_require(e, "name_nl", "service"),
            name_en=_require(e, "name_en", "service"),
            skill=_require(e, "skill", "service"),
            typical_minutes=float(_require(e, "typical_minutes", "service")),
            appointment=AppointmentPolicy(e.get("appointment", "no")),
            checkin_early_minutes=float(e.get("checkin_early_minutes", 30)),
            checkin_late_minutes=float(e.get("checkin_late_minutes", 15)),
        )
        for e in data.get("services", [])
    )
    desks = tuple(
        Desk(
            location=_require(e, "location", "desk"),
            number=int(_require(e, "number", "desk")),
            kind=DeskKind(_require(e, "kind", "desk")),
            skills=frozenset(_require(e, "skills", "desk")),
            name=e.get("name", ""),
        )
        for e in data.get("desks", [])
    )
    norms = data.get("norms", {})
    hall = Hall(
        locations=locations,
        departments=departments,
        services=services,
        desks=desks,
        walk_in_target_minutes=float(norms.get("walk_in_minutes", 10)),
        appointment_target_minutes=float(norms.get("appointment_minutes", 5)),
        skills=frozenset(s.skill for s in services) | {GENERAL_SKILL},
    )
    _check(hall)
    return hall


def _check(hall: Hall) -> None:
    if not hall.locations:
        raise HallConfigError("the hall has no locations")
    for name, minutes in (("walk_in_minutes", hall.walk_in_target_minutes),
                          ("appointment_minutes", hall.appointment_target_minutes)):
        # Statistics of closed days count waits in bins (queue_server.distribution); a norm
        # on a bin edge splits within from outside exactly.
        if not 0 < minutes <= 30 or not is_edge(minutes * 60):
            raise HallConfigError(
                f"norms: {name} must be a whole or half minute from 0.5 to 30")
    location_codes = {loc.code for loc in hall.locations}
    department_codes = {d.code for d in hall.departments}
    for what, codes in (
        ("location", [loc.code for loc in hall.locations]),
        ("department", [d.code for d in hall.departments]),
        ("service", [s.code for s in hall.services]),
    ):
        if len(codes) != len(set(codes)):
            raise HallConfigError(f"duplicate {what} codes")
    for service in hall.services:
        if service.department not in department_codes:
            raise HallConfigError(
                f"service {service.code}: unknown department {service.department}"
            )
        if service.typical_minutes <= 0:
            raise HallConfigError(f"service {service.code}: typical_minutes must be > 0")
        if service.checkin_early_minutes < 0 or service.checkin_late_minutes < 0:
            raise HallConfigError(f"service {service.code}: check-in minutes must be >= 0")
    seen: set[tuple[str, int]] = set()
    for desk in hall.desks:
        if desk.location not in location_codes:
            raise HallConfigError(f"desk {desk.number}: unknown location {desk.location}")
        if (desk.location, desk.number) in seen:
            raise HallConfigError(f"desk {desk.number} at {desk.location} is listed twice")
        seen.add((desk.location, desk.number))
        unknown = desk.skills - hall.skills
        if unknown:
            raise HallConfigError(f"desk {desk.number}: unknown skills {sorted(unknown)}")
    if not any(s.skill == GENERAL_SKILL for s in hall.services):
        raise HallConfigError("the catalogue needs at least one general service (skill 'algemeen')")
