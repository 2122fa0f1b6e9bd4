"""The phone page in Debian's Chromium at a phone's viewport: live, multilingual, accessible.

Every state is screenshotted into tests/screenshots/visitor/ and scanned with axe-core.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support import LOCATION, LiveServer, Provisioned, SettableClock
from tests.web.conftest import Axe, screenshot_dir, watch_errors
from tests.web.visitor_support import t, walk_in

pytestmark = [pytest.mark.browser]

PHONE = {"width": 360, "height": 740}
RECORD_ANNOUNCEMENTS = """
window.__vibrations = [];
navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return true; };
window.__notifications = [];
if ("Notification" in window) {
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) { window.__notifications.push(title); super(title, options); }
  };
}
"""


def phone_context(browser: Browser, *, notifications: bool) -> BrowserContext:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2,  # type: ignore[arg-type]
                                  is_mobile=True, has_touch=True, locale="nl-NL",
                                  reduced_motion="reduce")
    if notifications:
        context.grant_permissions(["notifications"])
    context.add_init_script(RECORD_ANNOUNCEMENTS)
    return context


@pytest.fixture
def phone(browser: Browser) -> Iterator[tuple[BrowserContext, Page]]:
    """A phone on which the visitor allowed notifications; script errors fail the test."""
    context = phone_context(browser, notifications=True)
    page = context.new_page()
    errors = watch_errors(page)
    yield context, page
    context.close()
    assert not errors, f"errors in the page: {errors}"


def check(page: Page, axe: Axe, name: str) -> None:
    """Screenshot the page as it is, and require no WCAG 2.1 AA violation and big targets."""
    page.screenshot(path=screenshot_dir("visitor") / f"{name}.png", full_page=True)
    assert axe(page) == []
    small = page.evaluate("""() => [...document.querySelectorAll('a, button')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.height < 44 || r.width < 44).length""")
    assert small == 0, "touch targets must be at least 44 px"


def test_the_page_follows_the_visit_live_to_your_turn(
    phone: tuple[BrowserContext, Page], server: LiveServer, axe: Axe,
) -> None:
    _context, page = phone
    ahead, mine = walk_in(server), walk_in(server)
    page.goto(mine.status_url)
    expect(page.locator(".ticket")).to_have_text(mine.ticket)
    expect(page.locator("#headline")).to_have_text(t("position", n=2))
    expect(page.locator("#detail")).to_have_text(t("wait_unknown"))
    expect(page.locator("#connection")).to_have_text(t("live"))
    expect(page.locator("#notify-state")).to_have_text(t("notify_on"))
    check(page, axe, "nl_01_waiting_no_desk")

    with server.clerk() as clerk:
        clerk.desk(LOCATION, 3, "open", {"skills": None})
        expect(page.locator("#detail")).to_contain_text(t("wait", n=8).split("8")[0])
        clerk.desk(LOCATION, 3, "call-next")
        expect(page.locator("#headline")).to_have_text(t("position_next"))
        check(page, axe, "nl_02_next")
        clerk.desk(LOCATION, 3, "no-show")
        clerk.desk(LOCATION, 3, "call-next")
        expect(page.locator("#headline")).to_have_text(t("turn", desk=3))
        expect(page.locator("#detail")).to_have_text(t("turn_go", desk=3))
        expect(page).to_have_title(t("turn", desk=3))
        assert page.evaluate("window.__vibrations.length") == 1
        assert page.evaluate("window.__notifications") == [t("turn", desk=3)]
        check(page, axe, "nl_03_your_turn")
        clerk.desk(LOCATION, 3, "start")
        expect(page.locator("#headline")).to_have_text(t("serving", desk=3))
        clerk.desk(LOCATION, 3, "finish", {"outcome": "resolved"})
        expect(page.locator("#headline")).to_have_text(t("done"))
        expect(page.locator("#connection")).to_be_hidden()
        expect(page.locator("#notify-box")).to_be_hidden()
        check(page, axe, "nl_04_done")
    assert ahead.ticket != mine.ticket
    assert page.evaluate("window.__vibrations.length") == 1  # the turn is announced once


def test_arabic_reads_right_to_left_and_the_language_can_change(
    phone: tuple[BrowserContext, Page], server: LiveServer, axe: Axe,
) -> None:
    _context, page = phone
    ticket = walk_in(server, "kwijtschelding-aanvragen", language="ar")
    page.goto(ticket.status_url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_have_text(t("heading", "ar"))
    expect(page.locator("#headline")).to_have_text(t("position_next", "ar"))
    check(page, axe, "ar_01_waiting")
    with server.clerk() as clerk:
        clerk.desk(LOCATION, 4, "open", {"skills": None})
        clerk.desk(LOCATION, 4, "call-next")
    expect(page.locator("#headline")).to_have_text(t("turn", "ar", desk=4))
    check(page, axe, "ar_02_your_turn")
    page.get_by_role("link", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#headline")).to_have_text(t("turn", "pl", desk=4))
    check(page, axe, "pl_01_your_turn")


def test_a_lost_connection_is_shown_and_recovers(
    phone: tuple[BrowserContext, Page], server: LiveServer,
) -> None:
    _context, page = phone
    ticket = walk_in(server, language="en")
    page.goto(ticket.status_url)
    expect(page.locator("#connection")).to_have_text(t("live", "en"))
    server.stop()
    expect(page.locator("#connection")).to_have_text(t("reconnecting", "en"))
    page.screenshot(path=screenshot_dir("visitor") / "en_01_reconnecting.png", full_page=True)
    server.start()
    with server.clerk() as clerk:
        clerk.desk(LOCATION, 1, "open", {"skills": None})
        clerk.desk(LOCATION, 1, "call-next")
    expect(page.locator("#headline")).to_have_text(t("turn", "en", desk=1), timeout=20_000)
    expect(page.locator("#connection")).to_have_text(t("live", "en"))


def test_a_visitor_can_ask_for_a_notification(
    browser: Browser, server: LiveServer, axe: Axe,
) -> None:
    context = phone_context(browser, notifications=False)
    try:
        page = context.new_page()
        page.goto(walk_in(server, language="tr").status_url)
        button = page.get_by_role("button", name=t("notify", "tr"))
        expect(button).to_be_visible()
        check(page, axe, "tr_01_notify_button")
    finally:
        context.close()


def test_wrong_and_expired_links_say_so_plainly(
    phone: tuple[BrowserContext, Page], provisioned: Provisioned, axe: Axe,
) -> None:
    _context, page = phone
    clock = SettableClock(datetime(2026, 11, 30, 15, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    with LiveServer(provisioned, clock=clock) as server:
        response = page.goto(f"{server.url}/v/{'D' * 32}")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text(t("not_found"))
        check(page, axe, "nl_05_not_found")
        ticket = walk_in(server, language="uk")
        page.goto(ticket.status_url)
        expect(page.locator("#connection")).to_have_text(t("live", "uk"))
        clock.advance(hours=9)  # past midnight: the link's day is over
        page.reload()
        expect(page.locator("h1")).to_have_text(t("expired_title"))
        check(page, axe, "nl_06_expired")
