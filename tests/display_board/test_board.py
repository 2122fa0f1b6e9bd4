"""The board against a real queue server on loopback: calls shown and announced, live."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from display_board.announcements import spoken_call
from display_board.model import LinkState
from display_board.window import BoardWindow
from eenloket_wire.messages import SnapshotOut
from tests.display_board.conftest import BoardFactory
from tests.display_board.helpers import (
    QUIET_AUDIO,
    WAIT_MS,
    SpeechLog,
    check_in,
    plain,
)
from tests.support import LOCATION, LiveServer

pytestmark = [pytest.mark.qt, QUIET_AUDIO]


def online(window: BoardWindow) -> bool:
    model = window.controller.model
    return model.link is LinkState.ONLINE and model.seq is not None


def showing(window: BoardWindow, ticket: str, desk: int) -> bool:
    hero = window.view.hero
    return (hero is not None and (hero.ticket, hero.desk) == (ticket, str(desk))
            and window.calls.hero.ticket.text() == ticket)


def said(ticket: str, desk: int, *languages: str) -> list[str]:
    return [plain(spoken_call(ticket, desk, language)) for language in languages]


def test_a_call_appears_and_is_announced(qtbot: QtBot, server: LiveServer,
        board: BoardFactory) -> None:
    window = board()
    qtbot.waitUntil(lambda: online(window), timeout=WAIT_MS)
    log = SpeechLog.listen(window.controller.announcer)
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        clerk.desk(LOCATION, 3, "open", {"skills": None})
        ticket = check_in(kiosk, language="en")
        clerk.desk(LOCATION, 3, "call-next")
    qtbot.waitUntil(lambda: showing(window, ticket, 3), timeout=WAIT_MS)
    assert window.view.hero is not None and window.view.hero.highlighted
    assert window.calls.hero.desk.text() == "3"
    qtbot.waitUntil(lambda: len(log.said) == 2, timeout=WAIT_MS)
    assert log.said == said(ticket, 3, "nl", "en")
    assert [kind for kind, what in log.events if what == "start"] == ["chime", "say", "say"]


def test_a_recall_is_announced_again(qtbot: QtBot, server: LiveServer,
        board: BoardFactory) -> None:
    window = board()
    qtbot.waitUntil(lambda: online(window), timeout=WAIT_MS)
    log = SpeechLog.listen(window.controller.announcer)
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        clerk.desk(LOCATION, 1, "open", {"skills": None})
        ticket = check_in(kiosk)
        clerk.desk(LOCATION, 1, "call-next")
        qtbot.waitUntil(lambda: len(log.said) == 1, timeout=WAIT_MS)
        clerk.desk(LOCATION, 1, "recall")
    qtbot.waitUntil(lambda: len(log.said) == 2, timeout=WAIT_MS)
    assert log.said == said(ticket, 1, "nl") * 2
    hero = window.view.hero
    assert hero is not None and hero.ticket == ticket and hero.recall is not None
    assert window.calls.hero.recall.nl.full_text() == "Nog een keer"


def test_two_quick_calls_are_announced_in_order_without_overlap(
        qtbot: QtBot, server: LiveServer, board: BoardFactory) -> None:
    window = board()
    qtbot.waitUntil(lambda: online(window), timeout=WAIT_MS)
    log = SpeechLog.listen(window.controller.announcer)
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        for desk in (1, 2):
            clerk.desk(LOCATION, desk, "open", {"skills": None})
        first, second = check_in(kiosk, "pl"), check_in(kiosk)
        clerk.desk(LOCATION, 1, "call-next")
        clerk.desk(LOCATION, 2, "call-next")
    qtbot.waitUntil(lambda: len(log.said) == 3, timeout=WAIT_MS)
    assert log.said == [*said(first, 1, "nl", "pl"), *said(second, 2, "nl")]
    assert not log.overlapping()
    assert [row.ticket for row in [window.view.hero, *window.view.rows] if row] == [second,
                                                                                    first]


def test_a_board_started_later_shows_the_calls_without_announcing_them(
        qtbot: QtBot, server: LiveServer, board: BoardFactory) -> None:
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        for desk in (1, 2):
            clerk.desk(LOCATION, desk, "open", {"skills": None})
        first, second = check_in(kiosk), check_in(kiosk)
        clerk.desk(LOCATION, 1, "call-next")
        clerk.desk(LOCATION, 2, "call-next")
    window = board()
    announcer = window.controller.announcer
    assert announcer is not None
    with qtbot.assertNotEmitted(announcer.step_started, wait=500):
        qtbot.waitUntil(lambda: online(window), timeout=WAIT_MS)
    assert [c.ticket for c in window.controller.model.calls] == [second, first]
    assert window.view.hero is not None and not window.view.hero.highlighted


def test_a_board_for_some_desks_shows_only_theirs(qtbot: QtBot, server: LiveServer,
        board: BoardFactory) -> None:
    window = board(desks=frozenset({2}), silent=True)
    qtbot.waitUntil(lambda: online(window), timeout=WAIT_MS)
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        for desk in (1, 2):
            clerk.desk(LOCATION, desk, "open", {"skills": None})
        check_in(kiosk)
        check_in(kiosk)
        clerk.desk(LOCATION, 1, "call-next")
        theirs = clerk.desk(LOCATION, 2, "call-next").visit
    assert theirs is not None
    qtbot.waitUntil(lambda: showing(window, theirs.ticket, 2), timeout=WAIT_MS)
    assert [c.desk for c in window.controller.model.calls] == [2]


def same_state(window: BoardWindow, truth: SnapshotOut) -> bool:
    """The board's calls and queues equal a fresh snapshot of the server's."""
    model = window.controller.model
    tickets: list[tuple[str, int]] = []
    for call in truth.recent_calls:
        if all(call.ticket != t for t, _ in tickets):
            tickets.append((call.ticket, call.desk))
    queues = [(c.letter, c.waiting, c.expected_wait_minutes) for c in truth.categories]
    return ([(c.ticket, c.desk) for c in model.calls] == tickets
            and [(c.letter, c.waiting, c.expected_wait_minutes) for c in model.categories]
            == queues)


def test_the_board_recovers_the_true_state_after_a_server_restart(
        qtbot: QtBot, server: LiveServer, board: BoardFactory) -> None:
    window = board(silent=True)
    qtbot.waitUntil(lambda: online(window), timeout=WAIT_MS)
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        clerk.desk(LOCATION, 1, "open", {"skills": None})
        clerk.desk(LOCATION, 2, "open", {"skills": None})
        first = check_in(kiosk)
        for _ in range(3):
            check_in(kiosk)
        clerk.desk(LOCATION, 1, "call-next")
    qtbot.waitUntil(lambda: showing(window, first, 1), timeout=WAIT_MS)

    server.stop()
    qtbot.waitUntil(lambda: window.controller.model.link is LinkState.OFFLINE, timeout=WAIT_MS)
    # The last state stays on screen, with a discreet marker.
    assert showing(window, first, 1)
    assert window.marker.isVisible() and window.marker.nl.full_text() == "Geen verbinding"

    server.start()
    # Calls made right after the restart may happen before the board is back: it must
    # catch up by itself either way.
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        second = clerk.desk(LOCATION, 2, "call-next").visit
        check_in(kiosk)
    with server.client("board-1") as device:
        truth = device.snapshot(LOCATION)
    assert second is not None
    qtbot.waitUntil(lambda: online(window) and same_state(window, truth), timeout=WAIT_MS)
    assert showing(window, second.ticket, 2)
    qtbot.waitUntil(lambda: not window.marker.isVisible(), timeout=WAIT_MS)

