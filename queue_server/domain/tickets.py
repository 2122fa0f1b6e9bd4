"""Ticket numbers: a department-group letter plus three digits, per location per service day.

The service day is the calendar date in the location's time zone (Europe/Amsterdam), so the
counter resets at local midnight whatever UTC offset daylight saving time gives.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MAX_PER_LETTER = 999


class TicketRangeExhausted(Exception):
    """A letter has handed out all 999 numbers today."""


def service_day(now: datetime, timezone: str) -> date:
    """The local calendar date of ``now`` (which must be timezone-aware) at the location."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(ZoneInfo(timezone)).date()


def utc_window(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight before service day ``first`` and after ``last``."""
    start = datetime.combine(first, datetime.min.time(), zone)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def format_ticket(letter: str, number: int) -> str:
    """``B`` and 23 give ``B023``."""
    if not (len(letter) == 1 and letter.isalpha() and letter.isupper()):
        raise ValueError(f"ticket letter must be one capital letter, not {letter!r}")
    if not 1 <= number <= MAX_PER_LETTER:
        raise TicketRangeExhausted(f"ticket number {number} is outside 1-{MAX_PER_LETTER}")
    return f"{letter}{number:03d}"


def spoken_ticket(ticket: str) -> str:
    """How a board reads a ticket aloud: ``B023`` becomes ``B 23``."""
    return f"{ticket[0]} {int(ticket[1:])}"
