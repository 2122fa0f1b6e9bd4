"""The statistics views of the dashboard, assembled from the queries in ``queue_server.stats``.

Each view answers a :class:`~queue_server.web.dashboard.tables.ViewOut`: key figures and
tables in the page's language. All counting happens in the database; this module only names
things, folds time buckets into local time and divides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from eenloket_i18n import keys as catalogue_keys
from queue_server import stats
from queue_server.distribution import EMPTY
from queue_server.domain.tickets import utc_window
from queue_server.errors import BadRequest, NotFound
from queue_server.figures import Figures, figures_for
from queue_server.services.checkin import LATE_WINDOW
from queue_server.staffing import HourDemand, advise
from queue_server.stats import Filters, Norms, TransferCounts, VisitCounts
from queue_server.store import repository as repo
from queue_server.store.models import DepartmentRow, DeskRow, LocationRow, ServiceRow
from queue_server.web.dashboard import hours
from queue_server.web.dashboard.tables import (
    DISTRIBUTION_COLUMNS,
    TEXT_PREFIX,
    Kind,
    Value,
    ViewOut,
    figure,
    share,
    spread,
    table,
    text,
)


@dataclass(frozen=True)
class Names:
    """The catalogue as statistics need it: inactive services too (old visits name them)."""

    locations: dict[int, LocationRow]
    services: dict[int, ServiceRow]
    departments: dict[int, DepartmentRow]
    desks: dict[int, DeskRow]

    def zone(self, location_id: int) -> ZoneInfo:
        return ZoneInfo(self.locations[location_id].timezone)

    def service(self, service_id: int | None, language: str) -> str:
        row = self.services.get(service_id) if service_id is not None else None
        if row is None:
            return text("unknown", language)
        return row.name_en if language == "en" else row.name_nl

    def department_of(self, service_id: int | None) -> DepartmentRow | None:
        row = self.services.get(service_id) if service_id is not None else None
        return self.departments.get(row.department_id) if row is not None else None


async def load_names(session: AsyncSession) -> Names:
    locations = {loc.id: loc for loc in await repo.all_locations(session)}
    desks = {d.id: d for loc in locations for d in await repo.desks_at(session, loc)}
    return Names(
        locations=locations,
        services={s.id: s for s in await repo.services(session, active_only=False)},
        departments={d.id: d for d in await repo.departments(session)},
        desks=desks,
    )


def department_name(row: DepartmentRow | None, language: str) -> str:
    if row is None:
        return text("unknown", language)
    return row.name_en if language == "en" else row.name_nl


def skill_label(code: str, language: str) -> str:
    """The catalogue's name for a skill, or the hall file's code made readable."""
    if TEXT_PREFIX + f"skill.{code}" in catalogue_keys():
        return text(f"skill.{code}", language)
    return code.replace("-", " ").capitalize()


def weekday_name(weekday: int, language: str) -> str:
    return text(f"weekday.{weekday}", language)


@dataclass(frozen=True)
class Scope:
    """One statistics request, resolved against the catalogue."""

    filters: Filters
    norms: Norms
    now: datetime
    language: str
    names: Names

    def zones(self) -> dict[int, ZoneInfo]:
        return {i: self.names.zone(i) for i in self.names.locations}

    async def figures(self, session: AsyncSession, *metrics: str,
                      by_service: Collection[str] = ()) -> Figures:
        """Where the figures come from, with the summaries' ``metrics`` read at once (those
        in ``by_service`` per service)."""
        source = await figures_for(session, self.filters, self.norms, self.now)
        await source.prefetch(*metrics, by_service=by_service)
        return source

    def view(self, name: str) -> ViewOut:
        return ViewOut(view=name, first_day=self.filters.first_day.isoformat(),
                       last_day=self.filters.last_day.isoformat())


def resolve(
    names: Names, *, first_day: date, last_day: date, location: str | None = None,
    department: str | None = None, service: str | None = None, desk: int | None = None,
) -> Filters:
    """Turn the page's codes into ids; unknown codes are a 404, contradictions a 400."""
    if last_day < first_day:
        raise BadRequest("the period ends before it starts", code="bad_period")
    location_ids: tuple[int, ...] = ()
    if location:
        found = [i for i, loc in names.locations.items() if loc.code == location]
        if not found:
            raise NotFound(f"unknown location {location}", code="unknown_location")
        location_ids = tuple(found)
    service_ids: tuple[int, ...] = ()
    if department:
        dept = [d.id for d in names.departments.values() if d.code == department]
        if not dept:
            raise NotFound(f"unknown department {department}", code="unknown_department")
        service_ids = tuple(s.id for s in names.services.values() if s.department_id in dept)
    if service:
        chosen = [s.id for s in names.services.values() if s.code == service]
        if not chosen:
            raise NotFound(f"unknown service {service}", code="unknown_service")
        if department and chosen[0] not in service_ids:
            raise BadRequest("that service is not of that department", code="bad_filter")
        service_ids = tuple(chosen)
    desk_ids: tuple[int, ...] = ()
    if desk is not None:
        if len(location_ids) != 1:
            raise BadRequest("choose a location to choose a desk", code="desk_needs_location")
        desk_ids = tuple(i for i, d in names.desks.items()
                         if d.location_id == location_ids[0] and d.number == desk)
        if not desk_ids:
            raise NotFound(f"there is no desk {desk}", code="unknown_desk")
    return Filters(first_day, last_day, location_ids, service_ids, desk_ids)


