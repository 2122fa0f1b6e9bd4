"""Where a statistics page's figures come from: the visits, or the summaries of closed days.

A period with summarised days (``queue_server.summaries``) is read from the summaries, in the
largest calendar periods that fit (``queue_server.domain.periods``), and the days not
summarised yet (today) are counted from the visits by the same queries and added. Counts,
shares and means stay exact; medians and 90th percentiles are estimated from bins
(``queue_server.distribution``: within 30 seconds for waits up to half an hour). A period
without summarised days (today, or everything before the first night) is ranked exactly,
straight from the visits.

Figures for one desk always come from the visits: the summaries count visits by their first
service, not by the desks they passed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Executable, Subquery, case, false, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from queue_server import stats, summaries
from queue_server.distribution import EMPTY, Bin, Distribution, above, at_most, estimate, merge
from queue_server.domain.periods import LIVE, Run, day_runs, plan
from queue_server.domain.tickets import utc_window
from queue_server.stats import Column, Filters, Norms, TransferCounts, VisitCounts
from queue_server.store import repository as repo
from queue_server.store.models import SummaryBinRow, SummaryPeriodRow, SummaryVisitRow

Key = Literal["is_appointment", "service_id"]


class Figures(Protocol):
    """The figures the statistics views are made of, for one period and selection."""

    async def visit_counts(self, keys: Sequence[Key]) -> dict[tuple[Any, ...], VisitCounts]: ...

    async def wait_distributions(
        self, keys: Sequence[Key]
    ) -> dict[tuple[Any, ...], Distribution]: ...

    async def hour_buckets(self) -> list[tuple[int, int, int, int]]:
        """(location id, UTC hour since 1970, visits, appointments) per hour with check-ins."""
        ...

    async def service_times(self) -> dict[str, Distribution]: ...

    async def handover_waits(self) -> dict[str, Distribution]: ...

    async def punctuality(self) -> tuple[dict[str, int], Distribution]: ...

    async def transfer_counts(
        self, keys: Sequence[Key]
    ) -> dict[tuple[Any, ...], TransferCounts]: ...

    async def handover_routes(self, limit: int = 15) -> list[tuple[str, str, int]]: ...

    async def appointments_by_status(self, until: datetime) -> dict[str, int]:
        """Appointments of the period by status (see ``stats.appointments_by_status``)."""
        ...

    async def prefetch(self, *names: str, by_service: Collection[str] = ()) -> None:
        """A hint: the figures about to be asked for use these metrics (``summary_bins``),
        those in ``by_service`` per first service."""
        ...


async def figures_for(
    session: AsyncSession, filters: Filters, norms: Norms, now: datetime
) -> Figures:
    """The summaries where the period has summarised days and no desk is chosen, else the
    visits themselves."""
    zones = {loc.id: ZoneInfo(loc.timezone) for loc in await repo.all_locations(session)
             if not filters.location_ids or loc.id in filters.location_ids}
    if filters.desk_ids:
        return LiveFigures(session, filters, norms, now, zones)
    locations = tuple(zones)
    rows = (await session.execute(
        select(SummaryPeriodRow.location_id, SummaryPeriodRow.grain,
               SummaryPeriodRow.period_start)
        .where(SummaryPeriodRow.location_id.in_(locations),
               SummaryPeriodRow.period_start.between(filters.first_day, filters.last_day))
    )).all()
    if not rows:
        return LiveFigures(session, filters, norms, now, zones)
    built: dict[int, set[tuple[str, date]]] = {loc: set() for loc in locations}
    for location_id, grain, start in rows:
        built[location_id].add((grain, start))
    return SummaryFigures(session, filters, norms, now, zones, {
        loc: plan(filters.first_day, filters.last_day, cells) for loc, cells in built.items()
    })


# --- straight from the visits ------------------------------------------------------------------


class LiveFigures:
    def __init__(self, session: AsyncSession, filters: Filters, norms: Norms,
                 now: datetime, zones: dict[int, ZoneInfo]) -> None:
        self.session, self.filters, self.zones = session, filters, zones
        self.chosen = stats.visits(filters, norms, now)
        self.by_service = stats.visits(filters, norms, now, by_service=True)

    def _visits(self, keys: Sequence[Key]) -> Any:
        return self.by_service if "service_id" in keys else self.chosen

    async def visit_counts(self, keys: Sequence[Key]) -> dict[tuple[Any, ...], VisitCounts]:
        return await stats.visit_counts(self.session, self._visits(keys), keys)

    async def wait_distributions(
        self, keys: Sequence[Key]
    ) -> dict[tuple[Any, ...], Distribution]:
        return await stats.wait_distributions(self.session, self._visits(keys), keys)

    async def hour_buckets(self) -> list[tuple[int, int, int, int]]:
        return await stats.hour_buckets(self.session, self.chosen)

    async def service_times(self) -> dict[str, Distribution]:
        return await stats.service_times(self.session, self.filters, self.chosen)

    async def handover_waits(self) -> dict[str, Distribution]:
        return await stats.handover_waits(self.session, self.filters, self.chosen)

    async def punctuality(self) -> tuple[dict[str, int], Distribution]:
        return await stats.punctuality(self.session, self.chosen)

    async def transfer_counts(
        self, keys: Sequence[Key]
    ) -> dict[tuple[Any, ...], TransferCounts]:
        return await stats.transfer_counts(self.session, self.filters, self._visits(keys), keys)

    async def handover_routes(self, limit: int = 15) -> list[tuple[str, str, int]]:
        return await stats.handover_routes(self.session, self.filters, self.chosen, limit)

    async def prefetch(self, *names: str, by_service: Collection[str] = ()) -> None:
        return None  # every figure is its own query over the visits

    async def appointments_by_status(self, until: datetime) -> dict[str, int]:
        f = self.filters
        windows = [(location, *utc_window(f.first_day, f.last_day, zone))
                   for location, zone in self.zones.items()]
        return await stats.appointments_by_status(self.session, windows, f.service_ids, until)


# --- from the summaries ------------------------------------------------------------------------

Group = tuple[int, bool]
"""(first service id, appointment or not)."""


@dataclass
class _Counts:
    values: list[int] = field(default_factory=lambda: [0] * len(summaries.VISIT_COUNTS))

    def add(self, row: Sequence[Any]) -> None:
        for i, value in enumerate(row):
            self.values[i] += int(value)

    def __getitem__(self, name: str) -> int:
        return self.values[summaries.VISIT_COUNTS.index(name)]


class SummaryFigures:
    def __init__(self, session: AsyncSession, filters: Filters, norms: Norms, now: datetime,
                 zones: dict[int, ZoneInfo], runs: dict[int, list[Run]]) -> None:
        self.session, self.filters, self.norms, self.now = session, filters, norms, now
        self.zones, self.runs = zones, runs
        self._visit_rows: dict[Group, _Counts] | None = None
        self._bins: dict[str, dict[tuple[int, bool, str], dict[int, Bin]]] = {}

    # -- reading --

    def _summarised(self, table: type[SummaryVisitRow | SummaryBinRow], *columns: Column,
                    where: Sequence[Column] = (), hours: bool = False) -> Subquery:
        """``columns`` of the summary rows of the period's summarised stretches.

        One arm per stretch, joined with UNION ALL: each arm walks the primary key's range
        (metric, grain, period start), where one WHERE with OR would scan every row of the
        metric on SQLite.
        """
        chosen = self.filters.service_ids
        arms = [
            select(*columns).where(
                *where, table.location_id == location, table.grain == grain,
                table.period_start.between(first, last),
                *((table.service_id.in_(chosen),) if chosen else ()))
            for location, runs in self.runs.items()
            for grain, first, last in (day_runs(runs) if hours else runs) if grain != LIVE
        ]
        if not arms:  # every day is live: an empty set of the same shape
            arms = [select(*columns).where(false())]
        return union_all(*arms).subquery("summarised")

    def _live(self) -> list[Filters]:
        """The stretches of days read from the visits, as filters for the fact queries."""
        return [Filters(first, last, (location,), self.filters.service_ids)
                for location, runs in self.runs.items()
                for kind, first, last in runs if kind == LIVE]

    async def _rows(self, query: Executable) -> list[Any]:
        # On the connection: the ORM's result handling costs more than these plain rows.
        connection = await self.session.connection()
        return list((await connection.execute(query)).all())

    async def _counts(self) -> dict[Group, _Counts]:
        if self._visit_rows is None:
            found: dict[Group, _Counts] = defaultdict(_Counts)
            rows = self._summarised(
                SummaryVisitRow, SummaryVisitRow.service_id, SummaryVisitRow.is_appointment,
                *(getattr(SummaryVisitRow, name) for name in summaries.VISIT_COUNTS))
            keys = (rows.c.service_id, rows.c.is_appointment)
            query = select(*keys, *(func.sum(rows.c[name]) for name in summaries.VISIT_COUNTS)
                           ).group_by(*keys)
            for row in await self._rows(query):
                found[(int(row[0]), bool(row[1]))].add(row[2:])
            for live in self._live():
                for row in await self._rows(summaries.visit_facts(live, self.now)):
                    # grain, day, location, service, kind, counts …
                    found[(int(row[3]), bool(row[4]))].add(row[5:])
            self._visit_rows = dict(found)
        return self._visit_rows

    def _metric(self, name: str, by_service: bool = False) -> str:
        """The stored metric for ``name``: counted over every service when no service is
        chosen and no figure per service is wanted."""
        if (not self.filters.service_ids and not by_service
                and name in summaries.OVER_EVERY_SERVICE):
            return f"{name}_all"
        return name

    async def prefetch(self, *names: str, by_service: Collection[str] = ()) -> None:
        """Read several metrics in one query (each query costs PostgreSQL a plan); those in
        ``by_service`` per first service."""
        wanted = {self._metric(name, name in by_service) for name in names}
        metrics = sorted(wanted - self._bins.keys())
        if not metrics:
            return
        found: dict[str, dict[tuple[int, bool, str], dict[int, Bin]]] = {
            metric: defaultdict(dict) for metric in metrics}

        def add(metric: str, service: int, kind: bool, item: str, edge: int, n: int,
                total: float) -> None:
            histogram = found[metric][(int(service), bool(kind), str(item))]
            old = histogram.get(int(edge), Bin(0, 0.0))
            histogram[int(edge)] = Bin(old.n + int(n), old.total + float(total))

        b = SummaryBinRow
        rows = self._summarised(b, b.metric, b.service_id, b.is_appointment, b.item, b.edge,
                                b.n, b.total, where=(b.metric.in_(metrics),))
        keys = (rows.c.metric, rows.c.service_id, rows.c.is_appointment, rows.c.item,
                rows.c.edge)
        query = select(*keys, func.sum(rows.c.n), func.sum(rows.c.total)).group_by(*keys)
        for row in await self._rows(query):
            add(*row)
        for live in self._live():
            facts = [query for _, query in summaries.bin_facts(live, self.now, metrics)]
            if facts:
                for row in await self._rows(union_all(*facts)):
                    # metric, grain, day, location, service, kind, item, edge, n, total
                    add(row[0], *row[4:])
        for metric in metrics:
            self._bins[metric] = dict(found[metric])

    async def _histograms(
        self, name: str, by_service: bool = False
    ) -> dict[tuple[int, bool, str], dict[int, Bin]]:
        """Bins of a metric per (first service, kind, item); the first service is 0 unless
        ``by_service`` (or the bins per service were read already: they add up the same)."""
        if not by_service and name in self._bins:
            return self._bins[name]
        await self.prefetch(name, by_service=(name,) if by_service else ())
        return self._bins[self._metric(name, by_service)]

    def _norm(self, appointment: bool) -> float:
        minutes = self.norms.appointment_minutes if appointment else self.norms.walk_in_minutes
        return minutes * 60.0

    @staticmethod
    def _fold(group: Group, keys: Sequence[Key]) -> tuple[Any, ...]:
        service_id, appointment = group
        return tuple(service_id if k == "service_id" else appointment for k in keys)

    # -- figures --

    async def visit_counts(self, keys: Sequence[Key]) -> dict[tuple[Any, ...], VisitCounts]:
        by_service = "service_id" in keys
        within: dict[tuple[Any, ...], int] = defaultdict(int)
        for (service, kind, _), histogram in (await self._histograms("wait", by_service)).items():
            within[self._fold((service, kind), keys)] += at_most(histogram, self._norm(kind))
        late: dict[tuple[Any, ...], int] = defaultdict(int)
        uncalled = await self._histograms("uncalled", by_service)
        for (service, kind, _), histogram in uncalled.items():
            late[self._fold((service, kind), keys)] += above(histogram, self._norm(kind))
        result: dict[tuple[Any, ...], VisitCounts] = {}
        for group, c in (await self._counts()).items():
            counts = VisitCounts(
                visits=c["visits"], called=c["called"], decided=c["called"],
                served=c["served"], no_shows=c["no_shows"], cancelled=c["cancelled"],
                unserved=c["unserved"],
            )
            key = self._fold(group, keys)
            result[key] = result[key] + counts if key in result else counts
        return {key: replace(c, within=within[key], decided=c.decided + late[key])
                for key, c in result.items()}

    async def wait_distributions(
        self, keys: Sequence[Key]
    ) -> dict[tuple[Any, ...], Distribution]:
        folded: dict[tuple[Any, ...], dict[int, Bin]] = {}
        waits = await self._histograms("wait", "service_id" in keys)
        for (service_id, appointment, _), histogram in waits.items():
            key = self._fold((service_id, appointment), keys)
            folded[key] = merge(folded.get(key, {}), histogram)
        return {key: estimate(histogram) for key, histogram in folded.items()}

    async def _per_item(self, metric: str) -> dict[str, Distribution]:
        folded: dict[str, dict[int, Bin]] = {}
        for (_, _, item), histogram in (await self._histograms(metric)).items():
            folded[item] = merge(folded.get(item, {}), histogram)
        return {item: estimate(histogram) for item, histogram in folded.items()}

    async def service_times(self) -> dict[str, Distribution]:
        return await self._per_item("service_time")

    async def handover_waits(self) -> dict[str, Distribution]:
        return await self._per_item("handover_wait")

    async def punctuality(self) -> tuple[dict[str, int], Distribution]:
        buckets = {name: sum(c[name] for (_, appointment), c in (await self._counts()).items()
                             if appointment)
                   for name in stats.PUNCTUALITY_BUCKETS}
        offsets = merge(*(await self._histograms("punctuality")).values())
        return ({name: n for name, n in buckets.items() if n},
                estimate(offsets) if offsets else EMPTY)

    async def transfer_counts(
        self, keys: Sequence[Key]
    ) -> dict[tuple[Any, ...], TransferCounts]:
        result: dict[tuple[Any, ...], TransferCounts] = {}
        for group, c in (await self._counts()).items():
            key = self._fold(group, keys)
            old = result.get(key, TransferCounts())
            result[key] = TransferCounts(old.served + c["served"],
                                         old.served_after_transfer + c["served_after_transfer"],
                                         old.transfers + c["transfers"])
        return result

    async def handover_routes(self, limit: int = 15) -> list[tuple[str, str, int]]:
        counted: dict[str, int] = defaultdict(int)
        for (_, _, item), histogram in (await self._histograms("route")).items():
            counted[item] += sum(b.n for b in histogram.values())
        routes = []
        for item, n in counted.items():
            source, target = item.split(summaries.ROUTE_SEPARATOR, 1)
            routes.append((source, target, n))
        return sorted(routes, key=lambda r: (-r[2], r[0], r[1]))[:limit]

    async def hour_buckets(self) -> list[tuple[int, int, int, int]]:
        b = SummaryBinRow
        metric = "hour" if self.filters.service_ids else "hour_all"
        rows = self._summarised(b, b.location_id, b.edge, b.is_appointment, b.n,
                                where=(b.metric == metric,), hours=True)
        appointments = case((rows.c.is_appointment, rows.c.n), else_=0)
        query = (select(rows.c.location_id, rows.c.edge, func.sum(rows.c.n),
                        func.sum(appointments))
                 .group_by(rows.c.location_id, rows.c.edge))
        found = {(int(loc), int(hour)): (int(n), int(k)) for loc, hour, n, k in
                 await self._rows(query)}
        for live in self._live():
            for _, facts in summaries.bin_facts(live, self.now, [metric]):
                for row in await self._rows(facts):
                    # metric, grain, day, location, service, kind, item, edge, n, total
                    key, n = (int(row[3]), int(row[7])), int(row[8])
                    visits, booked = found.get(key, (0, 0))
                    found[key] = (visits + n, booked + (n if row[5] else 0))
        return [(loc, hour, n, booked) for (loc, hour), (n, booked) in found.items()]

    async def appointments_by_status(self, until: datetime) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for (_, _, status), histogram in (await self._histograms("appointment")).items():
            found[status] += sum(b.n for b in histogram.values())
        windows = [(location, *utc_window(first, last, self.zones[location]))
                   for location, runs in self.runs.items()
                   for kind, first, last in runs if kind == LIVE]
        if windows:
            live = await stats.appointments_by_status(self.session, windows,
                                                      self.filters.service_ids, until)
            for status, n in live.items():
                found[status] += n
        return dict(found)
