"""Screenshots of the board in both orientations: quiet and busy, online and offline.

They land in ``tests/screenshots/display_board/`` (not in git) to be looked at; the test
itself checks what a person would otherwise have to spot: clipped or cut-off text, widgets
outside the screen, numbers too small for the far end of the hall.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from display_board.model import LinkState
from display_board.qt import QLabel, QPoint, QRect
from display_board.widgets import FitLabel
from display_board.window import BoardWindow
from eenloket_wire.messages import WalkInIn
from tests.display_board.conftest import BoardFactory
from tests.display_board.helpers import QUIET_AUDIO, SCREENSHOTS, WAIT_MS
from tests.support import LOCATION, LiveServer, free_port

pytestmark = [pytest.mark.qt, QUIET_AUDIO]

ORIENTATIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
SERVICES = ["paspoort-of-id-kaart-ophalen", "afvalpas-of-container", "bezoekersparkeren",
            "stadjerspas-en-minimaregelingen", "rijbewijs-ophalen", "gevonden-voorwerpen"]


def problems(window: BoardWindow) -> list[str]:
    """Visible labels whose text is cut off, and widgets that stick out of the window."""
    found = []
    screen = window.rect()
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        box = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
        if not screen.contains(box):
            found.append(f"{label.text()!r} sticks out: {box}")
        if isinstance(label, FitLabel) and label.fits:
            if label.text() != label.full_text():
                found.append(f"{label.full_text()!r} is shortened to {label.text()!r}")
        else:
            hint = label.sizeHint()
            if hint.width() > label.width() or hint.height() > label.height() + 2:
                found.append(f"{label.text()!r} needs {hint.width()}x{hint.height()}, "
                             f"has {label.width()}x{label.height()}")
    return found


def shoot(qtbot: QtBot, window: BoardWindow, state: str) -> None:
    for orientation, size in ORIENTATIONS.items():
        window.resize(*size)
        qtbot.waitUntil(lambda: not window.calls.hero.flashing, timeout=WAIT_MS)
        # Layouts settle over a few turns of the event loop after a resize.
        try:
            qtbot.waitUntil(lambda: problems(window) == [], timeout=2000)
        except qtbot.TimeoutError:
            pytest.fail(f"{orientation}, {state}: {problems(window)}")
        hero = window.calls.hero.ticket.font().pixelSize()
        assert hero >= 0.15 * min(size)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SCREENSHOTS / f"{orientation}-{state}.png"))


def busy_hall(server: LiveServer) -> None:
    with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
        for desk in (1, 2, 3, 4):
            clerk.desk(LOCATION, desk, "open", {"skills": None})
        for n in range(16):
            kiosk.walk_in(LOCATION, WalkInIn(services=[SERVICES[n % len(SERVICES)]],
                                             language="en" if n % 3 else "nl"), f"walk-in-{n}")
        for n in range(7):
            desk = n % 4 + 1
            if n >= 4:
                clerk.desk(LOCATION, desk, "start")
                clerk.desk(LOCATION, desk, "finish", {"outcome": "resolved"})
            clerk.desk(LOCATION, desk, "call-next")
        clerk.desk(LOCATION, 2, "recall")


def test_screenshots_of_a_connected_board(qtbot: QtBot, server: LiveServer,
                                          board: BoardFactory) -> None:
    window = board(silent=True)
    qtbot.waitUntil(lambda: window.controller.model.seq is not None, timeout=WAIT_MS)
    assert window.view.empty is not None and window.view.marker is None
    shoot(qtbot, window, "quiet-online")

    busy_hall(server)
    qtbot.waitUntil(lambda: len(window.controller.model.calls) == 7
                    and window.controller.model.calls[0].recall, timeout=WAIT_MS)
    shoot(qtbot, window, "busy-online")

    server.stop()
    qtbot.waitUntil(lambda: window.controller.model.link is LinkState.OFFLINE, timeout=WAIT_MS)
    assert window.view.hero is not None
    shoot(qtbot, window, "busy-offline")


def test_screenshots_of_a_board_that_cannot_reach_its_server(qtbot: QtBot,
                                                             boards: BoardFactory) -> None:
    window = boards(f"http://127.0.0.1:{free_port()}", "dev_x", silent=True)
    qtbot.waitUntil(lambda: window.controller.model.link is LinkState.OFFLINE, timeout=WAIT_MS)
    assert window.view.title == LOCATION
    shoot(qtbot, window, "quiet-offline")
