"""Figures from the summaries against the same figures ranked from the visits, on both engines.

Six weeks of a busy hall (bench/stats_data.py) are summarised as housekeeping would, up to the
day before the last, which stays live as "today" does. Then every figure a statistics page
uses is asked for twice, from ``LiveFigures`` (exact) and from ``figures_for`` (summaries plus
the live day): counts must be equal, means equal, and medians and 90th percentiles within one
bin of the exact value.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bench.stats_data import generate
from queue_server.distribution import Distribution, width
from queue_server.figures import Figures, LiveFigures, SummaryFigures, figures_for
from queue_server.stats import Filters, Norms
from queue_server.store import repository as repo
from queue_server.summaries import summarize_database
from tests.support import Provisioned, in_session
from tests.web.dashboard_support import NOW as KNOWN_NOW
from tests.web.dashboard_support import SUMMER_DAY, seed_known_visits

FIRST, LAST = date(2025, 1, 20), date(2025, 3, 4)
"""Six and a half weeks: all of February is rolled up into a month."""
SUMMARISED_AT = datetime(2025, 3, 4, 12, tzinfo=UTC)
NOW = datetime(2025, 3, 4, 17, 30, tzinfo=UTC)
NORMS = Norms(walk_in_minutes=10, appointment_minutes=5)


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


async def both(session: AsyncSession, filters: Filters,
               now: datetime = NOW) -> tuple[Figures, Figures]:
    zones = {loc.id: ZoneInfo(loc.timezone) for loc in await repo.all_locations(session)
             if not filters.location_ids or loc.id in filters.location_ids}
    summarised = await figures_for(session, filters, NORMS, now)
    assert isinstance(summarised, SummaryFigures)
    return summarised, LiveFigures(session, filters, NORMS, now, zones)


async def compare(session: AsyncSession, filters: Filters, now: datetime = NOW) -> None:
    summarised, exact = await both(session, filters, now)
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
    until = now
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

    in_session(busy, work)


@pytest.mark.slow
def test_a_desk_or_a_period_without_summaries_is_ranked_exactly(busy: str) -> None:
    async def work(session: AsyncSession) -> None:
        kreupelstraat = await repo.location_by_code(session, "kreupelstraat")
        assert kreupelstraat is not None
        desk = (await repo.desks_at(session, kreupelstraat.id))[0]
        for filters in (Filters(LAST, LAST), Filters(date(2024, 1, 1), date(2024, 12, 31)),
                        Filters(FIRST, LAST, (kreupelstraat.id,), (), (desk.id,))):
            assert isinstance(await figures_for(session, filters, NORMS, NOW), LiveFigures)

    in_session(busy, work)



def test_known_visits_read_through_quarters_months_and_weeks(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    known = asyncio.run(seed_known_visits(url))
    summarize_database(url, KNOWN_NOW)

    async def work(session: AsyncSession) -> None:
        # The first quarter (the winter day), April and May, the weeks of 2 and 9 June,
        # 1 June, and the summer day live.
        for filters in (Filters(date(2025, 1, 1), SUMMER_DAY),
                        Filters(date(2025, 1, 1), SUMMER_DAY, (known.location_id,))):
            summarised, _ = await both(session, filters)
            assert isinstance(summarised, SummaryFigures)
            assert [kind for kind, _, _ in summarised.runs[known.location_id]] == [
                "q", "m", "d", "w", "live"]
            await compare(session, filters, KNOWN_NOW)

    in_session(url, work)
