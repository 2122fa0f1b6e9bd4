"""What the board says for a call, and in which order: pure, so tests can read it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from display_board.model import Announcement
from eenloket_i18n import translate
from queue_server.domain.tickets import spoken_ticket

HALL_LANGUAGE = "nl"
"""Every call is said in Dutch first: the hall's language, which everyone waiting expects."""


class StepKind(enum.Enum):
    CHIME = "chime"
    SAY = "say"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    language: str = ""
    text: str = ""


def spoken_call(ticket: str, desk: int, language: str) -> str:
    """``B023`` at desk 4 in Dutch: "Nummer B 23, balie 4"."""
    return translate("board.say.call", language, ticket=spoken_ticket(ticket), desk=desk)


def steps(announcement: Announcement, *, chime: bool = True) -> list[Step]:
    """The chime, the call in Dutch, then in the visitor's own language if it is another."""
    languages = [HALL_LANGUAGE]
    if announcement.language != HALL_LANGUAGE:
        languages.append(announcement.language)
    plan = [Step(StepKind.CHIME)] if chime else []
    plan += [
        Step(StepKind.SAY, language, spoken_call(announcement.ticket, announcement.desk, language))
        for language in languages
    ]
    return plan
