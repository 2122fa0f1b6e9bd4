"""aiosqlite with one thread hop per statement.

aiosqlite runs each sqlite3 call on the connection's own thread, and SQLAlchemy makes four
calls per statement: create a cursor, execute, fetch, close. Every hop wakes the thread,
takes the GIL and resumes the request's whole coroutine stack; with a dozen statements per
desk action the hops cost more than SQLite itself (bench/load.py). Here execution and the
first rows travel in one hop, and creating or closing a cursor (no I/O: the connection is
opened with ``check_same_thread=False``, SQLite serializes the calls) takes none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import partial
from typing import Any

import aiosqlite

PREFETCH = 500
"""Rows fetched with the statement; a longer result (an export, streamed) fetches the rest
in more hops, so memory stays bounded."""


class Cursor(aiosqlite.Cursor):
    def __init__(self, conn: aiosqlite.Connection, cursor: sqlite3.Cursor) -> None:
        super().__init__(conn, cursor)
        self._buffer: list[Any] = []
        self._exhausted = True

    def _run(self, sql: str, parameters: Any) -> tuple[list[Any], bool]:
        self._cursor.execute(sql, parameters)
        if self._cursor.description is None:
            return [], True
        rows = self._cursor.fetchmany(PREFETCH)
        return rows, len(rows) < PREFETCH

    async def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> Cursor:
        run = partial(self._run, sql, [] if parameters is None else parameters)
        # aiosqlite leaves _execute untyped.
        self._buffer, self._exhausted = await self._conn._execute(run)  # type: ignore[no-untyped-call]
        return self

    async def fetchone(self) -> Any:
        if not self._buffer:
            return None if self._exhausted else await super().fetchone()
        return self._buffer.pop(0)

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        wanted = self.arraysize if size is None else size
        rows = self._buffer[:wanted]
        del self._buffer[:wanted]
        if len(rows) < wanted and not self._exhausted:
            rows.extend(await super().fetchmany(wanted - len(rows)))
        return rows

    async def fetchall(self) -> list[Any]:
        rows, self._buffer = self._buffer, []
        if not self._exhausted:
            rows.extend(await super().fetchall())
            self._exhausted = True
        return rows

    async def close(self) -> None:
        self._buffer = []
        self._cursor.close()


class Connection(aiosqlite.Connection):
    def cursor(self) -> Cursor:  # type: ignore[override]
        # SQLAlchemy enters what cursor() returns (``async with``) instead of awaiting it;
        # the cursor itself is such a context manager.
        return Cursor(self, self._conn.cursor())


def connect(path: str) -> Connection:
    """An unopened connection: SQLAlchemy awaits it, which starts its thread."""
    connection = Connection(
        partial(sqlite3.connect, path, check_same_thread=False), iter_chunk_size=64
    )
    # The thread must not keep a stopping server alive (SQLAlchemy does the same).
    connection._thread.daemon = True
    return connection
