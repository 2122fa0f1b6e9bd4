"""Driving a kiosk window like a visitor, and reading what the server recorded."""

from __future__ import annotations

import json
from datetime import datetime

from pytestqt.qtbot import QtBot
from websockets.sync.client import connect

from eenloket_wire.messages import EventOut, StreamMessage
from kiosk.model import Screen
from kiosk.qt import QAbstractButton, Qt
from kiosk.window import KioskWindow
from tests.support import LOCATION, LiveServer


def buttons(window: KioskWindow) -> dict[str, QAbstractButton]:
    return {b.accessibleName(): b for b in window.findChildren(QAbstractButton)
            if b.isVisibleTo(window)}


def tap(qtbot: QtBot, window: KioskWindow, name: str) -> None:
    """Tap the visible control whose accessible name is or starts with ``name``."""
    found = buttons(window)
    match = found.get(name) or next((b for n, b in found.items() if n.startswith(name)), None)
    assert match is not None, f"no button {name!r} among {sorted(found)}"
    assert match.isEnabled(), f"button {name!r} is disabled"
    # pytest-qt's key and mouse helpers carry no annotations.
    qtbot.mouseClick(match, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def screen(window: KioskWindow) -> Screen:
    """The screen shown now (a call, so mypy does not narrow it between steps)."""
    return window.model.screen


def wait_for(qtbot: QtBot, window: KioskWindow, screen: Screen, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: window.model.screen is screen, timeout=timeout)


def wait_quiet(qtbot: QtBot, window: KioskWindow, timeout: int = 10_000) -> None:
    """Until no request or print is under way."""
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=timeout)


def scan(qtbot: QtBot, window: KioskWindow, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(window, code)  # type: ignore[no-untyped-call]
    qtbot.keyClick(window, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]


def events(server: LiveServer) -> list[EventOut]:
    """Every event of the location so far, as the board's stream replays them."""
    token = server.provisioned.tokens["board-1"]
    url = f"{server.ws_url}/api/v1/locations/{LOCATION}/events?since=0&token={token}"
    found: list[EventOut] = []
    with connect(url, open_timeout=5) as stream:
        while True:
            try:
                raw = stream.recv(timeout=0.5)
            except TimeoutError:
                return found
            message = StreamMessage.model_validate(json.loads(raw))
            if message.event is not None:
                found.append(message.event)


def book(server: LiveServer, code: str, starts_at: datetime,
         service: str = "verhuizing-doorgeven", language: str = "nl") -> None:
    with server.client("booking") as booking:
        booking.request("POST", "/api/v1/appointments", json={
            "booking_code": code, "location": LOCATION, "service": service,
            "starts_at": starts_at.isoformat(), "name": "Test Bezoeker", "language": language,
        })
