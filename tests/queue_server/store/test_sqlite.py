"""The one-hop SQLite connection answers exactly as aiosqlite does, short or long results."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from queue_server.store import sqlite
from queue_server.store.database import Database

LONG = sqlite.PREFETCH * 2 + 7
"""More rows than one prefetch: the rest comes in further hops."""


async def _fill(connection: AsyncConnection) -> None:
    await connection.execute(text("CREATE TABLE n (i INTEGER PRIMARY KEY)"))
    await connection.execute(text(f"""
        WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {LONG})
        INSERT INTO n (i) SELECT i FROM seq"""))


async def test_results_of_every_length_and_write_counts(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'one-hop.sqlite3'}")
    try:
        async with db.engine.begin() as connection:
            await _fill(connection)
            rows = (await connection.execute(text("SELECT i FROM n ORDER BY i"))).all()
            assert [i for (i,) in rows] == list(range(1, LONG + 1))
            one = await connection.execute(text("SELECT i FROM n WHERE i = 3"))
            assert one.scalar_one() == 3
            none = await connection.execute(text("SELECT i FROM n WHERE i < 0"))
            assert none.all() == []
            updated = await connection.execute(text("UPDATE n SET i = -i WHERE i <= 10"))
            assert updated.rowcount == 10
            inserted = await connection.execute(text("INSERT INTO n (i) VALUES (:i)"), {"i": 0})
            assert inserted.lastrowid == 0
    finally:
        await db.dispose()


async def test_a_streamed_result_arrives_whole_and_in_order(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'stream.sqlite3'}")
    try:
        async with db.engine.begin() as connection:
            await _fill(connection)
            result = await connection.stream(
                text("SELECT i FROM n ORDER BY i").execution_options(yield_per=97)
            )
            seen = [i async for (i,) in result]
            assert seen == list(range(1, LONG + 1))
    finally:
        await db.dispose()
