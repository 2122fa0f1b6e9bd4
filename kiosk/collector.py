"""Python's cyclic garbage collector, run only in the GUI thread.

The collector runs in whichever thread happens to allocate when a threshold is reached. If
that is the HTTP or printing thread (or, in the demo, the server's), it may free Qt objects
there, which Qt forbids: "Timers cannot be stopped from another thread", then a crash. So
while the kiosk runs, automatic collection is off and a timer in the GUI thread collects,
generation by generation, as the thresholds say (qutebrowser does the same for the same
reason).
"""

from __future__ import annotations

import gc

from kiosk.qt import QObject, QTimer

INTERVAL_MS = 1_000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
