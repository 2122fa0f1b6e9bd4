"""Run an admin task against the database outside the server (CLI, demo, tests)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from queue_server.hall import load_hall
from queue_server.services.context import SYSTEM, Context, load_catalogue
from queue_server.services.hall_sync import sync_hall
from queue_server.store import migrate
from queue_server.store.database import Database

T = TypeVar("T")


async def run_admin(
    database_url: str, hall_file: Path, work: Callable[[Context], Awaitable[T]],
    base_url: str = "",
) -> T:
    """Migrate, sync the hall, then run ``work`` in one transaction."""
    db = Database(database_url)
    await asyncio.to_thread(migrate.upgrade, db.url)
    try:
        async with db.transaction() as session:
            await sync_hall(session, load_hall(hall_file))
        async with db.reading() as session:
            catalogue = await load_catalogue(session)
        async with db.transaction() as session:
            ctx = Context(session=session, catalogue=catalogue, now=datetime.now(UTC),
                          actor=SYSTEM, base_url=base_url, notify_postgres=not db.is_sqlite)
            return await work(ctx)
    finally:
        await db.dispose()
