"""Helpers for the desk page tests (this module holds no tests itself).

``DeskPage`` drives the page the way a clerk does: by labels and button names, which it
takes from the ``web_desk`` catalogue so the tests never copy the page's texts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from playwright.sync_api import Locator, Page, expect

from eenloket_i18n import translate
from eenloket_wire.messages import AppointmentCheckInIn, AppointmentIn, WalkInIn
from tests.support import LOCATION, PASSWORD, LiveServer
from tests.web.conftest import Axe, screenshot_dir

SHOTS = screenshot_dir("desk")


def text(key: str, language: str = "nl", **params: object) -> str:
    return translate(f"web_desk.{key}", language, **params)


def walk_in(server: LiveServer, *services: str, language: str = "nl") -> str:
    """A kiosk check-in; returns the ticket number."""
    with server.client("kiosk-1") as kiosk:
        body = WalkInIn(services=list(services), language=language)
        return kiosk.walk_in(LOCATION, body, str(uuid.uuid4())).ticket


def appointment(
    server: LiveServer, service: str, starts_at: datetime, name: str, language: str = "nl"
) -> str:
    """Book through the booking device, then check in at the kiosk; returns the ticket."""
    code = f"T-{uuid.uuid4().hex[:8]}"
    with server.client("booking") as booking:
        booking.request("POST", "/api/v1/appointments", json=AppointmentIn(
            booking_code=code, location=LOCATION, service=service, starts_at=starts_at,
            name=name, language=language).model_dump(mode="json"))
    with server.client("kiosk-1") as kiosk:
        body = AppointmentCheckInIn(booking_code=code)
        return kiosk.appointment_check_in(LOCATION, body, str(uuid.uuid4())).ticket


@dataclass
class DeskPage:
    page: Page
    server: LiveServer
    axe: Axe
    language: str = "nl"
    prefix: str = ""
    """Screenshot names start with this, so tests do not overwrite each other's pictures."""
    scans: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def t(self, key: str, **params: object) -> str:
        return text(key, self.language, **params)

    def button(self, key: str) -> Locator:
        return self.page.get_by_role("button", name=self.t(key), exact=True)

    # --- getting to a desk ---------------------------------------------------------

    def goto(self) -> None:
        self.page.goto(f"{self.server.url}/desk?lang={self.language}")

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        self.page.get_by_label(self.t("username")).fill(username)
        self.page.get_by_label(self.t("password")).fill(password)
        self.button("login").click()

    def open_desk(self, number: int, skills: list[str] | None = None) -> None:
        """Open desk ``number`` at the test location with ``skills`` (None: all its skills)."""
        expect(self.page.get_by_role("heading", name=self.t("setup_title"))).to_be_visible()
        location = self.page.get_by_label(self.t("location"))
        if location.input_value() != LOCATION:
            location.select_option(LOCATION)
        desk = self.page.get_by_label(self.t("desk"), exact=True)
        expect(desk.locator(f"option[value='{number}']")).to_be_enabled()
        desk.select_option(str(number))
        if skills is not None:
            for box in self.page.locator("#skill-boxes input").all():
                box.set_checked(box.get_attribute("value") in skills)
        self.button("open_desk").click()
        self.expect_live()

    def expect_live(self) -> None:
        expect(self.page.get_by_role("status").filter(has_text=self.t("connection_live"))
               ).to_be_visible()

    # --- what the page shows -------------------------------------------------------

    @property
    def visitor(self) -> Locator:
        return self.page.locator("#visitor")

    def expect_ticket(self, ticket: str) -> None:
        expect(self.visitor.locator(".ticket")).to_have_text(ticket)

    def expect_no_visitor(self) -> None:
        expect(self.visitor.locator(".ticket")).to_have_count(0)

    def expect_waiting(self, total: int) -> None:
        row = self.page.locator("#queue-rows tr.total td").first
        expect(row).to_have_text(str(total))

    @property
    def alert(self) -> Locator:
        """The role=alert region (by id: while empty it is not displayed)."""
        return self.page.locator("#alert[role=alert]")

    @property
    def notice(self) -> Locator:
        return self.page.locator("#notice")

    # --- acting ----------------------------------------------------------------------

    def act(self, key: str) -> None:
        """Click the button named by text ``key`` and wait until the page has the answer."""
        self.button(key).click()
        self.expect_idle()

    def expect_idle(self) -> None:
        expect(self.page.locator("#view-desk[aria-busy]")).to_have_count(0)

    def call_ticket(self, ticket: str) -> None:
        self.page.get_by_label(self.t("ticket_number"), exact=True).fill(ticket)
        self.button("call_ticket").click()
        self.expect_idle()

    def transfer(self, skill: str, note: str, desk: int | None = None) -> None:
        self.button("act_transfer").click()
        dialog = self.page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        dialog.get_by_label(self.t("transfer_skill")).select_option(skill)
        if desk is not None:
            dialog.get_by_label(self.t("transfer_desk")).select_option(str(desk))
        dialog.get_by_label(self.t("transfer_note")).fill(note)
        self.check("transfer_dialog")
        dialog.get_by_role("button", name=self.t("transfer_send")).click()
        expect(dialog).to_be_hidden()
        self.expect_idle()

    # --- looking at it ---------------------------------------------------------------

    def check(self, state: str) -> None:
        """Screenshot this state and scan it with axe-core; violations fail the test."""
        name = f"{self.prefix}{state}"
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        violations = self.axe(self.page)
        self.scans[name] = violations
        assert not violations, f"axe-core found violations in state {name}: {violations}"