VISIT_METRICS = ("wait", "uncalled", "appointment")
"""What counts of visits need besides ``summary_visits``: within the norm, and appointments."""


# --- summary -----------------------------------------------------------------------------------


async def summary(session: AsyncSession, scope: Scope) -> ViewOut:
    """The key figures shown above every statistics view."""
    lang = scope.language
    source = await scope.figures(session, *VISIT_METRICS)
    by_class = await source.visit_counts(["is_appointment"])
    total = sum(by_class.values(), VisitCounts())
    appointments = by_class.get((True,), VisitCounts())
    wait = (await source.wait_distributions([])).get((), EMPTY)
    moved = (await source.transfer_counts([])).get((), TransferCounts())
    booked = await source.appointments_by_status(scope.now - LATE_WINDOW)
    view = scope.view("summary")
    view.figures.extend([
        figure("visits", lang, total.visits, "count"),
        figure("appointment_share", lang, share(appointments.visits, total.visits), "share"),
        figure("within_norm", lang, _round4(total.share_within), "share"),
        figure("wait_median", lang, _round1(wait.median), "seconds"),
        figure("wait_p90", lang, _round1(wait.p90), "seconds"),
        figure("no_shows", lang, total.no_shows + not_kept(booked), "count"),
        figure("transfers_per_visit", lang, _ratio(moved.transfers, moved.served), "number"),
        figure("first_desk_share", lang, _round4(moved.first_desk_share), "share"),
    ])
    return view


# --- demand ------------------------------------------------------------------------------------


