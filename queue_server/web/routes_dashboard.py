"""The manager dashboard: its page, the live overview and the statistics (JSON and CSV).

The page at ``/dashboard`` holds no data; it signs in through ``/api/v1/auth`` and then uses
the endpoints below (manager role) and each location's event stream. Every statistic is
computed in the database (``queue_server.stats``); ``queue_server.web.dashboard`` names and
shapes the results.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Literal

import jinja2
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from eenloket_i18n import keys, translate
from eenloket_wire.messages import Model
from queue_server.api.auth import Principal, staff
from queue_server.api.state import AppState, get_state
from queue_server.domain.tickets import service_day
from queue_server.errors import Forbidden, NotFound
from queue_server.services.auth import Role
from queue_server.stats import Norms
from queue_server.store import repository as repo
from queue_server.web.assets import static_file, templates
from queue_server.web.dashboard import overview as live
from queue_server.web.dashboard import records, report
from queue_server.web.dashboard.settings import DashboardSettings
from queue_server.web.dashboard.tables import TEXT_PREFIX, ViewOut, csv_text

router = APIRouter(tags=["dashboard"])
State = Annotated[AppState, Depends(get_state)]
Manager = Annotated[Principal, Depends(staff(Role.MANAGER))]
Language = Literal["nl", "en"]
View = Literal["demand", "waiting", "transfers", "staffing", "clerks"]

HERE = Path(__file__).parent / "dashboard"
STATIC = HERE / "static"
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
SECURITY_HEADERS = {
    # Everything ships with the page: no inline script, no third-party origin.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
DEFAULT_DAYS = 28


# --- the page ----------------------------------------------------------------------------------


def page_texts(language: str) -> dict[str, str]:
    """Every text of the page in ``language``, keyed without the catalogue prefix."""
    return {key.removeprefix(TEXT_PREFIX): translate(key, language)
            for key in sorted(keys()) if key.startswith(TEXT_PREFIX)}


def _templates() -> jinja2.Environment:
    return templates(HERE)


def _asset(name: str) -> tuple[bytes, str]:
    return static_file(STATIC, name, MEDIA_TYPES)


@router.get("/dashboard", response_class=HTMLResponse, include_in_schema=False)
async def dashboard_page(lang: str | None = None) -> HTMLResponse:
    language = lang if lang in ("nl", "en") else "nl"
    texts = page_texts(language)
    html = _templates().get_template("dashboard.html").render(lang=language, t=texts)
    return HTMLResponse(html, headers={**SECURITY_HEADERS, "Cache-Control": "no-store"})


@router.get("/dashboard/static/{name}", include_in_schema=False)
async def dashboard_asset(name: str, request: Request) -> Response:
    data, etag = _asset(name)
    headers = {"ETag": etag, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if request.headers.get("If-None-Match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=MEDIA_TYPES[Path(name).suffix], headers=headers)


# --- setup and live overview -------------------------------------------------------------------


class OptionOut(Model):
    code: str
    name: str
    group: str = ""
    """For a service: its department's code."""


class LocationOptionOut(Model):
    code: str
    name: str
    today: date
    desks: list[int]


class SetupOut(Model):
    display_name: str
    per_clerk: bool
    locations: list[LocationOptionOut]
    departments: list[OptionOut]
    services: list[OptionOut]
    first_day: date
    last_day: date


@router.get("/api/v1/dashboard/setup", response_model=SetupOut)
async def setup(principal: Manager, state: State, lang: Language = "nl") -> SetupOut:
    """What the page's filters offer, and the default period (the last four weeks)."""
    assert principal.user is not None
    settings = DashboardSettings()
    async with state.read(principal.actor) as ctx:
        names = await report.load_names(ctx.session)
    locations = [
        LocationOptionOut(code=loc.code, name=loc.name,
                          today=service_day(ctx.now, loc.timezone),
                          desks=sorted(d.number for d in names.desks.values()
                                       if d.location_id == loc.id))
        for loc in names.locations.values()
    ]
    departments = {d.id: d for d in names.departments.values()}
    last = max((loc.today for loc in locations), default=ctx.now.date())
    return SetupOut(
        display_name=principal.user.display_name,
        per_clerk=settings.stats_per_clerk,
        locations=locations,
        departments=[OptionOut(code=d.code, name=report.department_name(d, lang))
                     for d in departments.values()],
        services=[OptionOut(code=s.code, name=names.service(s.id, lang),
                            group=departments[s.department_id].code)
                  for s in names.services.values() if s.active],
        first_day=last - timedelta(days=DEFAULT_DAYS - 1),
        last_day=last,
    )


def _norms(state: AppState) -> Norms:
    return Norms(walk_in_minutes=state.walk_in_target,
                 appointment_minutes=state.appointment_target)


