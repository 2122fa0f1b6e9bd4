from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from queue_server.domain.tickets import (
    TicketRangeExhausted,
    format_ticket,
    service_day,
    spoken_ticket,
)

AMS = "Europe/Amsterdam"


def test_format_pads_to_three_digits() -> None:
    assert format_ticket("B", 23) == "B023"
    assert format_ticket("A", 1) == "A001"
    assert format_ticket("S", 999) == "S999"


@pytest.mark.parametrize("number", [0, 1000, -1])
def test_numbers_outside_the_range_are_refused(number: int) -> None:
    with pytest.raises(TicketRangeExhausted):
        format_ticket("B", number)


@pytest.mark.parametrize("letter", ["b", "BB", "1", ""])
def test_letters_must_be_one_capital(letter: str) -> None:
    with pytest.raises(ValueError, match="one capital letter"):
        format_ticket(letter, 1)


def test_service_day_changes_at_local_midnight_in_winter() -> None:
    # CET is UTC+1: 22:59 UTC is 23:59 local, 23:00 UTC is the next local day.
    assert service_day(datetime(2026, 1, 15, 22, 59, tzinfo=UTC), AMS) == date(2026, 1, 15)
    assert service_day(datetime(2026, 1, 15, 23, 0, tzinfo=UTC), AMS) == date(2026, 1, 16)


def test_service_day_changes_at_local_midnight_in_summer() -> None:
    # CEST is UTC+2: the day turns at 22:00 UTC.
    assert service_day(datetime(2026, 7, 1, 21, 59, tzinfo=UTC), AMS) == date(2026, 7, 1)
    assert service_day(datetime(2026, 7, 1, 22, 0, tzinfo=UTC), AMS) == date(2026, 7, 2)


@pytest.mark.parametrize(
    "transition",
    [datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 10, 25, 1, 0, tzinfo=UTC)],
)
def test_the_dst_change_night_is_one_service_day(transition: datetime) -> None:
    # The clocks change at 01:00 UTC; every minute of that local day maps to that day.
    day = service_day(transition, AMS)
    local_midnight = {date(2026, 3, 29): 23, date(2026, 10, 25): 22}[day]
    start = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(
        hours=24 - local_midnight)
    minutes = {service_day(start + timedelta(minutes=m), AMS) for m in range(0, 23 * 60, 7)}
    assert minutes == {day}


def test_a_time_with_another_offset_is_converted() -> None:
    new_york = timezone(timedelta(hours=-5))
    assert service_day(datetime(2026, 1, 15, 18, 30, tzinfo=new_york), AMS) == date(2026, 1, 16)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        service_day(datetime(2026, 1, 15, 12, 0), AMS)


def test_spoken_form_drops_leading_zeros() -> None:
    assert spoken_ticket("B023") == "B 23"
    assert spoken_ticket("A100") == "A 100"
