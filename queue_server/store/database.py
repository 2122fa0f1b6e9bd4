"""Engine, sessions and the write transaction.

The transaction owner (a request dependency or a job) opens :meth:`Database.transaction`;
services never commit. Events appended during the transaction are published to the realtime
hub only after the commit succeeded. With SQLite the server is the single writer: write
transactions are serialized by an in-process lock, because SQLite allows one writer at a time
and contending connections would otherwise stall on the file lock.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

from sqlalchemy import event, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from eenloket_wire.messages import EventOut
from queue_server.store import sqlite

PENDING_EVENTS = "pending_events"
"""session.info key: (location code, event) pairs to publish once the transaction commits."""


def async_url(url: str) -> str:
    """Accept the plain URLs an admin would write and pick the async drivers."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    for prefix in ("postgresql://", "postgresql+psycopg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg_async://" + url.removeprefix(prefix)
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode loses at most the last transactions on power loss, never consistency;
    # it triples commit throughput (STACK.md).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Database:
    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            path = make_url(self.url).database or ""
            self.engine: AsyncEngine = create_async_engine(
                self.url, async_creator=partial(sqlite.connect, path)
            )
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_async_engine(
                self.url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
            )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self.on_commit: Callable[[list[tuple[str, EventOut]]], None] = lambda _events: None

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One write transaction: commit on success, roll back on error, then publish."""
        lock = self._write_lock or contextlib.nullcontext()
        async with lock, self.sessions() as session:
            async with session.begin():
                yield session
            pending: list[tuple[str, EventOut]] = session.info.pop(PENDING_EVENTS, [])
        if pending:
            self.on_commit(pending)

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only session (no write lock: WAL readers never block the writer)."""
        async with self.sessions() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
