"""Texts the kiosk composes from the state: answers, ticket lines, opening hours, speech.

Pure functions over the model's values; every fixed text comes from ``kiosk.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from eenloket_i18n import translate
from eenloket_wire.messages import TicketOut
from kiosk.config import OpeningHours
from kiosk.model import Answer, AnswerInfo


def t(key: str, language: str, /, **params: object) -> str:
    """A kiosk text (the ``kiosk.`` prefix is implied)."""
    return translate(f"kiosk.{key}", language, **params)


def clock(moment: datetime, timezone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(timezone)):%H:%M}"


def date(moment: datetime, timezone: str, language: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    return t("date", language, day=f"{local:%d}", month=f"{local:%m}", year=f"{local:%Y}")


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str


def answer_message(info: AnswerInfo, language: str, timezone: str, site: str) -> Message:
    """What an appointment visitor is told when the check-in cannot go as booked."""
    kind = info.kind
    if kind is Answer.EARLY:
        body = (t("answer.early.body_time", language, time=clock(info.moment, timezone))
                if info.moment else t("answer.early.body", language))
        return Message(t("answer.early.title", language), body)
    if kind is Answer.LATE:
        return Message(t("answer.late.title", language), t("answer.late.body", language))
    if kind is Answer.LATE_REBOOK:
        return Message(t("answer.late.title", language), t("answer.late_rebook.body", language))
    if kind is Answer.CANCELLED:
        return Message(t("answer.cancelled.title", language),
                       t("answer.cancelled.body", language, site=site))
    if kind is Answer.OTHER_DAY:
        body = (t("answer.other_day.body_time", language,
                  date=date(info.moment, timezone, language), time=clock(info.moment, timezone))
                if info.moment else t("answer.other_day.body", language))
        return Message(t("answer.other_day.title", language), body)
    if kind is Answer.ALREADY:
        body = (t("answer.already.body_ticket", language, ticket=info.ticket) if info.ticket
                else t("answer.already.body", language))
        return Message(t("answer.already.title", language), body)
    return Message(t("answer.unknown.title", language),
                   t("answer.unknown.body", language, code=info.code or "-"))


def ticket_lines(ticket: TicketOut, language: str, timezone: str) -> list[str]:
    """What happens next, in the order the ticket screen shows it (after the number)."""
    # Imported here: the printer layer is slow to import and not needed for the first screen.
    from printers.document import wait_minutes_shown

    lines = []
    if ticket.note == "late_walk_in":
        lines.append(t("ticket.late_walk_in", language))
    if ticket.appointment_at is not None:
        lines.append(t("ticket.appointment", language,
                       time=clock(ticket.appointment_at, timezone)))
    ahead = max(ticket.position - 1, 0)
    lines.append(t("ticket.ahead", language, n=ahead) if ahead else t("ticket.ahead_none",
                                                                     language))
    if ticket.expected_wait_minutes is not None:
        minutes = wait_minutes_shown(ticket.expected_wait_minutes)
        lines.append(t("ticket.wait_soon", language) if minutes is None
                     else t("ticket.wait", language, minutes=minutes))
    lines.append(t("ticket.next", language))
    return lines


def spelled(ticket_number: str) -> str:
    """``B023`` as a speech engine should say it: "B, 0, 2, 3" (not "B twenty-three")."""
    return ", ".join(ticket_number)


def hours_lines(hours: OpeningHours, language: str) -> list[tuple[str, str]]:
    """Each weekday with its hours (or "closed"), Monday first."""
    rows = []
    for day in range(7):
        span = hours.days.get(day)
        text = (t("closed.day_hours", language, opens=f"{span[0]:%H:%M}",
                  closes=f"{span[1]:%H:%M}") if span else t("closed.day_closed", language))
        rows.append((t(f"day.{day}", language), text))
    return rows
