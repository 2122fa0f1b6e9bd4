"""The board model: what is shown and what is announced, from stream messages alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from display_board.model import (
    ANNOUNCE_WITHIN,
    HIGHLIGHT,
    Announcement,
    BoardModel,
    LinkState,
)
from eenloket_wire.messages import (
    CallOut,
    CategoryOut,
    EventOut,
    SnapshotOut,
    StreamMessage,
)

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def category(letter: str, waiting: int) -> CategoryOut:
    return CategoryOut(letter=letter, name_nl=letter, name_en=letter, waiting=waiting,
                       longest_wait_seconds=0.0, expected_wait_minutes=5.0 if waiting else None)


def snapshot(seq: int = 10, calls: list[CallOut] | None = None,
             at: datetime = NOW) -> StreamMessage:
    return StreamMessage(kind="snapshot", snapshot=SnapshotOut(
        location="kreupelstraat", location_name="Kreupelstraat", seq=seq, at=at,
        categories=[category("B", 2)], desks=[], recent_calls=calls or []))


def called(seq: int, ticket: str, desk: int, *, language: str = "nl", recall: bool = False,
           at: datetime = NOW, waiting: int = 1) -> StreamMessage:
    return StreamMessage(kind="event", event=EventOut(
        seq=seq, type="visit.recalled" if recall else "visit.called", at=at, desk=desk,
        ticket=ticket, data={"language": language, "recall": recall},
        categories=[category("B", waiting)]))


def test_a_snapshot_shows_its_calls_newest_first_without_announcing() -> None:
    model = BoardModel()
    calls = [CallOut(ticket="B002", desk=2, at=NOW, language="en"),
             CallOut(ticket="B001", desk=1, at=NOW - timedelta(minutes=1), language="nl")]
    assert model.apply(snapshot(calls=calls), NOW) == []
    assert [(c.ticket, c.desk) for c in model.calls] == [("B002", 2), ("B001", 1)]
    assert model.location_name == "Kreupelstraat"
    assert model.seq == 10
    assert model.highlighted(NOW) is None


def test_a_snapshot_lists_a_recalled_ticket_once() -> None:
    calls = [CallOut(ticket="B001", desk=1, at=NOW, language="nl", recall=True),
             CallOut(ticket="B002", desk=2, at=NOW, language="nl"),
             CallOut(ticket="B001", desk=1, at=NOW - timedelta(minutes=2), language="nl")]
    model = BoardModel()
    model.apply(snapshot(calls=calls), NOW)
    assert [c.ticket for c in model.calls] == ["B001", "B002"]
    assert model.calls[0].recall


def test_a_call_is_shown_highlighted_and_announced() -> None:
    model = BoardModel()
    model.apply(snapshot(), NOW)
    said = model.apply(called(11, "B023", 4, language="pl", waiting=0), NOW)
    assert said == [Announcement("B023", 4, "pl")]
    assert model.calls[0].ticket == "B023"
    assert model.highlighted(NOW) == "B023"
    assert model.highlighted(NOW + HIGHLIGHT) is None
    assert model.categories[0].waiting == 0
    assert model.seq == 11


def test_a_recall_moves_the_ticket_to_the_top_and_is_announced_again() -> None:
    model = BoardModel()
    model.apply(snapshot(), NOW)
    model.apply(called(11, "B001", 1), NOW)
    model.apply(called(12, "B002", 2), NOW)
    said = model.apply(called(13, "B001", 1, recall=True), NOW)
    assert said == [Announcement("B001", 1, "nl", recall=True)]
    assert [c.ticket for c in model.calls] == ["B001", "B002"]
    assert model.highlighted(NOW) == "B001"


def test_other_events_update_the_queues_only() -> None:
    model = BoardModel()
    model.apply(snapshot(), NOW)
    event = EventOut(seq=11, type="visit.checked_in", at=NOW, ticket="B003",
                     categories=[category("B", 3)])
    assert model.apply(StreamMessage(kind="event", event=event), NOW) == []
    assert model.calls == []
    assert model.categories[0].waiting == 3


def test_a_board_for_some_desks_ignores_the_others() -> None:
    model = BoardModel(desks=frozenset({3, 4}))
    calls = [CallOut(ticket="B002", desk=2, at=NOW, language="nl"),
             CallOut(ticket="B003", desk=3, at=NOW, language="nl")]
    model.apply(snapshot(calls=calls), NOW)
    assert [c.ticket for c in model.calls] == ["B003"]
    assert model.apply(called(11, "B004", 1), NOW) == []
    assert model.apply(called(12, "B005", 4), NOW) == [Announcement("B005", 4, "nl")]
    assert [c.ticket for c in model.calls] == ["B005", "B003"]


def test_old_calls_replayed_after_an_outage_are_shown_but_not_announced() -> None:
    model = BoardModel()
    # The server's clock runs an hour ahead of the board's: ages are judged on its clock.
    model.apply(snapshot(at=NOW + timedelta(hours=1)), NOW)
    stale = NOW + timedelta(hours=1) - ANNOUNCE_WITHIN - timedelta(seconds=1)
    assert model.apply(called(11, "B001", 1, at=stale), NOW) == []
    assert model.calls[0].ticket == "B001"
    assert model.highlighted(NOW) is None
    fresh = NOW + timedelta(hours=1) - timedelta(seconds=5)
    assert model.apply(called(12, "B002", 1, at=fresh), NOW) == [Announcement("B002", 1, "nl")]


def test_a_new_snapshot_replaces_everything() -> None:
    model = BoardModel()
    model.apply(snapshot(), NOW)
    model.apply(called(11, "B001", 1), NOW)
    model.apply(snapshot(seq=3), NOW)
    assert model.calls == []
    assert model.seq == 3
    assert model.highlighted(NOW) is None


def test_at_most_ten_tickets_are_kept() -> None:
    model = BoardModel()
    model.apply(snapshot(), NOW)
    for n in range(1, 13):
        model.apply(called(10 + n, f"B{n:03d}", 1), NOW)
    assert len(model.calls) == 10
    assert model.calls[0].ticket == "B012"


def test_the_connection_state_is_kept() -> None:
    model = BoardModel()
    seen = [model.link]
    model.set_link(LinkState.OFFLINE)
    seen.append(model.link)
    assert seen == [LinkState.CONNECTING, LinkState.OFFLINE]
