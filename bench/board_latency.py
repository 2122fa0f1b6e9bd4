"""Delay from a desk's call (its HTTP response) to the display board showing the ticket.

Runs the real queue server on loopback (as the tests do) and a real board window, offscreen at
1920x1080, in this process. A worker thread plays kiosk and clerk: each round it checks a
visitor in, posts ``call-next`` and notes the moment the response has been read; then it
waits until the board has painted that ticket as its newest call, and closes the visit
(no-show) so the desk is free again. The board notes two moments per ticket: when the stream
message reached the model (GUI thread) and when the label showing the ticket was painted.

The delay can be negative: the server publishes the event at commit, before it writes the
HTTP response, so a board may show a call before the desk has read its answer.

    .venv/bin/python -m bench.board_latency                 # SQLite, 200 calls
    .venv/bin/python -m bench.board_latency --calls 50 --database-url postgresql+psycopg_async://...
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

from display_board.config import BoardConfig
from display_board.model import LinkState
from display_board.qt import QApplication, QEvent, QObject, QTimer
from display_board.window import BoardWindow
from eenloket_wire.messages import WalkInIn
from tests.support import LOCATION, LiveServer, provision

DESK = 1
SERVICE = "paspoort-of-id-kaart-ophalen"
ROUND_TIMEOUT = 10.0


class PaintWatch(QObject):
    """Notes, per ticket, when the board's model first had it and when it was first painted."""

    def __init__(self, window: BoardWindow) -> None:
        super().__init__()
        self.window = window
        self.modelled: dict[str, float] = {}
        self.painted: dict[str, float] = {}
        self.seen = threading.Condition()
        window.calls.hero.ticket.installEventFilter(self)
        window.controller.changed.connect(self._changed)

    def _changed(self) -> None:
        calls = self.window.controller.model.calls
        if calls and calls[0].ticket not in self.modelled:
            self.modelled[calls[0].ticket] = time.perf_counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            ticket = self.window.calls.hero.ticket.text()
            if ticket and ticket not in self.painted:
                with self.seen:
                    self.painted[ticket] = time.perf_counter()
                    self.seen.notify_all()
        return False

    def wait_painted(self, ticket: str) -> bool:
        with self.seen:
            return self.seen.wait_for(lambda: ticket in self.painted, ROUND_TIMEOUT)


def play(server: LiveServer, watch: PaintWatch, calls: int,
         responded: dict[str, float], done: threading.Event) -> None:
    """The desk's side, off the GUI thread."""
    try:
        with server.clerk() as clerk, server.client("kiosk-1") as kiosk:
            clerk.desk(LOCATION, DESK, "open", {"skills": None})
            for _ in range(calls):
                kiosk.walk_in(LOCATION, WalkInIn(services=[SERVICE]), str(uuid.uuid4()))
                status = clerk.desk(LOCATION, DESK, "call-next")
                now = time.perf_counter()
                assert status.visit is not None
                responded[status.visit.ticket] = now
                if not watch.wait_painted(status.visit.ticket):
                    raise TimeoutError(f"the board never showed {status.visit.ticket}")
                clerk.desk(LOCATION, DESK, "no-show")
    finally:
        done.set()


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p99 = statistics.quantiles(ordered, n=100)[98]
    return (f"{name}: median {statistics.median(ordered):.1f} ms, p99 {p99:.1f} ms, "
            f"min {ordered[0]:.1f} ms, max {ordered[-1]:.1f} ms (n={len(ordered)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--database-url", default=None,
                        help="default: a fresh SQLite file in a temporary directory")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        provisioned = provision(url)
        app = QApplication.instance() or QApplication([])
        with LiveServer(provisioned) as server:
            config = BoardConfig(server=server.url, location=LOCATION, silent=True,
                                 token=provisioned.tokens["board-1"])
            window = BoardWindow(config)
            window.resize(1920, 1080)
            window.show()
            watch = PaintWatch(window)
            responded: dict[str, float] = {}
            done = threading.Event()
            worker = threading.Thread(target=play, daemon=True,
                                      args=(server, watch, args.calls, responded, done))

            def tick() -> None:
                if done.is_set():
                    app.quit()
                elif (window.controller.model.link is LinkState.ONLINE
                      and window.controller.model.seq is not None
                      and not worker.is_alive()):
                    worker.start()

            poll = QTimer()
            poll.timeout.connect(tick)
            poll.start(20)
            app.exec()
            poll.stop()
            worker.join()
            window.close()
            # Delete the window while the application still exists; left to the end of the
            # interpreter, the two may go in the wrong order and crash on the way out.
            window.calls.hero.ticket.removeEventFilter(watch)
            window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    tickets = [t for t in responded if t in watch.painted]
    if len(tickets) < args.calls:
        print(f"only {len(tickets)} of {args.calls} calls reached the board")
        return 1
    print(f"{args.calls} calls, {'SQLite' if not args.database_url else args.database_url}")
    print(summary("HTTP response → board model",
                  [(watch.modelled[t] - responded[t]) * 1000 for t in tickets]))
    print(summary("HTTP response → board painted",
                  [(watch.painted[t] - responded[t]) * 1000 for t in tickets]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
