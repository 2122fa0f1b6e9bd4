"""Statistics queries against known visits (tests/web/dashboard_support.py), on both engines.

Every expected figure is worked out by hand in the comments from the table of known visits.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from queue_server import stats
from queue_server.distribution import Distribution
from queue_server.stats import Filters, Norms, TransferCounts, VisitCounts
from queue_server.store.database import Database
from tests.support import Provisioned, utc
from tests.web.dashboard_support import (
    NOW,
    S1,
    S2,
    SUMMER_DAY,
    WINTER_DAY,
    Known,
    seed_known_visits,
)

NORMS = Norms(walk_in_minutes=10, appointment_minutes=5)


@dataclass
class Seeded:
    known: Known
    session: AsyncSession

    def filters(self, **overrides: object) -> Filters:
        values: dict[str, object] = dict(first_day=WINTER_DAY, last_day=SUMMER_DAY,
                                         location_ids=(self.known.location_id,))
        values.update(overrides)
        return Filters(**values)  # type: ignore[arg-type]


@pytest.fixture
async def seeded(provisioned: Provisioned) -> AsyncIterator[Seeded]:
    known = await seed_known_visits(provisioned.database_url)
    db = Database(provisioned.database_url)
    try:
        async with db.reading() as session:
            yield Seeded(known, session)
    finally:
        await db.dispose()


def approx(d: Distribution) -> tuple[int, object, object, object]:
    return d.count, pytest.approx(d.mean), pytest.approx(d.median), pytest.approx(d.p90)


async def test_visit_counts_by_class(seeded: Seeded) -> None:
    chosen = stats.visits(seeded.filters(), NORMS, NOW)
    counts = await stats.visit_counts(seeded.session, chosen, ["is_appointment"])
    # Appointments V4 (180 s of 300: within) and V5 (420 s: outside).
    assert counts[(True,)] == VisitCounts(visits=2, called=2, within=1, decided=2, served=2)
    # Walk-ins V1 V2 V3 V6 V7 V8 V9 V11: called all but V7 and V11; within V1 V3 V6 V8 V9;
    # decided: the six called plus V7 (never called, waited past the norm); V11 undecided.
    assert counts[(False,)] == VisitCounts(visits=8, called=6, within=5, decided=7, served=4,
                                           no_shows=1, cancelled=1, unserved=1)
    total = counts[(True,)] + counts[(False,)]
    assert total.share_within == pytest.approx(6 / 9)


async def test_a_visitor_still_waiting_counts_once_past_the_norm(seeded: Seeded) -> None:
    later = NOW + timedelta(minutes=7)  # V11 has now waited 11 minutes
    chosen = stats.visits(seeded.filters(first_day=SUMMER_DAY), NORMS, later)
    counts = await stats.visit_counts(seeded.session, chosen, [])
    # V9 (540 s, within) and V11 (never called, 660 s so far: outside).
    assert (counts[()].within, counts[()].decided) == (1, 2)


async def test_wait_mean_median_p90(seeded: Seeded) -> None:
    chosen = stats.visits(seeded.filters(), NORMS, NOW, by_service=True)
    overall = await stats.wait_distributions(seeded.session, chosen, [])
    # Waits 60 120 180 240 300 420 540 720: mean 2580/8; median between ranks 4 and 5 (240,
    # 300); p90 at rank 1 + 7·0.9 = 7.3: 540 + 0.3·180.
    assert approx(overall[()]) == (8, 322.5, 270.0, 594.0)
    per_service = await stats.wait_distributions(seeded.session, chosen, ["service_id"])
    s1, s2 = seeded.known.services[S1], seeded.known.services[S2]
    # S1: 60 120 180 300 720: median rank 3; p90 at rank 4.6: 300 + 0.6·420.
    assert approx(per_service[(s1,)]) == (5, 276.0, 180.0, 552.0)
    # S2: 240 420 540: median 420; p90 at rank 2.8: 420 + 0.8·120.
    assert approx(per_service[(s2,)]) == (3, 400.0, 420.0, 516.0)


async def test_service_times_per_service_and_handover(seeded: Seeded) -> None:
    filters = seeded.filters()
    chosen = stats.visits(filters, NORMS, NOW)
    times = await stats.service_times(seeded.session, filters, chosen)
    s1, s2 = seeded.known.services[S1], seeded.known.services[S2]
    # S1: V1 480, V2 300, V4 600 (V6 and V8 were never started).
    assert approx(times[f"service:{s1}"]) == (3, 460.0, 480.0, 576.0)
    # S2: V3 360 (then transferred), V5 600, V9 900.
    assert approx(times[f"service:{s2}"]) == (3, 620.0, 600.0, 840.0)
    assert approx(times["skill:algemeen"]) == (1, 600.0, 600.0, 600.0)
    waits = await stats.handover_waits(seeded.session, filters, chosen)
    assert approx(waits["algemeen"]) == (1, 180.0, 180.0, 180.0)


async def test_transfers_and_first_desk_resolution(seeded: Seeded) -> None:
    filters = seeded.filters()
    chosen = stats.visits(filters, NORMS, NOW, by_service=True)
    counts = await stats.transfer_counts(seeded.session, filters, chosen, ["service_id"])
    s1, s2 = seeded.known.services[S1], seeded.known.services[S2]
    assert counts[(s1,)] == TransferCounts(served=3, served_after_transfer=0, transfers=0)
    assert counts[(s2,)] == TransferCounts(served=3, served_after_transfer=1, transfers=1)
    assert counts[(s2,)].first_desk_share == pytest.approx(2 / 3)
    overall = await stats.transfer_counts(seeded.session, filters,
                                          stats.visits(filters, NORMS, NOW))
    assert overall[()].first_desk_share == pytest.approx(5 / 6)
    routes = await stats.handover_routes(seeded.session, filters, chosen)
    assert routes == [("belastingen", "algemeen", 1)]


async def test_punctuality_and_appointments_not_kept(seeded: Seeded) -> None:
    chosen = stats.visits(seeded.filters(), NORMS, NOW)
    buckets, spread = await stats.punctuality(seeded.session, chosen)
    # V4 came 600 s early, V5 180 s late: p90 at rank 1.9: -600 + 0.9·780.
    assert buckets == {"early_5": 1, "on_time": 1}
    assert approx(spread) == (2, -210.0, -210.0, 102.0)
    window = (seeded.known.location_id, utc(2025, 3, 9, 23), utc(2025, 6, 16, 22))
    by_status = await stats.appointments_by_status(
        seeded.session, [window], [], NOW - timedelta(minutes=15)
    )
    # A5 (booked for 10:00 on the summer day) is still to come; A7 was marked a no-show.
    assert by_status == {"checked_in": 2, "booked": 1, "late": 1, "cancelled": 1,
                         "no_show": 1}
    only_s2 = await stats.appointments_by_status(
        seeded.session, [window], [seeded.known.services[S2]], NOW
    )
    assert only_s2 == {"checked_in": 1, "late": 1, "no_show": 1}


async def test_hour_buckets_are_utc_hours(seeded: Seeded) -> None:
    chosen = stats.visits(seeded.filters(), NORMS, NOW)
    buckets = await stats.hour_buckets(seeded.session, chosen)

    def hour(year: int, month: int, day: int, hh: int) -> int:
        return int(datetime(year, month, day, hh, tzinfo=UTC).timestamp()) // 3600

    loc = seeded.known.location_id
    assert sorted(buckets) == sorted([
        (loc, hour(2025, 3, 10, 8), 4, 1),  # V1 V2 V3 V4
        (loc, hour(2025, 3, 10, 9), 4, 1),  # V5 V6 V7 V8
        (loc, hour(2025, 6, 16, 7), 1, 0),  # V9
        (loc, hour(2025, 6, 16, 9), 1, 0),  # V11
    ])


async def test_filters_on_location_service_and_desk(seeded: Seeded) -> None:
    known = seeded.known

    async def count(**overrides: object) -> int:
        chosen = stats.visits(seeded.filters(**overrides), NORMS, NOW)
        counts = await stats.visit_counts(seeded.session, chosen, [])
        return counts[()].visits if counts else 0

    assert await count() == 10
    assert await count(location_ids=()) == 11  # V10 at Haren
    assert await count(location_ids=(known.haren_id,)) == 1
    assert await count(first_day=SUMMER_DAY) == 2
    assert await count(service_ids=(known.services[S2],)) == 5  # V3 V5 V7 V9 V11
    assert await count(desk_ids=(known.desks[1],)) == 5  # V1 V2 V3 (second question) V6 V9
    filters = seeded.filters(desk_ids=(known.desks[1],))
    times = await stats.service_times(seeded.session, filters,
                                      stats.visits(filters, NORMS, NOW))
    # Only questions handled at desk 1: V3's first question (desk 2) drops out.
    s1, s2 = known.services[S1], known.services[S2]
    assert {k: d.count for k, d in times.items()} == {
        f"service:{s1}": 2, f"service:{s2}": 1, "skill:algemeen": 1
    }


async def test_per_clerk_and_handling_time(seeded: Seeded) -> None:
    filters = seeded.filters()
    chosen = stats.visits(filters, NORMS, NOW)
    clerks = {c.user_id: c for c in await stats.per_clerk(seeded.session, filters, chosen)}
    one, two = clerks[seeded.known.users["clerk1"]], clerks[seeded.known.users["clerk2"]]
    # clerk1: V1 480, V2 300, V3's second question 600, V9 900 (V6 was never started).
    assert (one.questions, one.resolved, one.transferred) == (4, 4, 0)
    assert approx(one.service) == (4, 570.0, 540.0, 810.0)
    # clerk2: V3's first question 360 (transferred), V4 600, V5 600 (follow-up).
    assert (two.questions, two.resolved, two.transferred) == (3, 1, 1)
    assert approx(two.service) == (3, 520.0, 600.0, 600.0)
    assert seeded.known.users["clerk3"] not in clerks  # Haren is not chosen
    # Call to finish: 510 300 360 600 660 600 120 60 960.
    assert await stats.handling_seconds(seeded.session, filters, chosen) == pytest.approx(4170)
