"""Fixtures for the board's Qt tests: boards that are closed (and so disconnected) at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from display_board.window import BoardWindow
from tests.display_board.helpers import open_board
from tests.support import LiveServer

BoardFactory = Callable[..., BoardWindow]


@pytest.fixture
def boards(qtbot: QtBot) -> Iterator[BoardFactory]:
    """Opens boards with ``open_board``; holds them, and closes them before the server stops.

    A board must be closed to stop its stream thread; a window that is merely garbage
    collected would leave the thread running until it next hears from the server.
    """
    opened: list[BoardWindow] = []

    def make(server_url: str, token: str, **options: object) -> BoardWindow:
        window = open_board(qtbot, server_url, token, **options)  # type: ignore[arg-type]
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.close()


@pytest.fixture
def board(server: LiveServer, boards: BoardFactory) -> BoardFactory:
    """Opens the demo hall's board-1 on the live server."""

    def make(**options: object) -> BoardWindow:
        return boards(server.url, server.provisioned.tokens["board-1"], **options)

    return make
