"""Fixtures for the printer tests: a fake network printer and sample tickets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from printers.sample import sample_ticket
from printers.ticket import TicketContent
from tests.printers.fake_printer import FakeNetworkPrinter

# 10:12 in Groningen (summer time, UTC+2).
ISSUED = datetime(2026, 5, 14, 8, 12, tzinfo=UTC)


@pytest.fixture
def fake_printer() -> Iterator[FakeNetworkPrinter]:
    """A fresh fake Epson printer listening on loopback, ready to print."""
    with FakeNetworkPrinter() as fake:
        yield fake


@pytest.fixture
def make_ticket() -> Callable[..., TicketContent]:
    """The sample ticket at :data:`ISSUED`, in any language, with fields overridden."""

    def make(language: str = "nl", **changes: Any) -> TicketContent:
        return replace(sample_ticket(ISSUED, language), **changes)

    return make
