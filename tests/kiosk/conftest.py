"""Kiosk fixtures: a window against the real queue server and the fake network printer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.window import KioskWindow
from tests.printers.fake_printer import FakeNetworkPrinter
from tests.support import LOCATION, LiveServer


@pytest.fixture
def fake_printer() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as fake:
        yield fake


def kiosk_config(server: LiveServer, printer_url: str = "", **changes: Any) -> KioskConfig:
    settings: dict[str, Any] = {
        "server_url": server.url, "token": server.provisioned.tokens["kiosk-1"],
        "location": LOCATION, "printer_url": printer_url, "speech_engine": "mock",
        "fullscreen": False, "request_timeout": 2.0,
    }
    settings.update(changes)
    return KioskConfig(**settings)


def open_desk(server: LiveServer, desk: int = 1) -> None:
    with server.clerk() as clerk:
        clerk.desk(LOCATION, desk, "open", {"skills": None})


MakeKiosk = Callable[..., KioskWindow]


@pytest.fixture
def make_kiosk(qtbot: QtBot) -> MakeKiosk:
    """A shown kiosk window for ``config``, its first catalogue already loaded."""

    def make(config: KioskConfig, wait_for_catalogue: bool = True) -> KioskWindow:
        window = KioskWindow(config)
        qtbot.addWidget(window)
        window.show()
        if wait_for_catalogue:
            qtbot.waitUntil(lambda: window.model.catalogue is not None and not
                            window.controller.busy, timeout=10_000)
        return window

    return make