@router.get("/api/v1/dashboard/overview", response_model=live.OverviewOut)
async def overview(
    principal: Manager, state: State, location: str | None = None, lang: Language = "nl"
) -> live.OverviewOut:
    """Every location (or one) now: queues, desks, today's share within the norm, alerts."""
    settings = DashboardSettings()
    rules = live.Rules(
        norms=_norms(state),
        offline_after=timedelta(minutes=settings.dashboard_offline_minutes),
        risk_share=settings.dashboard_risk_share,
        help_for=timedelta(minutes=settings.dashboard_help_minutes),
    )
    async with state.read(principal.actor) as ctx:
        locations = list(await repo.all_locations(ctx.session))
        if location is not None:
            locations = [loc for loc in locations if loc.code == location]
            if not locations:
                raise NotFound(f"unknown location {location}", code="unknown_location")
        return await live.overview(ctx, locations, rules, lang)


# --- statistics --------------------------------------------------------------------------------


class Period:
    """The query parameters every statistics endpoint shares."""

    def __init__(
        self,
        first: Annotated[date | None, Query(description="first service day (inclusive)")] = None,
        last: Annotated[date | None, Query(description="last service day (inclusive)")] = None,
        location: str | None = None,
        department: str | None = None,
        service: str | None = None,
        desk: Annotated[int | None, Query(ge=1)] = None,
        lang: Language = "nl",
    ) -> None:
        self.first, self.last = first, last
        self.location, self.department, self.service, self.desk = (location, department,
                                                                     service, desk)
        self.lang = lang


async def _scope(state: AppState, principal: Principal, period: Period) -> report.Scope:
    now = state.clock()
    async with state.read(principal.actor) as ctx:
        names = await report.load_names(ctx.session)
    last = period.last or max(service_day(now, loc.timezone) for loc in names.locations.values())
    first = period.first or last - timedelta(days=DEFAULT_DAYS - 1)
    filters = report.resolve(names, first_day=first, last_day=last, location=period.location,
                             department=period.department, service=period.service,
                             desk=period.desk)
    return report.Scope(filters, _norms(state), now, period.lang, names)


PLAIN_VIEWS: dict[str, Callable[[AsyncSession, report.Scope], Awaitable[ViewOut]]] = {
    "summary": report.summary,
    "demand": report.demand,
    "waiting": report.waiting,
    "transfers": report.transfers,
    "clerks": report.clerks,
}


async def _view(state: AppState, scope: report.Scope, view: str) -> ViewOut:
    settings = DashboardSettings()
    if view == "clerks" and not settings.stats_per_clerk:
        raise Forbidden("figures per clerk are switched off (EENLOKET_STATS_PER_CLERK)",
                        code="per_clerk_off")
    async with state.db.reading() as session:
        if view in PLAIN_VIEWS:
            return await PLAIN_VIEWS[view](session, scope)
        open_now = None
        if len(scope.filters.location_ids) == 1:
            desks = await repo.desks_at(session, scope.filters.location_ids[0])
            open_now = sum(1 for d in desks if d.state == "open")
        return await report.staffing(session, scope, weeks=settings.stats_staffing_weeks,
                                     service_level=settings.stats_service_level,
                                     desks_open_now=open_now)


PeriodQuery = Annotated[Period, Depends()]


@router.get("/api/v1/stats/visits.csv", response_class=StreamingResponse)
async def visits_csv(principal: Manager, state: State, period: PeriodQuery) -> StreamingResponse:
    """The anonymous visit records of the period, one row per visit (streamed)."""
    scope = await _scope(state, principal, period)
    f = scope.filters
    name = f"eenloket-visits-{f.first_day}-{f.last_day}.csv"
    return StreamingResponse(records.visit_csv(state.db, scope), media_type="text/csv",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/api/v1/stats/summary", response_model=ViewOut)
async def summary(principal: Manager, state: State, period: PeriodQuery) -> ViewOut:
    """The key figures of the period: visits, within the norm, waits, no-shows, transfers."""
    return await _view(state, await _scope(state, principal, period), "summary")


@router.get("/api/v1/stats/{view}", response_model=ViewOut)
async def statistics(view: View, principal: Manager, state: State, period: PeriodQuery) -> ViewOut:
    """One statistics view: key figures and tables (the page draws its charts from them)."""
    return await _view(state, await _scope(state, principal, period), view)


@router.get("/api/v1/stats/{view}/{table}.csv", response_class=StreamingResponse)
async def table_csv(
    view: View, table: str, principal: Manager, state: State, period: PeriodQuery
) -> StreamingResponse:
    """One table of a view as CSV, exactly as the page shows it (raw values)."""
    scope = await _scope(state, principal, period)
    out = await _view(state, scope, view)
    try:
        chosen = out.table(table)
    except KeyError:
        raise NotFound(f"view {view} has no table {table}", code="unknown_table") from None
    name = f"eenloket-{view}-{table}-{out.first_day}-{out.last_day}.csv"
    return StreamingResponse(csv_text(chosen), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
