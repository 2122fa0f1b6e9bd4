"""The live hall for managers: queues, desks, today's share within the norm, and alerts.

The page fetches this once and again after each event of the location's stream. Alerts that
come with time alone (a visitor passing the norm, a kiosk falling silent, a call for help
expiring) are announced by ``next_change_at``: the page asks again at that moment, so it
never polls and still never shows a stale alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from eenloket_wire.messages import Model
from queue_server import stats
from queue_server.domain.tickets import service_day
from queue_server.routing import deadline
from queue_server.services.context import Context
from queue_server.services.queues import categories, waiting_task_view
from queue_server.stats import Filters, Norms, VisitCounts
from queue_server.store import repository as repo
from queue_server.store.models import DeskRow, DeviceRow, LocationRow, TaskRow, VisitRow
from queue_server.web.dashboard.tables import text

Severity = Literal["warning", "critical"]
PRINTER_TROUBLE: dict[str, Severity] = {"paper_near_end": "warning", "paper_out": "critical",
                                        "cover_open": "critical", "offline": "critical"}
WATCHED_DEVICES = ("kiosk", "board")
"""Devices that report in; a booking system only calls the API when it books."""


@dataclass(frozen=True)
class Rules:
    norms: Norms
    offline_after: timedelta
    risk_share: float
    help_for: timedelta


class CategoryStateOut(Model):
    letter: str
    name: str
    waiting: int
    longest_wait_seconds: float


class DeskStateOut(Model):
    number: int
    kind: str
    state: str
    """open, paused or closed."""
    activity: Literal["idle", "called", "serving"] | None
    ticket: str | None
    since: datetime | None
    """When the desk called or started serving its visitor, or took its state."""
    pause_reason: str


class DeviceStateOut(Model):
    name: str
    kind: str
    printer: str | None
    last_seen: datetime | None
    offline: bool


class AlertOut(Model):
    key: str
    """Stable while the condition lasts, so the page can keep a dismissal."""
    kind: Literal["norm_exceeded", "norm_at_risk", "printer", "offline", "help"]
    severity: Severity
    message: str
    since: datetime | None


class TodayOut(Model):
    visits: int
    served: int
    within: int
    decided: int
    within_share: float | None


class LocationStateOut(Model):
    code: str
    name: str
    timezone: str
    seq: int
    """The last event included; the page follows the stream from here."""
    waiting: int
    longest_wait_seconds: float
    desks_open: int
    categories: list[CategoryStateOut]
    desks: list[DeskStateOut]
    devices: list[DeviceStateOut]
    today: TodayOut
    alerts: list[AlertOut]


class OverviewOut(Model):
    at: datetime
    next_change_at: datetime | None
    walk_in_minutes: float
    appointment_minutes: float
    locations: list[LocationStateOut]


class _Clock:
    """Collects the earliest future moment at which an alert appears or disappears."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.next: datetime | None = None

    def at(self, moment: datetime) -> None:
        if moment > self.now and (self.next is None or moment < self.next):
            self.next = moment


async def overview(
    ctx: Context, locations: list[LocationRow], rules: Rules, language: str
) -> OverviewOut:
    clock = _Clock(ctx.now)
    states = [await _location(ctx, loc, rules, language, clock) for loc in locations]
    return OverviewOut(at=ctx.now, next_change_at=clock.next,
                       walk_in_minutes=rules.norms.walk_in_minutes,
                       appointment_minutes=rules.norms.appointment_minutes, locations=states)


async def _location(
    ctx: Context, location: LocationRow, rules: Rules, language: str, clock: _Clock
) -> LocationStateOut:
    await ctx.session.refresh(location, ["last_seq"])
    zone = ZoneInfo(location.timezone)
    queues = await categories(ctx, location)
    desks = await repo.desks_at(ctx.session, location.id)
    visits = await repo.open_visits(ctx.session, location.id)
    devices = await stats.devices_at(ctx.session, location.id)
    today = service_day(ctx.now, location.timezone)
    chosen = stats.visits(Filters(today, today, (location.id,)), rules.norms, ctx.now)
    counts = (await stats.visit_counts(ctx.session, chosen, [])).get((), VisitCounts())
    alerts = _norm_alerts(ctx, location, desks, visits, rules, language, clock)
    device_states = []
    for device in devices:
        if device.kind not in WATCHED_DEVICES:
            continue
        state, device_alerts = _device(device, ctx.now, rules, language, clock, zone)
        device_states.append(state)
        alerts.extend(device_alerts)
    alerts.extend(await _help_alerts(ctx, location, rules, language, clock, zone))
    return LocationStateOut(
        code=location.code, name=location.name, timezone=location.timezone,
        seq=location.last_seq,
        waiting=sum(c.waiting for c in queues),
        longest_wait_seconds=max((c.longest_wait_seconds for c in queues), default=0.0),
        desks_open=sum(1 for d in desks if d.state == "open"),
        categories=[CategoryStateOut(letter=c.letter,
                                     name=c.name_en if language == "en" else c.name_nl,
                                     waiting=c.waiting,
                                     longest_wait_seconds=c.longest_wait_seconds)
                    for c in queues],
        desks=[_desk(d, visits) for d in desks],
        devices=device_states,
        today=TodayOut(visits=counts.visits, served=counts.served, within=counts.within,
                       decided=counts.decided, within_share=counts.share_within),
        alerts=alerts,
    )


