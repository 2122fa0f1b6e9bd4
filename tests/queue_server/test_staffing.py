"""Erlang C staffing advice against figures computed by hand and the textbook formula."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_server.staffing import (
    HourDemand,
    Norm,
    advise,
    desks_needed,
    erlang_c,
    share_within,
)

WALK_IN = (Norm(1.0, 10.0),)


def textbook_erlang_c(desks: int, load: float) -> float:
    """The closed formula: A^c/c! · c/(c-A) over the sum of A^k/k! plus that term."""
    top = load**desks / math.factorial(desks) * desks / (desks - load)
    return top / (sum(load**k / math.factorial(k) for k in range(desks)) + top)


def test_one_desk_waits_with_the_utilisation() -> None:
    assert erlang_c(1, 0.7) == pytest.approx(0.7)


def test_two_desks_one_erlang_by_hand() -> None:
    # B(2, 1) = 0.5/2.5 = 0.2; C = 0.2 / (1 - 0.5 * 0.8) = 1/3.
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)


@given(st.integers(min_value=1, max_value=30), st.floats(min_value=0.0, max_value=0.99))
def test_recursion_matches_the_textbook_formula(desks: int, utilisation: float) -> None:
    load = desks * utilisation
    assert erlang_c(desks, load) == pytest.approx(textbook_erlang_c(desks, load), rel=1e-9,
                                                  abs=1e-12)


def test_an_overloaded_hall_makes_everyone_wait() -> None:
    assert erlang_c(3, 3.0) == 1.0
    assert share_within(3, 0.5, 6.0, WALK_IN) == 0.0


def test_share_within_for_one_desk_by_hand() -> None:
    # M/M/1, λ = 0.05/min, h = 10 min, ρ = 0.5: P(W <= 10) = 1 - 0.5·e^(-(1-0.5)·10/10).
    assert share_within(1, 0.05, 10.0, WALK_IN) == pytest.approx(1 - 0.5 * math.exp(-0.5))


def test_classes_are_weighted_by_their_share() -> None:
    mixed = (Norm(0.25, 5.0), Norm(0.75, 10.0))
    alone_5 = share_within(1, 0.05, 10.0, (Norm(1.0, 5.0),))
    alone_10 = share_within(1, 0.05, 10.0, WALK_IN)
    assert share_within(1, 0.05, 10.0, mixed) == pytest.approx(0.25 * alone_5 + 0.75 * alone_10)


def test_no_arrivals_need_no_desks() -> None:
    assert desks_needed(0.0, 10.0, WALK_IN, 0.8) == 0


@given(
    st.floats(min_value=0.5, max_value=300.0),
    st.floats(min_value=1.0, max_value=40.0),
    st.floats(min_value=0.5, max_value=0.99),
)
def test_desks_needed_is_the_fewest_that_reach_the_level(
    arrivals: float, minutes: float, level: float
) -> None:
    desks = desks_needed(arrivals, minutes, WALK_IN, level)
    per_minute = arrivals / 60
    assert share_within(desks, per_minute, minutes, WALK_IN) >= level
    assert desks == 1 or share_within(desks - 1, per_minute, minutes, WALK_IN) < level


def test_a_busy_hour_by_hand() -> None:
    # 30 visitors an hour at 12 minutes each is 6 Erlangs. With 7 desks C(7, 6) = 0.6138 and
    # 1 - 0.6138·e^(-10/12) = 0.733 is short of 80 %; 8 desks give 1 - 0.3570·e^(-20/12) = 0.933.
    assert share_within(7, 0.5, 12.0, WALK_IN) == pytest.approx(0.7332, abs=1e-4)
    assert share_within(8, 0.5, 12.0, WALK_IN) == pytest.approx(0.9326, abs=1e-4)
    assert share_within(6, 0.5, 12.0, WALK_IN) == 0.0
    assert desks_needed(30.0, 12.0, WALK_IN, 0.8) == 8


def test_advice_puts_needed_next_to_open() -> None:
    demand = [
        HourDemand(0, 9, 30.0, 12.0, 0.0, desks_open=5.0),
        HourDemand(0, 10, 0.0, 12.0, 0.0, desks_open=2.0),
        HourDemand(0, 11, 12.0, 10.0, 0.5, desks_open=None),
    ]
    first, second, third = advise(demand, 10.0, 5.0, 0.8)
    assert (first.desks_needed, first.desks_open, first.share_with_open) == (8, 5.0, 0.0)
    assert (second.desks_needed, second.share_with_open) == (0, None)
    assert third.desks_needed == desks_needed(12.0, 10.0, (Norm(0.5, 5.0), Norm(0.5, 10.0)), 0.8)
    assert third.share_with_open is None


def test_invalid_input_is_refused() -> None:
    with pytest.raises(ValueError):
        erlang_c(0, 1.0)
    with pytest.raises(ValueError):
        desks_needed(10.0, 5.0, WALK_IN, 1.0)
    with pytest.raises(ValueError):
        desks_needed(10.0, 0.0, WALK_IN, 0.8)
