"""Two desks racing for the same visitor: one wins, the other sees a clear message.

The second desk works in English, so the English page is driven and scanned too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support import LiveServer
from tests.web.conftest import VIEWPORT, Axe, watch_errors
from tests.web.test_desk_support import DeskPage, walk_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLICK_CALL_NEXT = "() => document.querySelector('[data-action=call-next]').click()"
SUBMIT_TICKET = "() => document.getElementById('call-ticket-form').requestSubmit()"


@pytest.fixture
def second_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert not errors, f"errors in the second page: {errors}"


def test_two_desks_race_for_one_visitor(
    page: Page, second_page: Page, server: LiveServer, axe: Axe
) -> None:
    one = DeskPage(page, server, axe, prefix="race_nl_")
    two = DeskPage(second_page, server, axe, language="en", prefix="race_en_")
    for desk, user, number in ((one, "clerk1", 1), (two, "clerk2", 2)):
        desk.goto()
        desk.sign_in(user)
        desk.open_desk(number, skills=["algemeen"])
    two.check("01_desk_empty")

    ticket = walk_in(server, "gevonden-voorwerpen")
    one.expect_waiting(1)
    two.expect_waiting(1)
    # Both clicks go out before either answer comes back.
    page.evaluate(CLICK_CALL_NEXT)
    second_page.evaluate(CLICK_CALL_NEXT)
    winner, loser = (one, two) if _shows_ticket(one, two) == 1 else (two, one)
    winner.expect_ticket(ticket)
    loser.expect_no_visitor()
    expect(loser.notice).to_have_text(loser.t("nobody_waiting"))
    loser.expect_waiting(0)

    # The same race by number: the loser is told who has the visitor, the page stays whole.
    first = walk_in(server, "grofvuil-ophalen")
    spare = walk_in(server, "afvalpas-of-container")
    loser.expect_waiting(2)
    winner.act("act_start")
    winner.act("act_finish_resolved")
    winner.expect_no_visitor()
    for desk in (one, two):
        desk.page.get_by_label(desk.t("ticket_number"), exact=True).fill(first)
    page.evaluate(SUBMIT_TICKET)
    second_page.evaluate(SUBMIT_TICKET)
    winner, loser = (one, two) if _shows_ticket(one, two) == 1 else (two, one)
    winner.expect_ticket(first)
    expect(loser.alert).to_have_text(loser.t("error_already_called", ticket=first))
    loser.expect_no_visitor()
    loser.check("02_conflict")

    loser.act("act_call_next")
    loser.expect_ticket(spare)
    expect(loser.alert).to_be_empty()
    loser.check("03_called_after_conflict")


def _shows_ticket(one: DeskPage, two: DeskPage) -> int:
    """Which desk (1 or 2) ends up with a visitor, once both answers are in."""
    both = one.page.locator("#view-desk[aria-busy]")
    expect(both).to_have_count(0)
    expect(two.page.locator("#view-desk[aria-busy]")).to_have_count(0)
    has_one = one.visitor.locator(".ticket").count() == 1
    has_two = two.visitor.locator(".ticket").count() == 1
    assert has_one != has_two, "exactly one desk gets the visitor"
    return 1 if has_one else 2
