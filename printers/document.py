"""A ticket as a short document: translated lines with a size and a place, then the QR.

Both outputs are drawn from this one description, so the paper and the picture on screen
say the same thing: :mod:`printers.layout` turns it into printer commands and
:mod:`printers.render` into an image. Every fixed text comes from the ``printers.json``
catalogue in the visitor's language.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from eenloket_i18n import is_rtl, translate
from printers.ticket import TicketContent


class Size(enum.Enum):
    SMALL = "small"
    NORMAL = "normal"
    LARGE = "large"
    NUMBER = "number"
    """The ticket number: as large as the paper allows."""


class Align(enum.Enum):
    CENTER = "center"
    START = "start"
    """Left for left-to-right languages, right for Arabic."""


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    size: Size = Size.NORMAL
    bold: bool = False
    align: Align = Align.CENTER
    bullet: bool = False
    """A list item: drawn with a bullet and a hanging indent."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin horizontal line between parts of the ticket."""


Block = Line | Rule


@dataclass(frozen=True, slots=True)
class TicketDocument:
    language: str
    top: tuple[Block, ...]
    """Everything above the QR code."""
    qr_url: str
    bottom: tuple[Block, ...]
    """The QR code's caption and the date line."""

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)

    def texts(self) -> tuple[str, ...]:
        """Every text on the ticket, for checks on code pages and fonts."""
        return tuple(b.text for b in (*self.top, *self.bottom) if isinstance(b, Line))


_SENTENCE_END: Final = re.compile(r"(?<=[.!?؟])\s+")


def wrap_by_sentence(text: str, fits: Callable[[str], bool],
                     wrap: Callable[[str], list[str]]) -> list[str]:
    """``text`` as rows: whole if it ``fits`` on one, else each sentence on rows of its own.

    "Kijk op het scherm." / "U wordt geroepen." reads easier than a row break after "U".
    """
    if fits(text):
        return [text]
    return [row for sentence in _SENTENCE_END.split(text) for row in wrap(sentence)]


def wait_minutes_shown(expected: float) -> int | None:
    """The wait as printed: in steps of 5 minutes, since the estimate is no finer than that.

    ``None`` means "almost your turn" (under 2.5 minutes).
    """
    if expected < 2.5:
        return None
    return 5 * math.floor(expected / 5 + 0.5)


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def ticket_document(content: TicketContent) -> TicketDocument:
    """Lay out ``content`` as lines, translated into the visitor's language."""
    lang = content.language

    def t(key: str, **params: object) -> str:
        return translate(f"printers.ticket.{key}", lang, **params)

    top: list[Block] = [
        Line(content.municipality, Size.LARGE, bold=True),
        Line(content.location),
        Rule(),
        Line(t("number_label")),
        Line(content.ticket_number, Size.NUMBER, bold=True),
        Rule(),
    ]
    details: list[Block] = []
    if content.services:
        details.append(Line(t("services_label"), bold=True, align=Align.START))
        details.extend(Line(s, align=Align.START, bullet=True) for s in content.services)
    if content.appointment_at is not None:
        appointment = clock(content.local(content.appointment_at))
        details.append(Line(t("appointment", time=appointment), bold=True, align=Align.START))
    if content.position is not None:
        details.append(Line(t("position", n=content.position), align=Align.START))
    if content.expected_wait_minutes is not None:
        minutes = wait_minutes_shown(content.expected_wait_minutes)
        wait = t("wait_soon") if minutes is None else t("wait", minutes=minutes)
        details.append(Line(wait, align=Align.START))
    if details:
        top += [*details, Rule()]
    top.append(Line(t("next_step"), Size.LARGE, bold=True))

    issued = content.local(content.issued_at)
    date = t("date", day=f"{issued:%d}", month=f"{issued:%m}", year=f"{issued:%Y}")
    bottom: tuple[Block, ...] = (
        Line(t("qr_caption"), Size.SMALL),
        Line(t("issued", date=date, time=clock(issued)), Size.SMALL),
    )
    return TicketDocument(lang, tuple(top), content.status_url, bottom)
