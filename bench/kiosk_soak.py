"""Memory after an hour of kiosk use, compressed: many visitors driven through the real
window, the live queue server and the fake printer as fast as they go.

An hour at a busy entrance is about 120 visitors. Each simulated visitor here does more than
a real one: chooses a language and a mode, walks in through a department (or scans a code
that is unknown, or asks for help), prints a ticket, and every tenth lets the idle warning
return the kiosk to the start. Resident memory (RSS) is read before, after the first hour's
worth, and after each further hour's worth, so a leak shows as growth per hour.

    .venv/bin/python -m bench.kiosk_soak                   # 3 hours' worth (360 visitors)
"""

from __future__ import annotations

import argparse
import gc
import itertools

from bench.kiosk_support import application, hall, rss_kib, run_until
from kiosk.model import PrintState, Screen
from kiosk.window import KioskWindow

VISITORS_PER_HOUR = 120
LANGUAGES = ("nl", "en", "pl", "tr", "uk", "ar")
MODES = ("large_text", "high_contrast", "low_reach", "read_aloud")


def visit(window: KioskWindow, number: int) -> None:
    model, act = window.model, window.controller.act
    act(lambda: model.choose_language(LANGUAGES[number % len(LANGUAGES)]))
    act(lambda: model.toggle_mode(MODES[number % len(MODES)]))
    if number % 10 == 3:
        act(lambda: model.scanned(f"NOPE-{number}"))
        run_until(window, lambda: model.screen is Screen.ANSWER)
    elif number % 10 == 7:
        act(model.ask_help)
        run_until(window, lambda: model.help_state is not None and
                  model.help_state.value != "sending")
    if number % 10 == 9:
        act(model.start_walk_in)
        act(model.idle)
        act(model.idle_expired)
        run_until(window, lambda: not window.controller.busy)
        return
    act(model.start_walk_in)
    catalogue = model.catalogue
    assert catalogue is not None
    department = catalogue.departments[number % len(catalogue.departments)]
    act(lambda: model.choose_department(department.code))
    service = next((s for s in department.services if s.appointment != "required"), None)
    if service is None:
        act(model.choose_general)
    else:
        act(lambda: model.choose_service(service.code))
    act(model.print_walk_in)
    run_until(window, lambda: model.print_state in (PrintState.PRINTED, PrintState.FAILED))
    act(model.ticket_done)
    run_until(window, lambda: not window.controller.busy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hours", type=int, default=3)
    args = parser.parse_args()
    app = application()
    with hall() as place:
        window = KioskWindow(place.config())
        window.show()
        run_until(window, lambda: window.model.catalogue is not None)
        app.processEvents()
        gc.collect()
        readings = [("start", rss_kib())]
        counter = itertools.count()
        for hour in range(1, args.hours + 1):
            for _ in range(VISITORS_PER_HOUR):
                visit(window, next(counter))
            app.processEvents()  # deleteLater of the last screens
            gc.collect()
            readings.append((f"after hour {hour} ({hour * VISITORS_PER_HOUR} visitors)",
                             rss_kib()))
        window.close()
    for name, kib in readings:
        print(f"RSS {name}: {kib / 1024:.1f} MiB")
    per_hour = (readings[-1][1] - readings[1][1]) / max(1, args.hours - 1) / 1024
    print(f"growth per hour after the first: {per_hour:+.1f} MiB")


if __name__ == "__main__":
    main()
