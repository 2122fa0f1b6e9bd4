"""How fast the dashboard's statistics answer over a million visits, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.stats_benchmark --sqlite /tmp/eenloket-bench/stats.sqlite3 \\
        --postgres postgresql://postgres@127.0.0.1:5432/eenloket_bench_stats

Fills each database once (``bench/stats_data.py``: four years of a busy hall, about 1.04
million visits), summarises the closed days as housekeeping does every night
(``queue_server.summaries``; the time this first run takes is printed), then times every
statistics view the way the page asks for it (the summary plus one view) over periods from a
week to all four years. The last day is left unsummarised, as today is on a working server,
so every period also counts one day straight from the visits. Each figure is the median of
``--repeat`` runs after one warm-up run; wall-clock time and this process's CPU time (which
includes SQLite's work, but not PostgreSQL's).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import psycopg
from sqlalchemy import create_engine, func, select

from bench.stats_data import analyze, generate, prepare, sync_url
from queue_server.stats import Norms
from queue_server.store.database import Database
from queue_server.store.models import VisitRow
from queue_server.summaries import summarize_database
from queue_server.web.dashboard import report
from queue_server.web.dashboard.tables import ViewOut

FIRST_DAY, LAST_DAY = date(2022, 1, 3), date(2025, 12, 31)
TARGET_VISITS = 1_000_000
PERIODS = (
    ("week", LAST_DAY - timedelta(days=6)),
    ("month", LAST_DAY - timedelta(days=30)),
    ("quarter", LAST_DAY - timedelta(days=91)),
    ("year", LAST_DAY - timedelta(days=364)),
    ("4 years", FIRST_DAY),
)
NOW = datetime(2026, 1, 2, 12, tzinfo=UTC)
SUMMARISED_AT = datetime(2025, 12, 31, 12, tzinfo=UTC)
"""Housekeeping's last run: every day before the last is summarised."""


ALL_VIEWS = ("demand", "waiting", "transfers", "staffing")


@dataclass(frozen=True)
class Case:
    period: str
    view: str
    location: str | None
    seconds: float
    cpu: float


Run = Callable[[], Awaitable[list[ViewOut]]]


def ensure_data(url: str) -> int:
    """Bring the schema up to date (migrations, demo hall), then generate visits if needed."""
    prepare(url)
    engine = create_engine(sync_url(url))
    with engine.connect() as connection:
        count = int(connection.execute(select(func.count()).select_from(VisitRow)).scalar_one())
    engine.dispose()
    if count < TARGET_VISITS:
        print(f"generating visits into {url} …", flush=True)
        count += generate(url, FIRST_DAY, LAST_DAY)
    return count


def ensure_summaries(url: str) -> None:
    start = time.perf_counter()
    days = summarize_database(url, SUMMARISED_AT)
    if days:
        print(f"summarised {days:,} location-days in {time.perf_counter() - start:.1f} s",
              flush=True)


async def measure(url: str, repeat: int, label: str, views: tuple[str, ...]) -> list[Case]:
    db = Database(url)
    cases: list[Case] = []
    try:
        async with db.reading() as session:
            names = await report.load_names(session)
        for location in ("kreupelstraat", None):
            for period, first in PERIODS:
                filters = report.resolve(names, first_day=first, last_day=LAST_DAY,
                                         location=location)
                scope = report.Scope(filters, Norms(), NOW, "nl", names)
                for view in views:
                    if view == "staffing" and (location is None or period != "week"):
                        continue  # staffing always looks at the last four weeks
                    seconds, cpu = await _time(db, scope, view, repeat)
                    cases.append(Case(period, view, location, seconds, cpu))
                    print(f"  [{label}] {location or 'all':13} {period:8} summary+{view:10}"
                          f" {seconds * 1000:8.0f} ms wall {cpu * 1000:8.0f} ms cpu",
                          flush=True)
    finally:
        await db.dispose()
    return cases


async def _time(
    db: Database, scope: report.Scope, view: str, repeat: int
) -> tuple[float, float]:
    async def page() -> None:
        async with db.reading() as session:
            views = [await report.summary(session, scope)]
            if view == "staffing":
                views.append(await report.staffing(session, scope, weeks=4, service_level=0.8))
            else:
                views.append(await getattr(report, view)(session, scope))
        for out in views:
            out.model_dump_json()  # the response is part of the answer time

    await page()
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        await page()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def create_postgres_database(url: str) -> None:
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", help="path of the SQLite benchmark database")
    parser.add_argument("--postgres", help="postgresql://… URL of the benchmark database")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    urls = []
    if args.sqlite:
        urls.append(f"sqlite+aiosqlite:///{args.sqlite}")
    if args.postgres:
        create_postgres_database(args.postgres)
        urls.append(args.postgres.replace("postgresql://", "postgresql+psycopg_async://"))
    for url in urls:
        count = ensure_data(url)
        print(f"{url}: {count:,} visits", flush=True)
        analyze(url)
        ensure_summaries(url)
        analyze(url)
        asyncio.run(measure(url, args.repeat, "summaries", ALL_VIEWS))


if __name__ == "__main__":
    main()
