"""The manager dashboard in Debian's Chromium against a real server.

The live overview follows the hall as it happens (a call, a printer running out of paper);
the statistics views answer period filters, offer CSV downloads with the figures on screen,
and pass axe-core's WCAG 2.1 AA rules. Every state is screenshotted into
tests/screenshots/dashboard/.
"""

from __future__ import annotations

import csv
import functools
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from bench.stats_data import generate
from eenloket_i18n import translate
from eenloket_wire.messages import WalkInIn
from queue_server.summaries import summarize_database
from tests.support import LOCATION, PASSWORD, LiveServer, Provisioned, SettableClock, provision, utc
from tests.web.conftest import Axe, in_own_thread, screenshot_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = screenshot_dir("dashboard")
FIRST, LAST = date(2025, 11, 3), date(2025, 11, 28)
"""Four weeks of generated visits (about 21,000); the server's clock stands at the end."""
STATS_VIEWS = ("demand", "waiting", "transfers", "staffing")
LOADING = 30_000
"""Milliseconds a view may take here: the test machine's two cores are shared."""


def text(key: str, language: str = "nl", **params: object) -> str:
    return translate(f"web_dashboard.{key}", language, **params)


def token(server: LiveServer, username: str = "manager") -> str:
    body = httpx.post(f"{server.url}/api/v1/auth/login",
                      json={"username": username, "password": PASSWORD}).json()
    return str(body["token"])


def api(server: LiveServer, path: str, **params: str) -> Any:
    headers = {"Authorization": f"Bearer {token(server)}"}
    return httpx.get(f"{server.url}{path}", params=params, headers=headers).json()


def check(page: Page, axe: Axe, name: str) -> None:
    """Screenshot the page as it is and scan it; any WCAG 2.1 A/AA violation fails."""
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    violations = axe(page)
    assert not violations, f"axe-core found violations in {name}: {violations}"


def sign_in(page: Page, server: LiveServer, username: str = "manager",
            query: str = "", language: str = "nl") -> None:
    page.goto(f"{server.url}/dashboard{query}")
    page.get_by_label(text("username", language)).fill(username)
    page.get_by_label(text("password", language)).fill(PASSWORD)
    page.get_by_role("button", name=text("login", language), exact=True).click()


def loaded(page: Page) -> None:
    expect(page.locator("#view")).not_to_have_attribute("aria-busy", "true", timeout=LOADING)
    expect(page.locator("#view h2").first).to_be_visible()


def figure(page: Page, key: str) -> str:
    card = page.locator(".card", has=page.locator("dt", has_text=text(f"figure.{key}")))
    return str(card.first.locator("dd").inner_text())


@pytest.fixture(scope="module")
def stats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('dashboard') / 'stats.sqlite3'}"
    provisioned = in_own_thread(provision, url)
    in_own_thread(functools.partial(generate, url, FIRST, LAST, progress=False))
    now = utc(2025, 11, 28, 16, 30)
    # A server that has caught up: every closed day summarised, so figures do not change
    # under the tests when housekeeping comes round.
    in_own_thread(summarize_database, url, now)
    with LiveServer(provisioned, clock=SettableClock(now)) as live:
        yield live


@pytest.fixture
def hall(sqlite_template: Provisioned, tmp_path: Path) -> Iterator[LiveServer]:
    """A fresh copy of the provisioned demo hall; its clock starts now and moves on demand."""
    source = Path(sqlite_template.database_url.removeprefix("sqlite+aiosqlite:///"))
    target = tmp_path / "hall.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    copy = Provisioned(f"sqlite+aiosqlite:///{target}", sqlite_template.tokens,
                       sqlite_template.users)
    with LiveServer(copy, clock=SettableClock(datetime.now(UTC))) as live:
        yield live


def walk_in(server: LiveServer, service: str = "verhuizing-doorgeven") -> str:
    with server.client("kiosk-1") as kiosk:
        return kiosk.walk_in(LOCATION, WalkInIn(services=[service]), str(uuid.uuid4())).ticket


