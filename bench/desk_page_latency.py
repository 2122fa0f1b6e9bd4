"""Time from clicking "call next" on the desk page to the called visitor shown on it.

Runs the real queue server on loopback (as the tests do) and Debian's Chromium; each round a
kiosk checks a visitor in, the page waits until its counts show them, and then the page
itself clicks "call next" and times, with ``performance.now()``, until the ticket is in the
visitor panel and the browser has reached the next frame. Playwright's own round trip (click
through the DevTools protocol, wait for the text) is reported alongside.

    .venv/bin/python -m bench.desk_page_latency            # SQLite, 50 rounds
    .venv/bin/python -m bench.desk_page_latency --database-url postgresql+psycopg_async://...
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from eenloket_wire.messages import WalkInIn
from tests.support import LOCATION, PASSWORD, LiveServer, provision
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT

DESK = 1
CLICK_AND_TIME = """async () => {
  const panel = document.getElementById("visitor");
  const button = document.querySelector("[data-action=call-next]");
  performance.clearResourceTimings();
  return await new Promise((resolve) => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      const ticket = panel.querySelector(".ticket");
      if (!ticket) return;
      observer.disconnect();
      // The frame after the change is the one that paints it.
      requestAnimationFrame(() => {
        const post = performance.getEntriesByType("resource")
          .filter((entry) => entry.name.endsWith("/call-next")).pop();
        resolve([performance.now() - start, post ? post.duration : -1, ticket.textContent]);
      });
    });
    observer.observe(panel, { childList: true, subtree: true });
    button.click();
  });
}"""


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = statistics.quantiles(ordered, n=10)[-1]
    return (f"{name}: median {statistics.median(ordered):.1f} ms, p90 {p90:.1f} ms, "
            f"min {ordered[0]:.1f} ms, max {ordered[-1]:.1f} ms (n={len(ordered)})")


def open_desk(page: Page, url: str) -> None:
    page.goto(f"{url}/desk")
    page.fill("#username", "clerk1")
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    expect(page.locator(f"#desk-number option[value='{DESK}']")).to_be_enabled()
    page.select_option("#desk-number", str(DESK))
    page.click("#setup-form button[type=submit]")
    expect(page.locator("#connection.live")).to_be_visible()


def run(database_url: str, rounds: int) -> dict[str, list[float]]:
    provisioned = provision(database_url)
    in_page: list[float] = []
    requests: list[float] = []
    round_trip: list[float] = []
    with LiveServer(provisioned) as server, sync_playwright() as playwright, \
            server.client("kiosk-1") as kiosk, server.clerk("clerk1") as clerk:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        open_desk(page, server.url)
        total = page.locator("#queue-rows tr.total td").first
        call_next = page.locator("[data-action=call-next]")
        for index in range(rounds):
            ticket = kiosk.walk_in(LOCATION, WalkInIn(services=["gevonden-voorwerpen"]),
                                   str(uuid.uuid4())).ticket
            expect(total).to_have_text("1")
            if index % 2 == 0:
                millis, post, shown = page.evaluate(CLICK_AND_TIME)
                assert shown == ticket, (shown, ticket)
                in_page.append(float(millis))
                requests.append(float(post))
            else:
                started = time.perf_counter()
                call_next.click()
                expect(page.locator("#visitor .ticket")).to_have_text(ticket)
                round_trip.append((time.perf_counter() - started) * 1000)
            clerk.desk(LOCATION, DESK, "start")
            clerk.desk(LOCATION, DESK, "finish", {"outcome": "resolved"})
            expect(call_next).to_be_visible()
        browser.close()
    return {
        "click → visitor painted (in page)": in_page,
        "  of which the call-next request": requests,
        "click → visitor seen (Playwright round trip)": round_trip,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100,
                        help="calls in all; half are timed in the page, half by Playwright")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        results = run(url, args.rounds)
    print(f"database: {'sqlite' if url.startswith('sqlite') else 'postgresql'}")
    for name, values in results.items():
        print(summary(name, values))


if __name__ == "__main__":
    main()
