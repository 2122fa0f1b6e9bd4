"""The event stream on a thread of its own, its news delivered to the GUI thread as signals."""

from __future__ import annotations

import asyncio
import contextlib
import threading

from display_board.config import BoardConfig
from display_board.model import LinkState
from display_board.qt import QObject, Signal
from display_board.stream import Backoff, EventStream
from eenloket_wire.messages import StreamMessage


class _Orphaned(Exception):
    """The bridge's Qt object is gone: nobody listens any more."""


class StreamBridge(QObject):
    """Starts and stops an :class:`EventStream` on a background asyncio loop.

    Signals emitted from that thread reach slots in the GUI thread through Qt's queued
    connections, so the model and widgets are only ever touched on the GUI thread.
    """

    message = Signal(object)
    """A :class:`StreamMessage`, in sequence order."""
    link = Signal(object)
    """A :class:`LinkState`."""

    def __init__(self, config: BoardConfig, backoff: Backoff | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stream = EventStream(config, self._on_message, self._on_link, backoff)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="board-stream", daemon=True)
        self._thread.start()
        self._started.wait()

    def stop(self) -> None:
        """Close the connection and end the thread; safe to call twice."""
        thread, loop, task = self._thread, self._loop, self._task
        if thread is None or loop is None or task is None:
            return
        loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=10)
        self._thread = None

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._task = loop.create_task(self._stream.run())
        self._started.set()
        with contextlib.suppress(asyncio.CancelledError, _Orphaned):
            loop.run_until_complete(self._task)
        loop.close()

    def _on_message(self, message: StreamMessage) -> None:
        self._deliver("message", message)

    def _on_link(self, state: LinkState) -> None:
        self._deliver("link", state)

    def _deliver(self, signal: str, value: object) -> None:
        try:
            getattr(self, signal).emit(value)
        except RuntimeError as exc:
            # The window was deleted without being closed (which would have stopped this
            # thread): end the thread instead of following the stream for no one.
            raise _Orphaned from exc
