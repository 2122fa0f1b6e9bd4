"""What goes on a ticket: a plain value, with no knowledge of paper or printers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eenloket_i18n import LANGUAGES


@dataclass(frozen=True, slots=True)
class TicketContent:
    """Everything a ticket shows, already decided by the queue server.

    Texts that come from the catalogue of services arrive translated (``services``); the
    fixed texts of the ticket itself are looked up in ``language`` when it is laid out.
    Times are aware datetimes; they are shown in ``timezone`` (the location's).
    """

    municipality: str
    ticket_number: str
    """As the hall calls it, e.g. ``B023``."""
    services: tuple[str, ...]
    """What the visitor asked for, in the visitor's language, in the order asked."""
    location: str
    issued_at: datetime
    language: str
    status_url: str
    """The visitor's live phone page; printed as a QR code."""
    expected_wait_minutes: float | None = None
    position: int | None = None
    """Place in the queue; 1 means next."""
    appointment_at: datetime | None = None
    timezone: str = "Europe/Amsterdam"

    def __post_init__(self) -> None:
        if not self.ticket_number.strip():
            raise ValueError("ticket_number must not be empty")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.language!r}")
        if not self.status_url.startswith(("https://", "http://")):
            raise ValueError(f"status_url must be an http(s) URL, not {self.status_url!r}")
        for name in ("issued_at", "appointment_at"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware")
        if self.expected_wait_minutes is not None and self.expected_wait_minutes < 0:
            raise ValueError("expected_wait_minutes must not be negative")
        if self.position is not None and self.position < 1:
            raise ValueError("position starts at 1 (next in line)")
        if not isinstance(self.services, tuple):
            raise TypeError("services must be a tuple of texts")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc

    def local(self, moment: datetime) -> datetime:
        """``moment`` on the location's wall clock."""
        return moment.astimezone(ZoneInfo(self.timezone))