async def demand(session: AsyncSession, scope: Scope) -> ViewOut:
    """Visits per hour, weekday and day (or week, month), and the weekday-by-hour heatmap."""
    lang, f = scope.language, scope.filters
    source = await scope.figures(session)
    local = hours.local_hours(await source.hour_buckets(), scope.zones())
    days = hours.open_days(local)
    day_count = sum(days.values())
    view = scope.view("demand")
    per_hour: dict[int, hours.Count] = defaultdict(hours.Count)
    per_weekday: dict[int, hours.Count] = defaultdict(hours.Count)
    for (day, hour), count in local.items():
        per_hour[hour].add(count.visits, count.appointments)
        per_weekday[day.weekday()].add(count.visits, count.appointments)
    total = sum(c.visits for c in per_hour.values())
    appointments = sum(c.appointments for c in per_hour.values())
    view.figures.extend([
        figure("visits", lang, total, "count"),
        figure("open_days", lang, day_count, "count"),
        figure("mean_per_day", lang, _ratio(total, day_count), "number"),
        figure("appointment_share", lang, share(appointments, total), "share"),
    ])
    count_columns: tuple[tuple[str, Kind], ...] = (
        ("visits", "count"), ("appointments", "count"), ("walk_ins", "count"))
    view.tables.append(table("per_hour", lang, [("hour", "text"), *count_columns,
                                                 ("mean_per_day", "number")], [
        [f"{h:02d}:00", c.visits, c.appointments, c.walk_ins, _ratio(c.visits, day_count)]
        for h, c in sorted(per_hour.items())
    ]))
    view.tables.append(table("per_weekday", lang, [("weekday", "text"), *count_columns,
                                                    ("open_days", "count"),
                                                    ("mean_per_day", "number")], [
        [weekday_name(w, lang), c.visits, c.appointments, c.walk_ins, days[w],
         _ratio(c.visits, days[w])]
        for w, c in sorted(per_weekday.items())
    ]))
    unit = hours.series_unit(f.first_day, f.last_day)
    view.tables.append(table(f"per_{unit}", lang, [("start", "text"), *count_columns], [
        [start.isoformat(), c.visits, c.appointments, c.walk_ins]
        for start, c in hours.series(local, unit)
    ]))
    means = hours.per_week_hour({k: float(c.visits) for k, c in local.items()}, days)
    shown = sorted(per_hour)
    view.tables.append(table(
        "heatmap", lang, [("weekday", "text"), *((f"h{h:02d}", "number") for h in shown)],
        [[weekday_name(w, lang), *(_round1(means.get((w, h), 0.0)) for h in shown)]
         for w in sorted(days)],
    ))
    return view


# --- waiting and service -----------------------------------------------------------------------


async def waiting(session: AsyncSession, scope: Scope) -> ViewOut:
    """Waiting and service time per service, within the norm, punctuality and no-shows."""
    lang, names = scope.language, scope.names
    source = await scope.figures(session, *VISIT_METRICS, "service_time", "handover_wait",
                                 "punctuality", by_service=VISIT_METRICS)
    classes = await source.visit_counts(["is_appointment"])
    class_waits = await source.wait_distributions(["is_appointment"])
    counts = await source.visit_counts(["service_id"])
    waits = await source.wait_distributions(["service_id"])
    times = await source.service_times()
    handover = await source.handover_waits()
    buckets, offset = await source.punctuality()
    booked = await source.appointments_by_status(scope.now - LATE_WINDOW)
    view = scope.view("waiting")
    view.tables.append(table("classes", lang, [
        ("kind", "text"), ("visits", "count"), ("called", "count"),
        ("within_norm", "share"), *DISTRIBUTION_COLUMNS,
    ], [
        [text(f"kind.{kind}", lang), c.visits, c.called, _round4(c.share_within),
         *spread(class_waits.get((flag,), EMPTY))]
        for flag, kind in ((True, "appointment"), (False, "walk_in"))
        for c in [classes.get((flag,), VisitCounts())]
    ]))
    service_rows: list[list[Value]] = []
    for (service_id,), c in sorted(counts.items(), key=lambda kv: -kv[1].visits):
        served = times.get(f"service:{service_id}", EMPTY)
        service_rows.append([
            names.service(service_id, lang),
            department_name(names.department_of(service_id), lang),
            c.visits, _round4(c.share_within), *spread(waits.get((service_id,), EMPTY)),
            served.count, *spread(served),
        ])
    view.tables.append(table("services", lang, [
        ("service", "text"), ("department", "text"), ("visits", "count"),
        ("within_norm", "share"), ("wait_mean", "seconds"), ("wait_median", "seconds"),
        ("wait_p90", "seconds"), ("questions", "count"), ("service_mean", "seconds"),
        ("service_median", "seconds"), ("service_p90", "seconds"),
    ], service_rows))
    view.tables.append(table("handovers", lang, [
        ("skill", "text"), ("questions", "count"), ("wait_mean", "seconds"),
        ("wait_median", "seconds"), ("wait_p90", "seconds"), ("service_mean", "seconds"),
        ("service_median", "seconds"), ("service_p90", "seconds"),
    ], [
        [skill_label(skill, lang), d.count, *spread(d),
         *spread(times.get(f"skill:{skill}", EMPTY))]
        for skill, d in sorted(handover.items())
    ]))
    view.tables.append(table("punctuality", lang, [("arrival", "text"), ("visits", "count")], [
        [text(f"punctuality.{b}", lang), buckets.get(b, 0)] for b in stats.PUNCTUALITY_BUCKETS
    ], note=text("punctuality_note", lang)))
    total = sum(classes.values(), VisitCounts())
    view.tables.append(table("outcomes", lang, [("outcome", "text"), ("visits", "count")], [
        [text("outcome.served", lang), total.served],
        [text("outcome.no_show", lang), total.no_shows],
        [text("outcome.not_kept", lang), not_kept(booked)],
        [text("outcome.late_walk_in", lang), booked.get("late", 0)],
        [text("outcome.cancelled", lang), total.cancelled],
        [text("outcome.unserved", lang), total.unserved],
    ]))
    view.figures.extend([
        figure("within_norm", lang, _round4(total.share_within), "share"),
        figure("punctuality_median", lang, _round1(offset.median), "seconds"),
        figure("no_shows", lang, total.no_shows + not_kept(booked), "count"),
    ])
    return view


