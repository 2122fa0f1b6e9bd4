"""Time from tapping "Give me a number" on the kiosk to the printer having the ticket's bytes.

The real kiosk window (offscreen), the real queue server on loopback and the fake network
printer from the tests (a real TCP socket that records when each byte arrived). Each round
a visitor picks "Other question" and taps the print button; the clock stops when the last
byte of the ticket has arrived at the printer. Also shown: the part spent on the check-in
request (tap to ticket on screen).

    .venv/bin/python -m bench.kiosk_print_latency              # 50 rounds, SQLite
    .venv/bin/python -m bench.kiosk_print_latency --rounds 200 --database-url postgresql+psycopg_async://…
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.kiosk_support import application, hall, run_until
from kiosk.model import PrintState, Screen
from kiosk.qt import QAbstractButton
from kiosk.window import KioskWindow
from tests.printers.fake_printer import FakeNetworkPrinter


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = statistics.quantiles(ordered, n=10)[-1] if len(ordered) > 1 else ordered[0]
    return (f"{name}: median {statistics.median(ordered):.1f} ms, p90 {p90:.1f} ms, "
            f"min {ordered[0]:.1f} ms, max {ordered[-1]:.1f} ms (n={len(ordered)})")


def settled(printer: FakeNetworkPrinter) -> int:
    """The byte count once nothing more arrives for a moment: the end of the ticket."""
    count = len(printer.received)
    while True:
        try:
            printer.wait_for_bytes(count + 1, timeout=0.2)
        except TimeoutError:
            return count
        count = len(printer.received)


def one_round(window: KioskWindow, printer: FakeNetworkPrinter) -> tuple[float, float]:
    model, act = window.model, window.controller.act
    act(model.start_walk_in)
    act(model.choose_general)
    button = next(b for b in window.findChildren(QAbstractButton) if b.objectName() == "print")
    ticket_at: list[float] = []

    def drawn() -> None:
        # Connected after the window's redraw: the ticket screen is drawn by now.
        if model.screen is Screen.TICKET and not ticket_at:
            ticket_at.append(time.perf_counter())

    window.controller.changed.connect(drawn)
    tapped = time.perf_counter()
    button.click()
    run_until(window, lambda: model.print_state in (PrintState.PRINTED, PrintState.FAILED))
    window.controller.changed.disconnect(drawn)
    if model.print_state is not PrintState.PRINTED:
        raise RuntimeError("the ticket was not printed")
    arrived = printer.wait_for_bytes(settled(printer))
    act(model.ticket_done)
    return (arrived - tapped) * 1000, (ticket_at[0] - tapped) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    app = application()
    with hall(args.database_url) as place:
        window = KioskWindow(place.config())
        window.show()
        run_until(window, lambda: window.model.catalogue is not None)
        one_round(window, place.printer)  # warm-up: first connection to the printer
        to_printer, to_screen = [], []
        for _ in range(args.rounds):
            printed, shown = one_round(window, place.printer)
            to_printer.append(printed)
            to_screen.append(shown)
        window.close()
    print(summary("tap to last byte at the printer", to_printer))
    print(summary("tap to ticket drawn on screen (check-in request and drawing)", to_screen))
    app.processEvents()


if __name__ == "__main__":
    main()
