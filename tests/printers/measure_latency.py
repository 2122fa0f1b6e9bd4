"""Measure how long a ticket takes from ``print_ticket()`` to its last byte at the printer.

Not a test (wall-clock numbers depend on the machine); run it by hand::

    .venv/bin/python -m tests.printers.measure_latency [--prints 100]

It prints, per layout, the bytes per ticket and the median and 95th-percentile time over
the prints, through the real TCP transport to the fake Epson printer on loopback: with the
status check before each ticket (the default) and without it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime

from printers.layout import build_ticket
from printers.printer import open_printer
from printers.profiles import get_profile
from printers.sample import sample_ticket
from tests.printers.fake_printer import FakeNetworkPrinter

CASES = [
    ("tm-t88v", "nl"), ("tm-t20ii", "nl"), ("rp-f10-58", "nl"), ("generic-80", "nl"),
    ("pos-5890", "nl"), ("tm-t88v", "ar"), ("generic-80", "ar"), ("pos-5890", "uk"),
]


def measure(profile_name: str, language: str, prints: int, check_status: bool) -> list[float]:
    """Milliseconds from the print call to the ticket's last byte arriving, per print."""
    content = sample_ticket(datetime(2026, 5, 14, 8, 12, tzinfo=UTC), language)
    payload = build_ticket(content, get_profile(profile_name)).payload
    times = []
    with FakeNetworkPrinter() as fake, \
            open_printer(f"{fake.url}?profile={profile_name}") as printer:
        for _ in range(prints):
            already = len(fake.received)
            started = time.perf_counter()
            printer.print_ticket(content, check_status=check_status)
            arrived = fake.wait_for_bytes(already + len(payload) + (6 if check_status else 0))
            times.append((arrived - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prints", type=int, default=100)
    args = parser.parse_args(argv)
    out = sys.stdout
    out.write(f"{'profile':<11} {'lang':<4} {'mode':<5} {'QR':<6} {'bytes':>6}  "
              f"{'median ms':>9} {'p95 ms':>7}  {'median ms, no status check':>26}\n")
    for profile_name, language in CASES:
        profile = get_profile(profile_name)
        ticket = build_ticket(sample_ticket(datetime(2026, 5, 14, 8, 12, tzinfo=UTC), language),
                              profile)
        checked = measure(profile_name, language, args.prints, check_status=True)
        unchecked = measure(profile_name, language, args.prints, check_status=False)
        p95 = statistics.quantiles(checked, n=20)[-1]
        out.write(f"{profile_name:<11} {language:<4} {ticket.text_mode.value:<5} "
                  f"{ticket.qr_mode.value:<6} {len(ticket.payload):>6}  "
                  f"{statistics.median(checked):>9.2f} {p95:>7.2f}  "
                  f"{statistics.median(unchecked):>26.2f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