# --- one municipality --------------------------------------------------------------------------


async def transfers(session: AsyncSession, scope: Scope) -> ViewOut:
    """Transfers per visit and first-desk resolution, per department, and the common routes."""
    lang, names = scope.language, scope.names
    source = await scope.figures(session, "route")
    counts = await source.transfer_counts(["service_id"])
    per_department: dict[int | None, TransferCounts] = defaultdict(TransferCounts)
    for (service_id,), c in counts.items():
        dept = names.department_of(service_id)
        key = dept.id if dept is not None else None
        old = per_department[key]
        per_department[key] = TransferCounts(old.served + c.served,
                                             old.served_after_transfer + c.served_after_transfer,
                                             old.transfers + c.transfers)
    total = TransferCounts(*(sum(getattr(c, a) for c in per_department.values())
                             for a in ("served", "served_after_transfer", "transfers")))
    view = scope.view("transfers")
    view.figures.extend([
        figure("served", lang, total.served, "count"),
        figure("transfers_per_visit", lang, _ratio(total.transfers, total.served), "number"),
        figure("first_desk_share", lang, _round4(total.first_desk_share), "share"),
        figure("served_after_transfer", lang, total.served_after_transfer, "count"),
    ])
    view.tables.append(table("departments", lang, [
        ("department", "text"), ("served", "count"), ("first_desk_share", "share"),
        ("transfers", "count"), ("transfers_per_visit", "number"),
    ], [
        [department_name(names.departments.get(k) if k else None, lang), c.served,
         _round4(c.first_desk_share), c.transfers, _ratio(c.transfers, c.served)]
        for k, c in sorted(per_department.items(), key=lambda kv: -kv[1].served)
    ]))
    routes = await source.handover_routes()
    view.tables.append(table("routes", lang, [
        ("from_skill", "text"), ("to_skill", "text"), ("transfers", "count"),
    ], [[skill_label(a, lang), skill_label(b, lang), n] for a, b, n in routes]))
    return view


# --- staffing ----------------------------------------------------------------------------------


