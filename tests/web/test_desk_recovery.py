"""The page survives what happens to a desk during a day: the server restarting, and the
session ending after 30 idle minutes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support import LiveServer, Provisioned, SettableClock
from tests.web.conftest import Axe
from tests.web.test_desk_support import DeskPage, walk_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_page_recovers_after_the_server_restarts(page: Page, server: LiveServer, axe: Axe) -> None:
    desk = DeskPage(page, server, axe, prefix="restart_")
    desk.goto()
    desk.sign_in("clerk1")
    desk.open_desk(1, skills=["algemeen"])
    before = walk_in(server, "gevonden-voorwerpen")
    desk.expect_waiting(1)

    server.stop()
    lost = page.get_by_role("status").filter(has_text=desk.t("connection_lost"))
    expect(lost).to_be_visible()
    desk.act("act_call_next")
    expect(desk.alert).to_have_text(desk.t("error_unreachable"))
    desk.expect_waiting(1)
    desk.check("01_server_down")

    server.start()
    desk.expect_live()
    # What happened while the page was away shows without a reload.
    after = walk_in(server, "grofvuil-ophalen")
    desk.expect_waiting(2)
    desk.act("act_call_next")
    desk.expect_ticket(before)
    desk.check("02_after_restart")
    desk.act("act_requeue")
    desk.call_ticket(after)
    desk.expect_ticket(after)


@pytest.fixture
def clocked(provisioned: Provisioned) -> Iterator[LiveServer]:
    with LiveServer(provisioned, clock=SettableClock(datetime.now(UTC))) as live:
        yield live


def test_idle_session_ends_and_signing_in_resumes_the_desk(
    page: Page, clocked: LiveServer, axe: Axe
) -> None:
    desk = DeskPage(page, clocked, axe, prefix="idle_")
    desk.goto()
    desk.sign_in("clerk1")
    desk.open_desk(3, skills=["algemeen", "parkeren"])
    ticket = walk_in(clocked, "parkeervergunning-aanvragen")
    desk.act("act_call_next")
    desk.expect_ticket(ticket)

    clock = clocked.clock
    assert isinstance(clock, SettableClock)
    clock.advance(minutes=31)
    # The call's live event makes the page refresh the desk; that refresh may meet the
    # expired session before the click does. Either way the clerk lands on the sign-in form
    # with the same message.
    with contextlib.suppress(PlaywrightTimeout):
        desk.button("act_start").click(timeout=5_000)
    expect(desk.alert).to_have_text(desk.t("error_session_ended"))
    expect(page.get_by_role("heading", name=desk.t("login_title"))).to_be_visible()
    desk.check("01_session_ended")

    desk.sign_in("clerk1")
    desk.expect_live()
    desk.expect_ticket(ticket)
    desk.act("act_start")
    expect(desk.visitor).to_contain_text(desk.t("visit_state_serving"))


def test_an_idle_page_signs_its_clerk_out_although_events_keep_coming(
    page: Page, server: LiveServer, axe: Axe
) -> None:
    """The page's refreshes on live events count as activity for the server, so the page
    itself watches the clerk's keys and clicks."""
    page.clock.install()
    desk = DeskPage(page, server, axe, prefix="page_idle_")
    desk.goto()
    desk.sign_in("clerk1")
    desk.open_desk(2, skills=["algemeen"])
    ticket = walk_in(server, "gevonden-voorwerpen")
    desk.act("act_call_next")
    desk.expect_ticket(ticket)

    page.clock.run_for("29:00")
    walk_in(server, "grofvuil-ophalen")
    desk.expect_waiting(1)
    expect(page.locator("#view-desk")).to_be_visible()
    page.clock.run_for("01:30")
    expect(desk.alert).to_have_text(desk.t("error_session_ended"))
    expect(page.locator("#visitor")).to_be_empty()
    assert page.evaluate("async () => (await fetch('/api/v1/auth/me')).status") == 401
    with server.clerk("clerk1") as clerk:
        status = clerk.desk("kreupelstraat", 2)
    assert status.visit is not None and status.visit.ticket == ticket

    desk.sign_in("clerk1")
    desk.expect_ticket(ticket)
