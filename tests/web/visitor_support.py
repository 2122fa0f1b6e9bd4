"""Helpers for the phone-page tests: tickets, desk actions, the page's own texts."""

from __future__ import annotations

import uuid

from eenloket_i18n import translate
from eenloket_wire.messages import TicketOut, WalkInIn
from tests.support import LOCATION, LiveServer


def t(key: str, language: str = "nl", **params: object) -> str:
    """A text of the phone page, from its catalogue (the tests never copy texts)."""
    return translate(f"visitor.{key}", language, **params)


def walk_in(server: LiveServer, service: str = "uittreksel-brp",
            language: str = "nl") -> TicketOut:
    with server.client("kiosk-1") as kiosk:
        return kiosk.walk_in(LOCATION, WalkInIn(services=[service], language=language),
                             str(uuid.uuid4()))


def token_of(ticket: TicketOut) -> str:
    return ticket.status_url.rsplit("/", 1)[1]

