"""Request and response models of the REST API and the WebSocket event stream."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

LANGUAGE_CODES = ("nl", "en", "pl", "tr", "uk", "ar")


def _known_language(value: str) -> str:
    if value not in LANGUAGE_CODES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGE_CODES)}")
    return value


Language = Annotated[str, AfterValidator(_known_language)]


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("give a time with a UTC offset, for example 2026-11-30T10:30:00+01:00")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ErrorBody(Model):
    """Every error the API returns: a machine code and a sentence a person can read."""

    error: str
    detail: str
    data: dict[str, str] = Field(default_factory=dict)
    """Particulars such as ``check_in_from`` (ISO time) or ``ticket``, per error code."""
    fields: list[dict[str, Any]] = Field(default_factory=list)


# --- catalogue (kiosk) ---------------------------------------------------------------


class ServiceOut(Model):
    code: str
    name_nl: str
    name_en: str
    skill: str
    appointment: Literal["required", "optional", "no"]
    expected_wait_minutes: float | None


class DepartmentOut(Model):
    code: str
    name_nl: str
    name_en: str
    letter: str
    pictogram: str
    services: list[ServiceOut]


class CatalogueOut(Model):
    location: str
    location_name: str
    open: bool
    departments: list[DepartmentOut]


# --- check-in ------------------------------------------------------------------------


class WalkInIn(Model):
    services: list[str] = Field(min_length=1, max_length=5)
    language: Language = "nl"


class AppointmentCheckInIn(Model):
    booking_code: str = Field(min_length=4, max_length=40)
    language: Language | None = None
    walk_in_if_late: bool = False


class TicketOut(Model):
    """What a kiosk needs to print and show a ticket: numbers, never names."""

    visit_id: int
    ticket: str
    location: str
    location_name: str
    services: list[ServiceOut]
    language: str
    checked_in_at: datetime
    appointment_at: datetime | None
    position: int
    expected_wait_minutes: float | None
    status_url: str
    note: str = ""
    """A remark for the visitor, e.g. that a late appointment became a walk-in ticket."""


# --- desks ---------------------------------------------------------------------------


class DeskOpenIn(Model):
    skills: list[str] | None = None
    """The skills of this session; None: all the desk's skills."""


class PauseIn(Model):
    reason: str = Field(min_length=1, max_length=200)


class CallTicketIn(Model):
    ticket: str = Field(pattern=r"^[A-Z][0-9]{3}$")


class FinishIn(Model):
    outcome: Literal["resolved", "follow_up"] = "resolved"


class TransferIn(Model):
    skill: str | None = None
    desk: int | None = Field(default=None, ge=1, le=9999)
    note: str = Field(default="", max_length=2000)


class TaskOut(Model):
    position: int
    service: str | None
    service_name_nl: str | None
    service_name_en: str | None
    skill: str
    state: str
    outcome: str | None
    desk: int | None
    note: str | None


class VisitDetailOut(Model):
    """A visit as the desk that called it sees it (details only after calling)."""

    visit_id: int
    ticket: str
    state: str
    language: str
    is_appointment: bool
    appointment_at: datetime | None
    checked_in_at: datetime
    visitor_name: str | None
    tasks: list[TaskOut]
    current_task: int
    reason: str = ""
    """Why the router chose this visit (only on call-next)."""


class QueueCountOut(Model):
    skill: str
    waiting: int
    longest_wait_seconds: float


class DeskOut(Model):
    number: int
    kind: str
    state: str
    skills: list[str]
    session_skills: list[str]
    pause_reason: str
    clerk: str | None
    state_since: datetime | None
    ticket: str | None
    visit_state: str | None


class DeskStatusOut(Model):
    desk: DeskOut
    visit: VisitDetailOut | None
    waiting: list[QueueCountOut]


# --- public snapshot and events ------------------------------------------------------


class CategoryOut(Model):
    letter: str
    name_nl: str
    name_en: str
    waiting: int
    longest_wait_seconds: float
    expected_wait_minutes: float | None


class PublicDeskOut(Model):
    number: int
    state: str
    ticket: str | None


class CallOut(Model):
    ticket: str
    desk: int
    at: datetime
    language: str
    recall: bool = False


class SnapshotOut(Model):
    location: str
    location_name: str
    seq: int
    at: datetime
    categories: list[CategoryOut]
    desks: list[PublicDeskOut]
    recent_calls: list[CallOut]


class EventOut(Model):
    seq: int
    type: str
    at: datetime
    desk: int | None = None
    ticket: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)
    categories: list[CategoryOut] | None = None
    """The location's queues after this event, so clients never need to poll."""


class StreamMessage(Model):
    kind: Literal["snapshot", "event"]
    snapshot: SnapshotOut | None = None
    event: EventOut | None = None


# --- appointments (booking systems) --------------------------------------------------


class AppointmentIn(Model):
    booking_code: str = Field(min_length=4, max_length=40, pattern=r"^[A-Za-z0-9-]+$")
    location: str
    service: str
    starts_at: AwareDatetime
    name: str | None = Field(default=None, max_length=200)
    contact: str | None = Field(default=None, max_length=200)
    language: Language = "nl"


class AppointmentChangeIn(Model):
    service: str | None = None
    starts_at: AwareDatetime | None = None
    name: str | None = Field(default=None, max_length=200)
    contact: str | None = Field(default=None, max_length=200)


class AppointmentOut(Model):
    booking_code: str
    location: str
    service: str
    starts_at: datetime
    status: str


# --- devices -------------------------------------------------------------------------


class DeviceStatusIn(Model):
    printer: Literal["ready", "paper_near_end", "paper_out", "cover_open", "offline", "unknown"]
    detail: str = Field(default="", max_length=200)


class HelpRequestIn(Model):
    language: Language = "nl"


class Ack(Model):
    ok: bool = True