def test_signing_in_is_for_managers(page: Page, hall: LiveServer, axe: Axe) -> None:
    page.goto(f"{hall.url}/dashboard")
    expect(page.get_by_role("heading", name=text("login_title"))).to_be_visible()
    check(page, axe, "01_login")
    sign_in(page, hall, "clerk1")
    expect(page.get_by_role("status").first).to_have_text(text("not_manager"))
    # Signing out reloads the page: wait for that, or the next goto races with it.
    with page.expect_navigation():
        page.get_by_role("button", name=text("logout")).click()
    sign_in(page, hall, "manager")
    expect(page.get_by_role("tab", name=text("tab.live"))).to_have_attribute(
        "aria-selected", "true")
    expect(page.get_by_role("tab", name=text("tab.clerks"))).to_be_hidden()


def test_the_live_overview_reacts_to_a_call_and_a_printer_alert(
    page: Page, hall: LiveServer, axe: Axe
) -> None:
    sign_in(page, hall)
    hall_section = page.locator("section[data-location=kreupelstraat]")
    desk_1 = hall_section.locator("li[data-desk='1']")
    expect(desk_1).to_contain_text(text("desk.closed"))
    tickets = [walk_in(hall) for _ in range(3)] + [walk_in(hall, "parkeervergunning-aanvragen")]
    waiting = hall_section.locator(".card", has=page.locator("dt", has_text=text("waiting_now")))
    expect(waiting.locator("dd")).to_have_text("4")

    with hall.clerk("clerk1") as clerk, hall.clerk("clerk2") as other:
        clerk.desk(LOCATION, 1, "open", {})
        clerk.desk(LOCATION, 1, "call-next")
        expect(desk_1).to_contain_text(text("desk.called", ticket=tickets[0]))
        expect(waiting.locator("dd")).to_have_text("3")
        clerk.desk(LOCATION, 1, "start")
        expect(desk_1).to_contain_text(text("desk.serving", ticket=tickets[0]))
        other.desk(LOCATION, 2, "open", {})
        other.desk(LOCATION, 2, "pause", {"reason": "Lunch"})
        expect(hall_section.locator("li[data-desk='2']")).to_contain_text("Lunch")

    alerts = page.locator("#alerts")
    paper_out = text("alert.printer.paper_out", device="kiosk-1")
    with hall.client("kiosk-1") as kiosk:
        kiosk.report_printer(LOCATION, "paper_out")
        expect(alerts).to_contain_text(paper_out)
        expect(alerts.locator("li[data-kind=offline]", has_text="board-1")).to_be_visible()
        page.get_by_role("button", name=text("dismiss_label", message=paper_out)).click()
        expect(alerts).not_to_contain_text(paper_out)

        # Eleven minutes on, the three walk-ins still waiting are past the norm; the next
        # event (a printer change, a call for help) brings that along.
        clock = hall.clock
        assert isinstance(clock, SettableClock)
        clock.advance(minutes=11)
        kiosk.report_printer(LOCATION, "paper_near_end")
        kiosk.ask_help(LOCATION, "nl")
        expect(alerts.locator("li[data-kind=help]")).to_be_visible()
    expect(alerts.locator("li[data-kind=norm_exceeded]")).to_contain_text(tickets[1])
    expect(alerts).to_contain_text(text("alert.printer.paper_near_end", device="kiosk-1"))
    check(page, axe, "02_live_overview")


