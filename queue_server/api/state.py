"""What the app holds for its lifetime, and the unit of work every write request runs in."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Request
from starlette.requests import HTTPConnection

from queue_server.api.metrics import Metrics
from queue_server.errors import NotFound
from queue_server.realtime import Hub
from queue_server.services.context import SYSTEM, Actor, Catalogue, Context
from queue_server.settings import Settings
from queue_server.store import repository as repo
from queue_server.store.database import Database
from queue_server.store.models import LocationRow


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppState:
    settings: Settings
    db: Database
    hub: Hub
    catalogue: Catalogue
    metrics: Metrics
    clock: Callable[[], datetime] = utc_now
    walk_in_target: float = 10.0
    appointment_target: float = 5.0

    def context(self, session: object, actor: Actor) -> Context:
        from sqlalchemy.ext.asyncio import AsyncSession

        assert isinstance(session, AsyncSession)
        return Context(
            session=session,
            catalogue=self.catalogue,
            now=self.clock(),
            actor=actor,
            base_url=self.settings.base_url,
            walk_in_target=self.walk_in_target,
            appointment_target=self.appointment_target,
            notify_postgres=not self.db.is_sqlite,
        )

    @contextlib.asynccontextmanager
    async def write(self, actor: Actor = SYSTEM) -> AsyncIterator[Context]:
        """One transaction; commit on success, roll back on any error."""
        async with self.db.transaction() as session:
            yield self.context(session, actor)

    @contextlib.asynccontextmanager
    async def read(self, actor: Actor = SYSTEM) -> AsyncIterator[Context]:
        async with self.db.reading() as session:
            yield self.context(session, actor)


def get_state(connection: HTTPConnection) -> AppState:
    state: AppState = connection.app.state.eenloket
    return state


async def location_or_404(ctx: Context, code: str) -> LocationRow:
    location = await repo.location_by_code(ctx.session, code)
    if location is None:
        raise NotFound(f"unknown location {code}", code="unknown_location")
    return location


def idempotency_key(request: Request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not (8 <= len(key) <= 100):
        from queue_server.errors import BadRequest

        raise BadRequest("Idempotency-Key must be 8-100 characters", code="bad_idempotency_key")
    return key
