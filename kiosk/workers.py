"""Blocking work (HTTP, printing) off the GUI thread; results come back as a Qt signal.

Each :class:`Worker` is one thread, so its jobs run in order: the server sees a kiosk's
requests in the order the visitor caused them, and the printer one ticket at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from kiosk.qt import QObject, Signal

log = logging.getLogger(__name__)
T = TypeVar("T")


class Worker(QObject):
    finished = Signal(object, object)
    """(callback, future): delivered in the GUI thread, where the callback runs."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"kiosk-{name}")
        self.finished.connect(self._deliver)
        self._busy = 0

    @property
    def busy(self) -> bool:
        """True while a job is queued or running (tests wait for quiet)."""
        return self._busy > 0

    def submit(self, job: Callable[[], T], done: Callable[[Future[T]], None]) -> None:
        """Run ``job`` on this worker's thread; then ``done(future)`` on the GUI thread."""
        self._busy += 1
        future = self._pool.submit(job)
        # Emitted from the worker thread: Qt queues it to this object's (the GUI) thread.
        future.add_done_callback(lambda f: self.finished.emit(done, f))

    def _deliver(self, done: Callable[[Future[Any]], None], future: Future[Any]) -> None:
        self._busy -= 1
        try:
            done(future)
        except Exception:
            # A bug in a callback must not take the kiosk down in front of a visitor.
            log.exception("handling a background result failed")

    def shutdown(self) -> None:
        """Drop queued jobs and wait for the running one (a request times out in seconds)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