def test_statistics_views_with_period_filters(
    page: Page, stats_server: LiveServer, axe: Axe
) -> None:
    sign_in(page, stats_server)
    period = {"first": FIRST.isoformat(), "last": LAST.isoformat()}
    hall = api(stats_server, "/api/v1/stats/summary", **period)
    kreupelstraat = api(stats_server, "/api/v1/stats/summary", location=LOCATION, **period)
    visits = [next(f["value"] for f in answer["figures"] if f["key"] == "visits")
              for answer in (hall, kreupelstraat)]
    assert visits[0] > visits[1] > 15000
    for number, view in enumerate(STATS_VIEWS, start=3):
        page.get_by_role("tab", name=text(f"tab.{view}")).click()
        loaded(page)
        # Staffing advice is per location: the page chooses the first one in the filter.
        expected = visits[1] if view == "staffing" else visits[0]
        assert figure(page, "visits").replace(".", "") == str(expected)
        check(page, axe, f"{number:02d}_{view}")
    page.get_by_label(text("filter.location")).select_option("")

    # One day: the figures follow the filter, and the address keeps it.
    page.get_by_role("tab", name=text("tab.demand")).click()
    page.get_by_label(text("filter.first"), exact=True).fill("2025-11-24")
    page.get_by_label(text("filter.last"), exact=True).fill("2025-11-24")
    page.get_by_role("button", name=text("filter.apply")).click()
    one_day = api(stats_server, "/api/v1/stats/summary", first="2025-11-24", last="2025-11-24")
    day_visits = next(f["value"] for f in one_day["figures"] if f["key"] == "visits")
    expect(page.locator(".card", has=page.locator("dt", has_text=text("figure.visits")))
           .first.locator("dd")).to_have_text(f"{day_visits:,}".replace(",", "."),
                                              timeout=LOADING)
    assert "first=2025-11-24" in page.url and page.url.endswith("#demand")
    expect(page.get_by_role("heading", name=text("table.per_day"))).to_be_visible()

    # A department narrows the services the waiting view lists.
    page.get_by_role("button", name=text("quick.four_weeks")).click()
    page.get_by_label(text("filter.department")).select_option("belastingen")
    page.get_by_role("tab", name=text("tab.waiting")).click()
    loaded(page)
    services = page.locator("table[aria-labelledby=h-waiting-services] tbody th")
    expect(services).to_have_count(2)
    expect(services.first).to_contain_text("belasting")
    check(page, axe, "07_waiting_belastingen")


def test_csv_downloads_hold_the_figures_on_screen(
    page: Page, stats_server: LiveServer, tmp_path: Path
) -> None:
    sign_in(page, stats_server, query="?first=2025-11-17&last=2025-11-21#demand")
    loaded(page)
    table = page.locator("table[aria-labelledby=h-demand-per_hour]")
    with page.expect_download() as info:
        page.get_by_role("link", name=text("download_table_label",
                                           title=text("table.per_hour"))).click()
    path = tmp_path / "per_hour.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    header = [str(h) for h in table.locator("thead th").all_inner_texts()]
    assert lines[0] == header
    on_screen = [[cell.replace(".", "") for cell in row.locator("th, td").all_inner_texts()]
                 for row in table.locator("tbody tr").all()]
    assert [row[:4] for row in lines[1:]] == [row[:4] for row in on_screen]
    week_visits = sum(int(row[1]) for row in lines[1:])
    assert figure(page, "visits").replace(".", "") == str(week_visits)

    with page.expect_download() as info:
        page.get_by_role("link", name=text("download_visits")).click()
    records = tmp_path / "visits.csv"
    info.value.save_as(records)
    with records.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == week_visits
    assert {r["service_day"] for r in rows} == {f"2025-11-{d}" for d in range(17, 22)}
    assert "ticket" not in rows[0]


def test_figures_per_clerk_when_switched_on(
    page: Page, stats_server: LiveServer, axe: Axe, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EENLOKET_STATS_PER_CLERK", "true")
    sign_in(page, stats_server, query="?lang=en#clerks", language="en")
    expect(page.get_by_role("tab", name=text("tab.clerks", "en"))).to_have_attribute(
        "aria-selected", "true")
    loaded(page)
    clerks = page.locator("table[aria-labelledby=h-clerks-clerks] tbody tr")
    expect(clerks).to_have_count(24)
    expect(clerks.first.locator("th")).to_contain_text("Medewerker")
    check(page, axe, "08_clerks_en")
