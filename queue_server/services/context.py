"""What every operation needs besides its arguments: the session, the catalogue, the time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from queue_server.domain.catalogue import GENERAL_SKILL
from queue_server.store import repository as repo
from queue_server.store.models import DepartmentRow, DeskRow, ServiceRow


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it, for the audit trail: a staff user, a device or the system."""

    kind: Literal["user", "device", "system", "visitor"]
    name: str
    id: int | None = None
    role: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}"


SYSTEM = Actor("system", "eenloket")


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The catalogue tables, read once at start-up (they change only with the config file)."""

    departments: dict[int, DepartmentRow]
    services: dict[int, ServiceRow]
    by_code: dict[str, ServiceRow]
    skills: frozenset[str]

    def letter_of(self, service: ServiceRow) -> str:
        return self.departments[service.department_id].letter

    def skills_of_letter(self, letter: str) -> frozenset[str]:
        return frozenset(
            s.skill for s in self.services.values()
            if self.departments[s.department_id].letter == letter
        )

    def planned_minutes(self, skill: str) -> float:
        minutes = [s.typical_minutes for s in self.services.values() if s.skill == skill]
        return sum(minutes) / len(minutes) if minutes else 10.0

    @property
    def general_service(self) -> ServiceRow:
        """The "other question / I don't know" service: the kiosk's way to a generalist."""
        general = [s for s in self.services.values() if s.skill == GENERAL_SKILL]
        return general[-1]


async def load_catalogue(session: AsyncSession) -> Catalogue:
    departments = {d.id: d for d in await repo.departments(session)}
    services = {s.id: s for s in await repo.services(session, active_only=True)}
    return Catalogue(
        departments=departments,
        services=services,
        by_code={s.code: s for s in services.values()},
        skills=frozenset(s.skill for s in services.values()) | {GENERAL_SKILL},
    )


@dataclass(slots=True)
class Context:
    session: AsyncSession
    catalogue: Catalogue
    now: datetime
    actor: Actor
    base_url: str = ""
    walk_in_target: float = 10.0
    appointment_target: float = 5.0
    notify_postgres: bool = False
    _desks: dict[int, Sequence[DeskRow]] = field(default_factory=dict, init=False, repr=False)

    async def desks_at(self, location_id: int) -> Sequence[DeskRow]:
        """The location's desks, read once per unit of work.

        One action needs them several times (routing, the event's categories, the desk's
        answer). Reading them again would return the same objects anyway: the session's
        identity map keeps them, and changes in this transaction are made on them. Desks are
        added only by the hall sync, which works on a bare session.
        """
        desks = self._desks.get(location_id)
        if desks is None:
            desks = self._desks[location_id] = await repo.desks_at(self.session, location_id)
        return desks
