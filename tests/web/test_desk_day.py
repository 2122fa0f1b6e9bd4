"""A clerk's whole day at the desk page, in a real Chromium against a real server.

Every state the page passes through is screenshotted and scanned with axe-core.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support import LiveServer
from tests.web.conftest import VIEWPORT, Axe, watch_errors
from tests.web.test_desk_support import DeskPage, appointment, walk_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTE = "Wil ook de geboorte van haar dochter aangeven. Papieren van het ziekenhuis zijn bij."


def test_a_desk_day_sign_in_call_transfer_no_show_finish(
    page: Page, browser: Browser, server: LiveServer, axe: Axe
) -> None:
    desk = DeskPage(page, server, axe, prefix="day_")
    desk.goto()
    desk.check("01_signed_out")

    desk.sign_in("clerk1", "wrong password")
    expect(desk.alert).to_have_text(desk.t("error_bad_credentials"))
    desk.check("02_login_failed")

    desk.sign_in("clerk1")
    expect(page.get_by_text(desk.t("signed_in_as", name="Clerk1"))).to_be_visible()
    desk.check("03_setup")
    desk.open_desk(1, skills=["algemeen"])
    desk.expect_waiting(0)
    desk.check("04_desk_empty")

    # Counts follow the stream: no reload, no names or tickets of waiting visitors.
    first = walk_in(server, "verhuizing-doorgeven")
    second = walk_in(server, "uittreksel-brp", language="pl")
    desk.expect_waiting(2)
    expect(page.locator("#view-desk")).not_to_contain_text(first)
    desk.check("05_desk_waiting")

    desk.act("act_call_next")
    desk.expect_ticket(first)
    expect(desk.visitor).to_contain_text("Verhuizing doorgeven")
    expect(desk.visitor).to_contain_text("Nederlands")
    expect(desk.visitor).to_contain_text(desk.t("walk_in"))
    desk.expect_waiting(1)
    desk.check("06_called")

    desk.act("act_recall")
    expect(desk.visitor).to_contain_text(desk.t("visit_state_called"))
    desk.act("act_start")
    expect(desk.visitor).to_contain_text(desk.t("visit_state_serving"))
    desk.check("07_serving")

    desk.transfer("burgerzaken-akten", NOTE)
    desk.expect_no_visitor()
    expect(desk.notice).to_have_text(desk.t("transfer_done"))
    desk.check("08_transferred")

    # The next desk sees the note: the visitor tells their story once.
    other_context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    other_page = other_context.new_page()
    other_errors = watch_errors(other_page)
    other = DeskPage(other_page, server, axe, prefix="day_desk5_")
    other.goto()
    other.sign_in("clerk2")
    other.open_desk(5, skills=["burgerzaken-akten"])
    other.expect_waiting(1)
    other.act("act_call_next")
    other.expect_ticket(first)
    expect(other.visitor).to_contain_text(other.t("note_from_desk", n=1))
    expect(other.visitor.locator("blockquote")).to_have_text(NOTE)
    expect(other.visitor).to_contain_text(other.t("outcome_transferred"))
    other.check("09_called_with_note")
    other.act("act_start")
    other.act("act_finish_resolved")
    other.expect_no_visitor()
    other_context.close()
    assert not other_errors

    desk.act("act_call_next")
    desk.expect_ticket(second)
    expect(desk.visitor).to_contain_text("Polski")
    desk.act("act_no_show")
    desk.expect_no_visitor()
    desk.expect_waiting(0)

    # An appointment visitor: the booked time, and the name, shown only once called.
    starts_at = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=10)
    booked = appointment(server, "uittreksel-brp", starts_at, "Anna de Vries", language="en")
    desk.expect_waiting(1)
    expect(page.locator("#view-desk")).not_to_contain_text("Anna de Vries")
    desk.act("act_call_next")
    desk.expect_ticket(booked)
    local = starts_at.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%H:%M")
    expect(desk.visitor).to_contain_text(desk.t("appointment_at", time=local))
    expect(desk.visitor).to_contain_text("Anna de Vries")
    expect(desk.visitor).to_contain_text("English")
    desk.check("10_appointment")
    desk.act("act_start")
    desk.act("act_finish_resolved")

    # Nobody waits: a calm notice, not an error.
    desk.act("act_call_next")
    expect(desk.notice).to_have_text(desk.t("nobody_waiting"))
    desk.check("11_nobody_waiting")

    third = walk_in(server, "gevonden-voorwerpen")
    fourth = walk_in(server, "grofvuil-ophalen")
    desk.expect_waiting(2)
    desk.call_ticket(fourth)
    desk.expect_ticket(fourth)
    desk.act("act_requeue")
    desk.expect_no_visitor()
    desk.expect_waiting(2)
    desk.act("act_call_next")
    desk.expect_ticket(third)
    desk.act("act_start")
    desk.act("act_finish_follow_up")
    desk.expect_no_visitor()

    desk.button("act_pause").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    desk.check("12_pause_dialog")
    page.get_by_label(desk.t("pause_meeting")).check()
    page.get_by_role("dialog").get_by_role("button", name=desk.t("pause_send")).click()
    expect(page.locator("#desk-state")).to_have_text(
        desk.t("desk_paused", reason=desk.t("pause_meeting")))
    desk.check("13_paused")
    desk.act("act_resume")
    expect(desk.button("act_call_next")).to_be_visible()

    desk.act("act_close")
    expect(desk.notice).to_have_text(desk.t("desk_closed_done"))
    expect(page.get_by_role("heading", name=desk.t("setup_title"))).to_be_visible()
    desk.button("logout").click()
    expect(page.get_by_role("heading", name=desk.t("login_title"))).to_be_visible()
    desk.check("14_signed_out_again")