def _desk(desk: DeskRow, visits: Sequence[VisitRow]) -> DeskStateOut:
    visit = next((v for v in visits if v.desk_id == desk.id), None)
    task: TaskRow | None = None
    if visit is not None:
        task = next((t for t in visit.tasks if t.state in ("called", "serving")), None)
    activity: Literal["idle", "called", "serving"] | None = None
    since = desk.state_since
    if desk.state == "open":
        activity = "idle"
    if task is not None:
        activity = "serving" if task.state == "serving" else "called"
        since = task.started_at if task.state == "serving" else task.called_at
    return DeskStateOut(number=desk.number, kind=desk.kind, state=desk.state,
                        activity=activity, ticket=visit.ticket if visit else None, since=since,
                        pause_reason=desk.pause_reason)


def _norm_alerts(
    ctx: Context, location: LocationRow, desks: Sequence[DeskRow], visits: Sequence[VisitRow],
    rules: Rules, language: str, clock: _Clock,
) -> list[AlertOut]:
    pinned = {d.id: d.number for d in desks}
    late: list[tuple[datetime, str]] = []
    risky: list[tuple[datetime, str]] = []
    for visit in visits:
        task = next((t for t in visit.tasks if t.state == "waiting"), None)
        if visit.state != "waiting" or task is None:
            continue
        view = waiting_task_view(task, visit, pinned)
        due = deadline(view)
        start = due - timedelta(minutes=view.target_minutes)
        risk = start + (due - start) * rules.risk_share
        if ctx.now >= due:
            late.append((start, visit.ticket))
        elif ctx.now >= risk:
            risky.append((start, visit.ticket))
            clock.at(due)
        else:
            clock.at(risk)
    alerts = []
    checks: tuple[tuple[Literal["norm_exceeded", "norm_at_risk"], list[tuple[datetime, str]],
                        Severity], ...] = (
        ("norm_exceeded", late, "critical"), ("norm_at_risk", risky, "warning"))
    for kind, found, severity in checks:
        if found:
            since, ticket = min(found)
            minutes = int((ctx.now - since).total_seconds() // 60)
            alerts.append(AlertOut(
                key=f"{location.code}:{kind}", kind=kind, severity=severity,
                message=text(f"alert.{kind}", language, n=len(found), ticket=ticket,
                             minutes=minutes, location=location.name),
                since=since,
            ))
    return alerts


def _device(
    device: DeviceRow, now: datetime, rules: Rules, language: str, clock: _Clock,
    zone: ZoneInfo,
) -> tuple[DeviceStateOut, list[AlertOut]]:
    printer = device.status.get("printer") if device.status else None
    alerts = []
    offline = False
    if device.kind in WATCHED_DEVICES:
        if device.last_seen is None:
            offline = True
            alerts.append(AlertOut(
                key=f"offline:{device.name}", kind="offline", severity="warning",
                message=text("alert.never_seen", language, device=device.name), since=None))
        elif now - device.last_seen >= rules.offline_after:
            offline = True
            alerts.append(AlertOut(
                key=f"offline:{device.name}", kind="offline", severity="critical",
                message=text("alert.offline", language, device=device.name,
                             time=device.last_seen.astimezone(zone).strftime("%H:%M")),
                since=device.last_seen))
        else:
            clock.at(device.last_seen + rules.offline_after)
    severity = PRINTER_TROUBLE.get(str(printer)) if printer and not offline else None
    if severity is not None:
        alerts.append(AlertOut(
            key=f"printer:{device.name}:{printer}", kind="printer", severity=severity,
            message=text(f"alert.printer.{printer}", language, device=device.name),
            since=device.last_seen))
    state = DeviceStateOut(name=device.name, kind=device.kind,
                           printer=str(printer) if printer else None,
                           last_seen=device.last_seen, offline=offline)
    return state, alerts


async def _help_alerts(
    ctx: Context, location: LocationRow, rules: Rules, language: str, clock: _Clock,
    zone: ZoneInfo,
) -> list[AlertOut]:
    events = await repo.recent_events(ctx.session, location.id, ["help.requested"],
                                      ctx.now - rules.help_for, 20)
    alerts = []
    for event in events:
        clock.at(event.at + rules.help_for)
        device = str(event.data.get("data", {}).get("device", ""))
        alerts.append(AlertOut(
            key=f"help:{location.code}:{event.seq}", kind="help", severity="critical",
            message=text("alert.help", language, device=device,
                         time=event.at.astimezone(zone).strftime("%H:%M")),
            since=event.at))
    return alerts
