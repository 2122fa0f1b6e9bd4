"""The desk page by keyboard only: sign in, open a desk, serve with shortcuts, dialogs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support import LOCATION, PASSWORD, LiveServer
from tests.web.conftest import Axe
from tests.web.test_desk_support import DeskPage, walk_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


def focused(page: Page) -> str:
    active = "() => document.activeElement.id || document.activeElement.textContent"
    return str(page.evaluate(active))


def tab_to(page: Page, name: str, limit: int = 30) -> None:
    """Press Tab until the focused element's accessible text starts with ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page).strip().startswith(name):
            assert page.evaluate(FOCUS_RING), f"no visible focus on {name}"
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_desk_is_fully_operable_by_keyboard(page: Page, server: LiveServer, axe: Axe) -> None:
    desk = DeskPage(page, server, axe, prefix="keys_")
    desk.goto()
    expect(page.get_by_label(desk.t("username"))).to_be_focused()
    page.keyboard.type("clerk1")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_label(desk.t("location"))).to_be_focused()
    tab_to(page, desk.t("open_desk"))
    page.keyboard.press("Enter")
    desk.expect_live()
    expect(page.locator("#desk-title")).to_be_focused()

    ticket = walk_in(server, "verhuizing-doorgeven")
    desk.expect_waiting(1)
    page.keyboard.press("n")
    desk.expect_ticket(ticket)
    # Focus goes to the visitor, so a second key press cannot start by accident.
    expect(page.locator("#visitor-title")).to_be_focused()
    page.keyboard.press("s")
    expect(desk.visitor).to_contain_text(desk.t("visit_state_serving"))
    desk.check("01_serving_by_keyboard")

    page.keyboard.press("t")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label(desk.t("transfer_skill"))).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    tab_to(page, desk.t("act_finish_resolved"))
    page.keyboard.press("Enter")
    desk.expect_no_visitor()

    # Shortcuts can be switched off (WCAG 2.1.4); then a letter does nothing.
    tab_to(page, "shortcuts-on")
    page.keyboard.press("Space")
    expect(page.get_by_label(desk.t("shortcuts_on"))).not_to_be_checked()
    walk_in(server, "grofvuil-ophalen")
    desk.expect_waiting(1)
    page.keyboard.press("n")
    assert page.evaluate("() => !document.getElementById('view-desk').hasAttribute('aria-busy')")
    desk.expect_no_visitor()
    desk.check("02_shortcuts_off")

    page.keyboard.press("Space")
    page.keyboard.press("g")
    expect(page.get_by_label(desk.t("ticket_number"), exact=True)).to_be_focused()
    page.keyboard.type("a999")
    page.keyboard.press("Enter")
    expect(desk.alert).to_have_text(desk.t("error_unknown_ticket", ticket="A999"))
    desk.check("03_unknown_ticket")

    # A pause for "something else" needs its reason written down. Letters typed in the number
    # field are text, so first leave it.
    page.keyboard.press("Tab")
    page.keyboard.press("p")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label(desk.t("pause_other"), exact=True).check()
    dialog.get_by_role("button", name=desk.t("pause_send")).click()
    expect(dialog.get_by_role("alert")).to_have_text(desk.t("pause_other_required"))
    expect(dialog.get_by_label(desk.t("pause_other_text"))).to_be_focused()
    desk.check("04_pause_needs_reason")
    page.keyboard.type("Training")
    page.keyboard.press("Enter")
    expect(page.locator("#desk-state")).to_have_text(desk.t("desk_paused", reason="Training"))

    # Signing out at a free desk closes it.
    desk.button("logout").click()
    expect(page.get_by_role("heading", name=desk.t("login_title"))).to_be_visible()
    expect(desk.notice).to_have_text(desk.t("logged_out"))
    with server.clerk("clerk2") as clerk:
        assert clerk.desk(LOCATION, 1).desk.state == "closed"
