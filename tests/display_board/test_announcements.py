"""What is said for a call, and in which order."""

from __future__ import annotations

import pytest

from display_board.announcements import Step, StepKind, spoken_call, steps
from display_board.model import Announcement


def test_a_dutch_visitor_hears_the_chime_and_dutch() -> None:
    assert steps(Announcement("B023", 4, "nl")) == [
        Step(StepKind.CHIME),
        Step(StepKind.SAY, "nl", "Nummer B 23, balie 4"),
    ]


def test_another_language_follows_the_dutch() -> None:
    assert steps(Announcement("B023", 4, "en"), chime=False) == [
        Step(StepKind.SAY, "nl", "Nummer B 23, balie 4"),
        Step(StepKind.SAY, "en", "Number B 23, desk 4"),
    ]


@pytest.mark.parametrize(("language", "text"), [
    ("pl", "Numer B 7, stanowisko 12"),
    ("tr", "Numara B 7, gişe 12"),
    ("uk", "Номер B 7, віконце 12"),
    ("ar", "الرقم B 7، الشباك 12"),
])
def test_every_kiosk_language_has_a_spoken_call(language: str, text: str) -> None:
    assert spoken_call("B007", 12, language) == text


def test_a_recall_is_said_the_same_way() -> None:
    assert steps(Announcement("A100", 2, "nl", recall=True)) == steps(Announcement("A100", 2,
                                                                                   "nl"))
