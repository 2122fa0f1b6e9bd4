"""Summarising closed days (the known visits of tests/web/dashboard_support.py), on both
engines: which days, what the rows hold, roll-ups, and the budget per housekeeping round."""

from __future__ import annotations

import asyncio
import time
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from queue_server.api import app
from queue_server.services.context import SYSTEM, Context, load_catalogue
from queue_server.services.housekeeping import run_housekeeping
from queue_server.store.models import SummaryBinRow, SummaryPeriodRow, SummaryVisitRow
from queue_server.summaries import summarize
from tests.support import LiveServer, Provisioned, SettableClock, in_session
from tests.web.dashboard_support import NOW, S1, S2, SUMMER_DAY, WINTER_DAY, seed_known_visits


def periods(url: str, location_id: int) -> dict[str, list[date]]:
    async def work(session: AsyncSession) -> dict[str, list[date]]:
        rows = (await session.execute(
            select(SummaryPeriodRow.grain, SummaryPeriodRow.period_start)
            .where(SummaryPeriodRow.location_id == location_id)
            .order_by(SummaryPeriodRow.period_start))).all()
        found: dict[str, list[date]] = {}
        for grain, start in rows:
            found.setdefault(grain, []).append(start)
        return found

    return in_session(url, work)


def test_closed_days_are_summarised_once_and_today_is_not(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    known = asyncio.run(seed_known_visits(url))
    # From the first visit (10 March) to the day before NOW (16 June), at both locations.
    built = in_session(url, lambda s: summarize(s, NOW, max_days=1000))
    days_each = (SUMMER_DAY - WINTER_DAY).days
    assert built == 2 * days_each
    found = periods(url, known.location_id)
    assert len(found["d"]) == days_each
    assert found["d"][0] == WINTER_DAY and found["d"][-1] == SUMMER_DAY - timedelta(days=1)
    # March (from the 10th), April and May are over, and the first quarter; the fourteen
    # weeks from Monday 10 March to Sunday 15 June; not June, the second quarter or 2025.
    assert found["m"] == [date(2025, 3, 1), date(2025, 4, 1), date(2025, 5, 1)]
    assert found["q"] == [date(2025, 1, 1)]
    assert found["w"] == [WINTER_DAY + timedelta(weeks=i) for i in range(14)]
    assert "y" not in found
    assert in_session(url, lambda s: summarize(s, NOW)) == 0


def test_a_round_summarises_at_most_its_budget(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    known = asyncio.run(seed_known_visits(url))
    assert in_session(url, lambda s: summarize(s, NOW, max_days=10)) == 10
    assert periods(url, known.location_id)["d"][-1] == WINTER_DAY + timedelta(days=9)
    assert periods(url, known.haren_id) == {}
    assert in_session(url, lambda s: summarize(s, NOW, max_days=1000)) == 2 * (
        SUMMER_DAY - WINTER_DAY).days - 10


def test_the_rows_of_the_winter_day(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    known = asyncio.run(seed_known_visits(url))
    in_session(url, lambda s: summarize(s, NOW, max_days=1000))
    s1, s2 = known.services[S1], known.services[S2]

    async def read(session: AsyncSession) -> dict[str, Any]:
        v = SummaryVisitRow
        visits = {(row.service_id, row.is_appointment, row.grain):
                  (row.visits, row.called, row.served, row.no_shows, row.cancelled,
                   row.unserved, row.served_after_transfer, row.transfers, row.early_5,
                   row.on_time)
                  for row in (await session.execute(select(v).where(
                      v.location_id == known.location_id))).scalars()}
        b = SummaryBinRow
        waits = {(row.service_id, row.is_appointment, row.edge): (row.n, row.total)
                 for row in (await session.execute(select(b).where(
                     b.location_id == known.location_id, b.metric == "wait",
                     b.grain == "d"))).scalars()}
        routes = (await session.execute(select(b.item, func.sum(b.n)).where(
            b.metric == "route_all", b.grain == "d").group_by(b.item))).all()
        booked = dict((await session.execute(select(b.item, func.sum(b.n)).where(
            b.metric == "appointment", b.grain == "d",
            b.location_id == known.location_id).group_by(b.item))).all())
        return {"visits": visits, "waits": waits, "routes": routes, "booked": booked}

    found = in_session(url, read)
    visits = found["visits"]
    # visits, called, served, no-shows, cancelled, not called by closing, served after a
    # transfer, transfers, 5-15 min early, on time.
    # S1 walk-ins V1 V2 (served), V6 (no-show), V8 (cancelled).
    assert visits[(s1, False, "d")] == (4, 4, 2, 1, 1, 0, 0, 0, 0, 0)
    # S1 appointment V4, 10 minutes early.
    assert visits[(s1, True, "d")] == (1, 1, 1, 0, 0, 0, 0, 0, 1, 0)
    # S2 walk-ins V3 (served after one transfer) and V7 (never called, closed at night).
    assert visits[(s2, False, "d")] == (2, 1, 1, 0, 0, 1, 1, 1, 0, 0)
    # S2 appointment V5, 3 minutes late: on time.
    assert visits[(s2, True, "d")] == (1, 1, 1, 0, 0, 0, 0, 0, 0, 1)
    # March's roll-up is the winter day (the only day with visits in March).
    for (service, kind, grain), counts in visits.items():
        if grain == "m":
            assert counts == visits[(service, kind, "d")]
    # Waits in whole minutes land on their own edges: V1 120, V2 720, V6 60, V8 300.
    # (The sums carry SQLite's julianday error of a few microseconds.)
    assert {k: v for k, v in found["waits"].items() if k[:2] == (s1, False)} == {
        (s1, False, 60): (1, pytest.approx(60.0)), (s1, False, 120): (1, pytest.approx(120.0)),
        (s1, False, 300): (1, pytest.approx(300.0)),
        (s1, False, 720): (1, pytest.approx(720.0))}
    assert found["routes"] == [("belastingen > algemeen", 1)]
    # A1 A2 checked in, A3 still booked, A4 late, A6 cancelled, A7 no-show (A5 is in June).
    assert found["booked"] == {"checked_in": 2, "booked": 1, "late": 1, "cancelled": 1,
                               "no_show": 1}


def test_housekeeping_summarises_closed_days(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    asyncio.run(seed_known_visits(url))

    async def work(session: AsyncSession) -> int:
        catalogue = await load_catalogue(session)
        ctx = Context(session=session, catalogue=catalogue, now=NOW, actor=SYSTEM,
                      notify_postgres=session.bind.dialect.name == "postgresql")
        return (await run_housekeeping(ctx, retention_hours=48)).summarised

    # One round does a month of days (31, over both locations), the next round goes on.
    assert in_session(url, work) == 31
    assert in_session(url, work) == 31


def test_a_server_behind_catches_up_round_after_round(
    provisioned: Provisioned, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = provisioned.database_url
    known = asyncio.run(seed_known_visits(url))
    monkeypatch.setattr(app, "CATCH_UP_SECONDS", 0.05)
    wanted = (SUMMER_DAY - WINTER_DAY).days  # 98 days each: four rounds of 31 and one more
    with LiveServer(provisioned, clock=SettableClock(NOW)):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the server works in its own thread
            if len(periods(url, known.haren_id).get("d", [])) == wanted:
                break
            time.sleep(0.1)
    assert len(periods(url, known.location_id)["d"]) == wanted
    assert len(periods(url, known.haren_id)["d"]) == wanted
