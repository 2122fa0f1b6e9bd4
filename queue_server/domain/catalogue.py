"""The hall's catalogue: locations, departments, services, skills and desks.

These are plain values read from the hall configuration file; the store mirrors them in
tables so that visits can refer to them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

GENERAL_SKILL = "algemeen"
"""The skill every generalist (front-office) desk has; "I don't know" always maps to it."""


class AppointmentPolicy(enum.StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    NO = "no"


class DeskKind(enum.StrEnum):
    GENERALIST = "generalist"
    SPECIALIST = "specialist"


@dataclass(frozen=True, slots=True)
class Location:
    code: str
    name: str
    timezone: str = "Europe/Amsterdam"


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name_nl: str
    name_en: str
    letter: str
    """The ticket letter of this department group (B023); several departments may share one."""
    pictogram: str = ""


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    department: str
    name_nl: str
    name_en: str
    skill: str
    typical_minutes: float
    appointment: AppointmentPolicy
    checkin_early_minutes: float = 30
    """How early an appointment visitor may check in (then waits for the booked time)."""
    checkin_late_minutes: float = 15
    """How late an appointment visitor may still check in as an appointment."""

    @property
    def is_general(self) -> bool:
        return self.skill == GENERAL_SKILL


@dataclass(frozen=True, slots=True)
class Desk:
    location: str
    number: int
    kind: DeskKind
    skills: frozenset[str]
    name: str = ""


@dataclass(frozen=True, slots=True)
class Hall:
    """Everything the configuration file says about the halls of one municipality."""

    locations: tuple[Location, ...]
    departments: tuple[Department, ...]
    services: tuple[Service, ...]
    desks: tuple[Desk, ...]
    walk_in_target_minutes: float = 10.0
    appointment_target_minutes: float = 5.0
    skills: frozenset[str] = field(default_factory=frozenset)

    def department(self, code: str) -> Department:
        for department in self.departments:
            if department.code == code:
                return department
        raise KeyError(code)

    def service(self, code: str) -> Service:
        for service in self.services:
            if service.code == code:
                return service
        raise KeyError(code)

    def desks_at(self, location: str) -> tuple[Desk, ...]:
        return tuple(desk for desk in self.desks if desk.location == location)