async def staffing(
    session: AsyncSession, scope: Scope, *, weeks: int, service_level: float,
    desks_open_now: int | None = None,
) -> ViewOut:
    """Desks needed per weekday and hour (Erlang C) from the last ``weeks`` weeks up to the
    period's last day, next to the desks that were open then."""
    lang, names = scope.language, scope.names
    if len(scope.filters.location_ids) != 1:
        raise BadRequest("staffing advice is per location: choose one",
                         code="staffing_needs_location")
    location_id = scope.filters.location_ids[0]
    zone = names.zone(location_id)
    last = scope.filters.last_day
    first = last - timedelta(days=7 * weeks - 1)
    window = Filters(first, last, (location_id,), scope.filters.service_ids)
    chosen = stats.visits(window, scope.norms, scope.now)
    local = hours.local_hours(await stats.hour_buckets(session, chosen),
                              {location_id: zone})
    days = hours.open_days(local)
    visits = sum(c.visits for c in local.values())
    handling = await stats.handling_seconds(session, window, chosen)
    minutes = handling / visits / 60 if visits else 0.0
    since, until = utc_window(first, last, zone)
    events = await stats.desk_events(session, location_id, since, until)
    open_means = hours.per_week_hour(
        hours.open_desk_hours(events, zone, min(until, scope.now)), days
    ) if events else {}
    arrivals = hours.per_week_hour({k: float(c.visits) for k, c in local.items()}, days)
    booked = hours.per_week_hour({k: float(c.appointments) for k, c in local.items()}, days)
    demand = [
        HourDemand(weekday=w, hour=h, arrivals_per_hour=rate, handling_minutes=minutes,
                   appointment_share=booked.get((w, h), 0.0) / rate if rate else 0.0,
                   desks_open=round(open_means.get((w, h), 0.0), 2) if events else None)
        for (w, h), rate in sorted(arrivals.items())
    ]
    advice = advise(demand, scope.norms.walk_in_minutes, scope.norms.appointment_minutes,
                    service_level)
    view = ViewOut(view="staffing", first_day=first.isoformat(), last_day=last.isoformat())
    view.figures.extend([
        figure("weeks", lang, weeks, "count"),
        figure("service_level", lang, service_level, "share"),
        figure("handling_mean", lang, round(minutes * 60, 1) if visits else None, "seconds"),
        figure("desks_needed_max", lang, max((a.desks_needed for a in advice), default=0),
               "count"),
    ])
    if desks_open_now is not None:
        view.figures.append(figure("desks_open_now", lang, desks_open_now, "count"))
    view.tables.append(table("staffing", lang, [
        ("weekday", "text"), ("hour", "text"), ("arrivals_per_hour", "number"),
        ("desks_needed", "count"), ("desks_open", "number"), ("share_with_open", "share"),
    ], [
        [weekday_name(a.weekday, lang), f"{a.hour:02d}:00", round(a.arrivals_per_hour, 2),
         a.desks_needed, a.desks_open, _round4(a.share_with_open)]
        for a in advice
    ], note=text("staffing_note", lang, level=round(service_level * 100))))
    if not events:
        view.notes.append(text("staffing_no_desk_events", lang))
    return view


# --- per clerk (only when switched on) ---------------------------------------------------------


async def clerks(session: AsyncSession, scope: Scope) -> ViewOut:
    lang, f = scope.language, scope.filters
    chosen = stats.visits(f, scope.norms, scope.now)
    figures = await stats.per_clerk(session, f, chosen)
    view = scope.view("clerks")
    rows: list[list[Value]] = []
    for c in sorted(figures, key=lambda c: -c.questions):
        user = await repo.user_by_id(session, c.user_id)
        rows.append([user.display_name if user else str(c.user_id), c.questions,
                     share(c.resolved, c.questions), share(c.transferred, c.questions),
                     *spread(c.service)])
    view.tables.append(table("clerks", lang, [
        ("clerk", "text"), ("questions", "count"), ("resolved_share", "share"),
        ("transferred_share", "share"), ("service_mean", "seconds"),
        ("service_median", "seconds"), ("service_p90", "seconds"),
    ], rows))
    return view


def not_kept(by_status: dict[str, int]) -> int:
    """Appointments nobody came for (see ``stats.appointments_by_status``)."""
    return by_status.get("booked", 0) + by_status.get("no_show", 0)


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 2) if whole else None


def _round1(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _round4(value: float | None) -> float | None:
    return None if value is None else round(value, 4)

