"""Figures from the summaries against the same figures ranked from the visits, on both engines.

Six weeks of a busy hall (bench/stats_data.py) are summarised as housekeeping would, up to the
day before the last, which stays live as "today" does. Then every figure a statistics page
uses is asked for twice, from ``LiveFigures`` (exact) and from ``figures_for`` (summaries plus
the live day): counts must be equal, means equal, and medians and 90th percentiles within one
bin of the exact value.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bench.stats_data import generate
from queue_server.distribution import Distribution, width
from queue_server.figures import (
    Figures,
    LiveFigures,
    SummaryFigures,
    day_runs,
    figures_for,
    plan,
)
from queue_server.stats import Filters, Norms
from queue_server.store import repository as repo
from queue_server.store.database import Database
from queue_server.summaries import summarize_database
from tests.support import Provisioned

T = TypeVar("T")
FIRST, LAST = date(2025, 1, 20), date(2025, 3, 4)
"""Six and a half weeks: all of February is rolled up into a month."""
SUMMARISED_AT = datetime(2025, 3, 4, 12, tzinfo=UTC)
NOW = datetime(2025, 3, 4, 17, 30, tzinfo=UTC)
NORMS = Norms(walk_in_minutes=10, appointment_minutes=5)


def on(database_url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async def run() -> T:
        db = Database(database_url)
        try:
            async with db.reading() as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(run())


@pytest.fixture
def busy(provisioned: Provisioned) -> str:
    url = provisioned.database_url
    assert generate(url, FIRST, LAST, progress=False) > 20_000
    assert summarize_database(url, SUMMARISED_AT) == 2 * ((LAST - FIRST).days)
    return url


def assert_close(summarised: Distribution, exact: Distribution) -> None:
    assert summarised.count == exact.count
    assert summarised.mean == pytest.approx(exact.mean, rel=1e-9)
    for name in ("median", "p90"):
        got, want = getattr(summarised, name), getattr(exact, name)
        # An estimate lies within one bin of the higher of the two ranks it interpolates
        # between. Few values (a rare service) can put that rank well above the figure, in
        # wider bins; twice the figure reaches the next width up.
        assert abs(got - want) <= width(2 * abs(want)), (name, got, want)


def assert_same_spreads(summarised: dict[Any, Distribution],
                        exact: dict[Any, Distribution]) -> None:
    assert summarised.keys() == exact.keys()
    for key, d in exact.items():
        assert_close(summarised[key], d)


async def both(session: AsyncSession, filters: Filters) -> tuple[Figures, Figures]:
    zones = {loc.id: ZoneInfo(loc.timezone) for loc in await repo.all_locations(session)
             if not filters.location_ids or loc.id in filters.location_ids}
    summarised = await figures_for(session, filters, NORMS, NOW)
    assert isinstance(summarised, SummaryFigures)
    return summarised, LiveFigures(session, filters, NORMS, NOW, zones)


async def compare(session: AsyncSession, filters: Filters) -> None:
    summarised, exact = await both(session, filters)
    for keys in ([], ["is_appointment"], ["service_id"]):
        assert await summarised.visit_counts(keys) == await exact.visit_counts(keys)
        assert await summarised.transfer_counts(keys) == await exact.transfer_counts(keys)
        assert_same_spreads(await summarised.wait_distributions(keys),
                            await exact.wait_distributions(keys))
    assert_same_spreads(await summarised.service_times(), await exact.service_times())
    assert_same_spreads(await summarised.handover_waits(), await exact.handover_waits())
    buckets, offsets = await summarised.punctuality()
    exact_buckets, exact_offsets = await exact.punctuality()
    assert buckets == exact_buckets
    assert_close(offsets, exact_offsets)
    assert await summarised.handover_routes() == await exact.handover_routes()
    assert sorted(await summarised.hour_buckets()) == sorted(await exact.hour_buckets())
    until = NOW
    assert (await summarised.appointments_by_status(until)
            == await exact.appointments_by_status(until))


@pytest.mark.slow
def test_summaries_give_the_figures_of_the_visits(busy: str) -> None:
    async def work(session: AsyncSession) -> None:
        kreupelstraat = await repo.location_by_code(session, "kreupelstraat")
        assert kreupelstraat is not None
        services = {s.code: s for s in await repo.services(session)}
        burgerzaken = tuple(s.id for s in services.values()
                            if s.department_id == services["verhuizing-doorgeven"].department_id)
        for filters in (
            Filters(FIRST, LAST),  # days, all of February as a month, and the live day
            Filters(date(2025, 2, 1), date(2025, 2, 28), (kreupelstraat.id,)),  # the month
            Filters(date(2025, 1, 29), date(2025, 2, 12)),  # days only
            Filters(FIRST, LAST, (kreupelstraat.id,), burgerzaken),  # a department
            Filters(FIRST, LAST, (), (services["verhuizing-doorgeven"].id,)),  # a service
        ):
            await compare(session, filters)

    on(busy, work)


@pytest.mark.slow
def test_a_desk_or_a_period_without_summaries_is_ranked_exactly(busy: str) -> None:
    async def work(session: AsyncSession) -> None:
        kreupelstraat = await repo.location_by_code(session, "kreupelstraat")
        assert kreupelstraat is not None
        desk = (await repo.desks_at(session, kreupelstraat.id))[0]
        for filters in (Filters(LAST, LAST), Filters(date(2024, 1, 1), date(2024, 12, 31)),
                        Filters(FIRST, LAST, (kreupelstraat.id,), (), (desk.id,))):
            assert isinstance(await figures_for(session, filters, NORMS, NOW), LiveFigures)

    on(busy, work)


def test_a_period_is_read_in_years_months_days_and_live_days() -> None:
    built = {("d", date(2024, 1, 1) + timedelta(days=i)) for i in range(500)}
    built |= {("m", date(2024, m, 1)) for m in range(1, 13)} | {("y", date(2024, 1, 1))}
    built |= {("m", date(2025, m, 1)) for m in range(1, 5)}
    # 2024 whole; January to April 2025 as months; 1 to 14 May as days; from 15 May live.
    assert plan(date(2024, 1, 1), date(2025, 5, 20), built) == [
        ("y", date(2024, 1, 1), date(2024, 1, 1)),
        ("m", date(2025, 1, 1), date(2025, 4, 1)),
        ("d", date(2025, 5, 1), date(2025, 5, 14)),
        ("live", date(2025, 5, 15), date(2025, 5, 20)),
    ]
    # A period starting mid-month reads that month's days; a year cut short, its months.
    assert plan(date(2024, 11, 20), date(2025, 2, 28), built) == [
        ("d", date(2024, 11, 20), date(2024, 11, 30)),
        ("m", date(2024, 12, 1), date(2025, 2, 1)),
    ]
    # Hours are read per day, so the same days in one stretch.
    assert day_runs(plan(date(2024, 11, 20), date(2025, 5, 20), built)) == [
        ("d", date(2024, 11, 20), date(2025, 5, 14)),
        ("live", date(2025, 5, 15), date(2025, 5, 20)),
    ]
