"""The ticket's lines: what is said, in which language, and what is left out."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise

import pytest

from eenloket_i18n import LANGUAGES
from printers.document import (
    Align,
    Line,
    Rule,
    Size,
    ticket_document,
    wait_minutes_shown,
    wrap_by_sentence,
)
from printers.ticket import TicketContent


def texts(content: TicketContent) -> list[str]:
    return list(ticket_document(content).texts())


def test_dutch_ticket_reads_top_to_bottom(make_ticket: Callable[..., TicketContent]) -> None:
    assert texts(make_ticket()) == [
        "Gemeente Groningen",
        "Kreupelstraat",
        "Uw nummer",
        "B023",
        "U komt voor:",
        "Paspoort aanvragen",
        "Verhuizing doorgeven",
        "Uw afspraak: 10:32",
        "Uw plek in de rij: 3",
        "Wachttijd: ongeveer 10 minuten",
        "Kijk op het scherm. U wordt geroepen.",
        "Scan de code. Dan ziet u op uw telefoon wanneer u aan de beurt bent.",
        "14-05-2026 om 10:12",
    ]


def test_number_is_the_largest_line(make_ticket: Callable[..., TicketContent]) -> None:
    document = ticket_document(make_ticket())
    numbers = [b for b in document.top if isinstance(b, Line) and b.size is Size.NUMBER]
    assert [n.text for n in numbers] == ["B023"]
    assert document.qr_url == "https://eenloket.example/status/kreupelstraat/B023"


def test_services_are_a_list_aligned_to_the_reading_start(
        make_ticket: Callable[..., TicketContent]) -> None:
    document = ticket_document(make_ticket("ar"))
    bullets = [b for b in document.top if isinstance(b, Line) and b.bullet]
    assert [b.text for b in bullets] == ["طلب جواز سفر", "الإبلاغ عن تغيير العنوان"]
    assert {b.align for b in bullets} == {Align.START}
    assert document.rtl


def test_optional_lines_are_left_out(make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket(services=(), appointment_at=None, position=None,
                          expected_wait_minutes=None)
    shown = texts(content)
    assert not any(t.startswith(("U komt", "Uw afspraak", "Uw plek", "Wachttijd"))
                   for t in shown)
    assert "Kijk op het scherm. U wordt geroepen." in shown
    # No two rules in a row where the optional part was.
    top = ticket_document(content).top
    assert not any(isinstance(a, Rule) and isinstance(b, Rule) for a, b in pairwise(top))


@pytest.mark.parametrize(
    ("expected", "shown"),
    [(0.0, None), (2.4, None), (2.5, 5), (7.4, 5), (7.5, 10), (12.0, 10), (44.0, 45)],
)
def test_wait_is_shown_in_steps_of_five_minutes(expected: float, shown: int | None) -> None:
    assert wait_minutes_shown(expected) == shown


def test_short_wait_says_almost_your_turn(make_ticket: Callable[..., TicketContent]) -> None:
    assert "It is almost your turn." in texts(make_ticket("en", expected_wait_minutes=1.0))


def test_times_are_shown_on_amsterdam_winter_time(
        make_ticket: Callable[..., TicketContent]) -> None:
    winter = datetime(2026, 1, 5, 23, 30, tzinfo=UTC)  # 00:30 on 6 January in Groningen
    shown = texts(make_ticket("en", issued_at=winter, appointment_at=winter))
    assert "Your appointment: 00:30" in shown
    assert shown[-1] == "06/01/2026 at 00:30"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_fills_all_placeholders(
        make_ticket: Callable[..., TicketContent], language: str) -> None:
    shown = texts(make_ticket(language, position=7))
    assert not any("{" in t or "}" in t for t in shown)
    assert sum("7" in t for t in shown) == 1  # the place in the queue, and nothing else


def test_text_that_does_not_fit_breaks_between_sentences() -> None:
    text = "Kijk op het scherm. U wordt geroepen."
    rows = wrap_by_sentence(text, lambda t: len(t) <= 32, lambda t: textwrap.wrap(t, 32))
    assert rows == ["Kijk op het scherm.", "U wordt geroepen."]
    assert wrap_by_sentence(text, lambda t: len(t) <= 42, lambda t: [t]) == [text]


def test_arabic_question_marks_end_sentences_too() -> None:
    rows = wrap_by_sentence("هل لديك موعد؟ انظر إلى الشاشة.", lambda t: False, lambda t: [t])
    assert rows == ["هل لديك موعد؟", "انظر إلى الشاشة."]
