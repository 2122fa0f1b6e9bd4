"""The texts on the board: bilingual labels, calls per row, queues, markers, information."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from display_board.config import InfoLine
from display_board.layout import board_layout
from display_board.model import HIGHLIGHT, BoardModel, LinkState
from display_board.view import INFO_SECONDS, Bilingual, board_view, wait_text
from eenloket_wire.messages import CategoryOut
from tests.display_board.test_model import NOW, called, category, snapshot

LANDSCAPE = board_layout(1920, 1080, categories=6)


def busy_model(calls: int) -> BoardModel:
    model = BoardModel()
    model.apply(snapshot(), NOW)
    for n in range(1, calls + 1):
        model.apply(called(10 + n, f"B{n:03d}", n % 4 + 1, recall=n == calls - 1), NOW)
    return model


def test_a_quiet_board_says_nobody_was_called_yet() -> None:
    model = BoardModel()
    model.set_link(LinkState.ONLINE)
    model.apply(snapshot(), NOW)
    view = board_view(model, LANDSCAPE, (), NOW)
    assert view.hero is None and view.rows == [] and view.earlier == []
    assert view.empty == Bilingual("Nog niemand geroepen", "Nobody called yet")
    assert view.marker is None
    assert view.title == "Kreupelstraat"


def test_labels_are_in_dutch_and_english() -> None:
    view = board_view(BoardModel(), LANDSCAPE, (), NOW)
    assert view.marker == Bilingual("Verbinden…", "Connecting…")
    assert view.ticket_label == Bilingual("Nummer", "Number")
    assert view.desk_label == Bilingual("Balie", "Desk")
    assert view.heading == Bilingual("Aan de beurt", "Now serving")


def test_calls_fill_the_newest_row_then_the_rows_then_earlier_calls() -> None:
    model = busy_model(8)
    view = board_view(model, LANDSCAPE, (), NOW)
    assert view.hero is not None
    assert (view.hero.ticket, view.hero.desk, view.hero.highlighted) == ("B008", "1", True)
    assert (LANDSCAPE.call_rows, LANDSCAPE.recent_slots) == (2, 3)
    assert [r.ticket for r in view.rows] == ["B007", "B006"]
    assert view.earlier == ["B005 → 2", "B004 → 1", "B003 → 4"]
    assert view.rows[0].recall == Bilingual("Nog een keer", "Again")
    assert all(not row.highlighted for row in view.rows)


def test_the_highlight_ends() -> None:
    view = board_view(busy_model(2), LANDSCAPE, (), NOW + HIGHLIGHT)
    assert view.hero is not None and not view.hero.highlighted


def test_numbers_only_never_names() -> None:
    view = board_view(busy_model(6), LANDSCAPE, (), NOW)
    shown = [view.hero.ticket if view.hero else "", *(r.ticket for r in view.rows),
             *view.earlier]
    assert all(text[0].isupper() and text[1:4].isdigit() for text in shown)


def test_queues_show_waiting_and_expected_wait() -> None:
    model = BoardModel()
    model.apply(snapshot(), NOW)
    model.categories = [
        CategoryOut(letter="B", name_nl="Burgerzaken", name_en="Civil affairs", waiting=4,
                    longest_wait_seconds=300.0, expected_wait_minutes=11.2),
        category("F", 0),
    ]
    view = board_view(model, LANDSCAPE, (), NOW)
    assert [(q.letter, q.waiting, q.wait) for q in view.queues] == [("B", "4", "± 12 min"),
                                                                     ("F", "0", "–")]
    assert view.queues[0].name == Bilingual("Burgerzaken", "Civil affairs")
    assert view.waiting_label == Bilingual("Wachtend", "Waiting")


def test_the_wait_is_never_shown_as_zero_minutes() -> None:
    soon = CategoryOut(letter="B", name_nl="B", name_en="B", waiting=1,
                       longest_wait_seconds=0.0, expected_wait_minutes=0.2)
    unknown = soon.model_copy(update={"expected_wait_minutes": None})
    assert wait_text(soon) == "± 1 min"
    assert wait_text(unknown) == "–"


def test_a_lost_connection_shows_a_marker_and_keeps_the_calls() -> None:
    model = busy_model(3)
    model.set_link(LinkState.OFFLINE)
    view = board_view(model, LANDSCAPE, (), NOW)
    assert view.marker == Bilingual("Geen verbinding", "No connection")
    assert view.hero is not None and view.hero.ticket == "B003"
    model.set_link(LinkState.REJECTED)
    assert board_view(model, LANDSCAPE, (), NOW).marker == Bilingual("Geen toegang",
                                                                     "Access refused")


def test_information_lines_take_turns() -> None:
    lines = (InfoLine("Open tot 17.00 uur.", "Open until 17:00."), InfoLine("Let op.", ""))
    first = board_view(BoardModel(), LANDSCAPE, lines, NOW).info
    later = board_view(BoardModel(), LANDSCAPE, lines,
                       NOW + timedelta(seconds=INFO_SECONDS)).info
    assert {first, later} == {Bilingual("Open tot 17.00 uur.", "Open until 17:00."),
                              Bilingual("Let op.", "")}
    default = board_view(BoardModel(), LANDSCAPE, (), NOW).info
    assert default.nl.startswith("Uw nummer staat op uw bonnetje")


def test_the_clock_shows_local_hours_and_minutes() -> None:
    local = datetime(2026, 11, 30, 9, 5, tzinfo=UTC).astimezone()
    assert board_view(BoardModel(), LANDSCAPE, (), local).clock == local.strftime("%H:%M")
