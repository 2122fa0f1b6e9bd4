"""SQLAlchemy 2 typed models. The schema is created only through Alembic migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# A naming convention makes migrations name constraints the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as UTC; SQLite would otherwise hand back naive values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: pass an aware datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON, datetime: UTCDateTime()
    }


class LocationRow(Base):
    __tablename__ = "locations"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(60))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    """The per-location event sequence; incremented under a row lock by every state change."""


class DepartmentRow(Base):
    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_nl: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    letter: Mapped[str] = mapped_column(String(1))
    pictogram: Mapped[str] = mapped_column(String(40), default="")


class ServiceRow(Base):
    __tablename__ = "services"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    name_nl: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    skill: Mapped[str] = mapped_column(String(60))
    typical_minutes: Mapped[float] = mapped_column(Float)
    appointment: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    checkin_early_minutes: Mapped[float] = mapped_column(Float, default=30)
    checkin_late_minutes: Mapped[float] = mapped_column(Float, default=15)


class DeskRow(Base):
    __tablename__ = "desks"
    __table_args__ = (UniqueConstraint("location_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    skills: Mapped[list[str]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="closed")
    pause_reason: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    session_skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    state_since: Mapped[datetime | None] = mapped_column(default=None)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DeviceRow(Base):
    __tablename__ = "devices"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the token: device tokens are long random secrets, so no slow hash is needed."""
    last_seen: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AppointmentRow(Base):
    __tablename__ = "appointments"
    __table_args__ = (Index(None, "location_id", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    booking_code: Mapped[str] = mapped_column(String(40), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    starts_at: Mapped[datetime]
    name: Mapped[str | None] = mapped_column(String(200), default=None)
    contact: Mapped[str | None] = mapped_column(String(200), default=None)
    language: Mapped[str] = mapped_column(String(5), default="nl")
    status: Mapped[str] = mapped_column(String(12), default="booked")
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"), default=None)


class VisitRow(Base):
    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("location_id", "service_day", "ticket"),
        Index(None, "location_id", "state"),
        Index(None, "service_day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    service_day: Mapped[date] = mapped_column(Date)
    ticket: Mapped[str] = mapped_column(String(4))
    state: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(5), default="nl")
    is_appointment: Mapped[bool] = mapped_column(Boolean, default=False)
    appointment_at: Mapped[datetime | None] = mapped_column(default=None)
    checked_in_at: Mapped[datetime]
    first_called_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    close_reason: Mapped[str] = mapped_column(String(40), default="")
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"), default=None)
    """The desk that has called or is serving the visitor (None while waiting)."""
    status_token: Mapped[str] = mapped_column(String(64), unique=True)
    """Unguessable token of the visitor's phone page; no personal data behind it."""
    visitor_name: Mapped[str | None] = mapped_column(String(200), default=None)
    """Personal data: purged on schedule."""
    tasks: Mapped[list[TaskRow]] = relationship(
        back_populates="visit", lazy="raise", order_by="TaskRow.position"
    )


class TaskRow(Base):
    __tablename__ = "tasks"
    __table_args__ = (Index(None, "state", "skill"), Index(None, "visit_id", "position"))
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"))
    position: Mapped[int] = mapped_column(Integer)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"), default=None)
    skill: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(10))
    """pending (a later question of the visit), waiting, called, serving, done."""
    target_minutes: Mapped[float] = mapped_column(Float)
    queued_at: Mapped[datetime | None] = mapped_column(default=None)
    called_at: Mapped[datetime | None] = mapped_column(default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    pinned_desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"), default=None)
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"), default=None)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    """The handover note from the previous desk (personal data: purged on schedule)."""
    visit: Mapped[VisitRow] = relationship(back_populates="tasks", lazy="raise")


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("location_id", "seq"),
        Index(None, "location_id", "type", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    """Who: ``user:<name>``, ``device:<name>`` or ``system``."""
    desk_number: Mapped[int | None] = mapped_column(Integer, default=None)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """The event's public payload: ticket and desk numbers, never names."""


class IdempotencyRow(Base):
    __tablename__ = "idempotency_keys"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"), default=None)
    created_at: Mapped[datetime]
    response: Mapped[dict[str, Any]] = mapped_column(JSON)


class TicketCounterRow(Base):
    __tablename__ = "ticket_counters"
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    letter: Mapped[str] = mapped_column(String(1), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class SessionRow(Base):
    __tablename__ = "staff_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen: Mapped[datetime]


# --- statistics of closed days (see queue_server.summaries) ------------------------------------


class SummaryPeriodRow(Base):
    """A closed day, month or year of a location whose figures are in the summary tables."""

    __tablename__ = "summary_periods"
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    """``d`` (day), ``m`` (month) or ``y`` (year)."""
    period_start: Mapped[date] = mapped_column(Date, primary_key=True)
    built_at: Mapped[datetime]


class SummaryVisitRow(Base):
    """Counts of the visits of a period, per first service and kind (appointment or not)."""

    __tablename__ = "summary_visits"
    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period_start: Mapped[date] = mapped_column(Date, primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    is_appointment: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    visits: Mapped[int] = mapped_column(BigInteger)
    called: Mapped[int] = mapped_column(BigInteger)
    served: Mapped[int] = mapped_column(BigInteger)
    no_shows: Mapped[int] = mapped_column(BigInteger)
    cancelled: Mapped[int] = mapped_column(BigInteger)
    unserved: Mapped[int] = mapped_column(BigInteger)
    served_after_transfer: Mapped[int] = mapped_column(BigInteger)
    transfers: Mapped[int] = mapped_column(BigInteger)
    early_15: Mapped[int] = mapped_column(BigInteger)
    early_5: Mapped[int] = mapped_column(BigInteger)
    on_time: Mapped[int] = mapped_column(BigInteger)
    late_5: Mapped[int] = mapped_column(BigInteger)
    late_15: Mapped[int] = mapped_column(BigInteger)


class SummaryBinRow(Base):
    """Histograms (and counted pairs) of a period, per first service and kind.

    ``metric`` says what is counted: ``wait``, ``uncalled`` (time waited by visitors never
    called), ``punctuality``, ``service_time`` and ``handover_wait`` (``item`` names the
    service or skill), ``route`` (``item`` is "from skill > to skill"), ``hour`` (``edge``
    is the UTC hour since 1970) and ``appointment`` (``service_id`` is the booked service,
    ``item`` the status). A metric ending in ``_all`` counts the same over every service
    (``service_id`` 0).
    """

    __tablename__ = "summary_bins"
    metric: Mapped[str] = mapped_column(String(24), primary_key=True)
    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period_start: Mapped[date] = mapped_column(Date, primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    is_appointment: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    item: Mapped[str] = mapped_column(String(130), primary_key=True)
    edge: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[float] = mapped_column(Float)
