"""TicketContent refuses values a ticket could not show correctly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from printers.ticket import TicketContent


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ticket_number": " "}, "ticket_number"),
        ({"language": "de"}, "language"),
        ({"status_url": "loket.groningen.nl/B023"}, "status_url"),
        ({"issued_at": datetime(2026, 5, 14, 10, 12)}, "issued_at"),
        ({"appointment_at": datetime(2026, 5, 14, 10, 30)}, "appointment_at"),
        ({"expected_wait_minutes": -1.0}, "expected_wait_minutes"),
        ({"position": 0}, "position"),
        ({"timezone": "Europe/Nowhere"}, "time zone"),
    ],
)
def test_invalid_content_is_refused(make_ticket: Callable[..., TicketContent],
                                    changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_ticket(**changes)


def test_services_must_be_a_tuple(make_ticket: Callable[..., TicketContent]) -> None:
    # A list would make the frozen value mutable behind the kiosk's back.
    with pytest.raises(TypeError):
        make_ticket(services=["Paspoort aanvragen"])


def test_local_time_is_the_locations_wall_clock(make_ticket: Callable[..., TicketContent]) -> None:
    content = make_ticket()
    assert content.local(content.issued_at).strftime("%H:%M %Z") == "10:12 CEST"
