"""Composed texts: appointment answers, ticket lines, opening hours, spelled numbers."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from eenloket_i18n import LANGUAGES
from kiosk.config import OpeningHours
from kiosk.model import Answer, AnswerInfo
from kiosk.texts import answer_message, hours_lines, spelled, ticket_lines
from tests.kiosk.samples import sample_ticket

TZ = "Europe/Amsterdam"


def test_early_answer_names_the_local_time() -> None:
    info = AnswerInfo(Answer.EARLY, "ABCD", datetime(2025, 3, 4, 12, 30, tzinfo=UTC))
    message = answer_message(info, "nl", TZ, "site")
    assert message.title == "U bent te vroeg"
    assert "13:30" in message.body


def test_other_day_names_date_and_time() -> None:
    info = AnswerInfo(Answer.OTHER_DAY, "ABCD", datetime(2025, 3, 5, 9, 0, tzinfo=UTC))
    assert "05-03-2025 om 10:00" in answer_message(info, "nl", TZ, "site").body
    assert "05/03/2025 at 10:00" in answer_message(info, "en", TZ, "site").body


@pytest.mark.parametrize("kind", list(Answer))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_answer_in_every_language(kind: Answer, language: str) -> None:
    message = answer_message(AnswerInfo(kind, "ABCD"), language, TZ, "example.nl")
    assert message.title and message.body and "{" not in message.body


def test_already_checked_in_gives_the_ticket() -> None:
    info = AnswerInfo(Answer.ALREADY, "ABCD", ticket="B007")
    assert "B007" in answer_message(info, "en", TZ, "").body


def test_ticket_lines() -> None:
    lines = ticket_lines(sample_ticket(position=3, wait=12.0), "en", TZ)
    assert lines[0] == "People ahead of you: 2"
    assert lines[1] == "Expected wait: about 10 minutes"
    first = ticket_lines(sample_ticket(position=1, wait=1.0), "en", TZ)
    assert first[:2] == ["You are next.", "It is almost your turn."]
    late = ticket_lines(sample_ticket(note="late_walk_in", wait=None), "nl", TZ)
    assert late[0].startswith("U was te laat")
    booked = ticket_lines(sample_ticket(appointment_at=datetime(2025, 3, 4, 13, 0,
                                                                tzinfo=UTC)), "nl", TZ)
    assert booked[0] == "Uw afspraak is om 14:00 uur."


def test_spelled_ticket_number() -> None:
    assert spelled("B023") == "B, 0, 2, 3"


def test_opening_hours_for_every_day() -> None:
    rows = hours_lines(OpeningHours({0: (time(8, 30), time(17, 0))}), "nl")
    assert rows[0] == ("maandag", "08:30 tot 17:00 uur")
    assert rows[6] == ("zondag", "dicht")
