"""What the kiosk benchmarks share: a live queue server with an open desk, the fake network
printer, and a kiosk window driven like a visitor, with Qt's event loop run until a
condition holds (no sleeping)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.config import KioskConfig
from kiosk.qt import QApplication, QEventLoop, QTimer
from kiosk.window import KioskWindow
from tests.printers.fake_printer import FakeNetworkPrinter
from tests.support import LOCATION, LiveServer, provision


@dataclass
class Hall:
    server: LiveServer
    printer: FakeNetworkPrinter

    def config(self, **changes: object) -> KioskConfig:
        settings: dict[str, object] = {
            "server_url": self.server.url, "token": self.server.provisioned.tokens["kiosk-1"],
            "location": LOCATION, "printer_url": self.printer.url, "speech_engine": "mock",
            "fullscreen": False,
        }
        settings.update(changes)
        return KioskConfig(**settings)  # type: ignore[arg-type]


@contextmanager
def hall(database_url: str | None = None) -> Iterator[Hall]:
    """A provisioned hall (SQLite in a temporary folder unless a URL is given), one desk
    open, and a fake printer on loopback."""
    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        provisioned = provision(url)
        with LiveServer(provisioned) as server, FakeNetworkPrinter() as printer:
            with server.clerk() as clerk:
                clerk.desk(LOCATION, 1, "open", {"skills": None})
            yield Hall(server, printer)


def application() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def run_until(window: KioskWindow, done: Callable[[], bool], timeout_ms: int = 15_000) -> None:
    """Run Qt's event loop until ``done()`` (checked after each change of the kiosk)."""
    if done():
        return
    loop = QEventLoop()

    def check() -> None:
        if done():
            loop.quit()

    window.controller.changed.connect(check)
    # Owned by the window and deleted here, in the GUI thread: a Qt timer that Python's
    # garbage collector happened to free on a worker thread would break Qt's timer rules.
    guard = QTimer(window)
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(timeout_ms)
    loop.exec()
    guard.stop()
    guard.deleteLater()
    window.controller.changed.disconnect(check)
    if not done():
        raise TimeoutError("the kiosk did not get there in time")


def rss_kib() -> int:
    """This process's resident memory in KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")
