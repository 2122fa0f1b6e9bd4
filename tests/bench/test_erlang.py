from __future__ import annotations

import pytest

from bench.erlang import erlang_c, mean_wait


def test_one_desk_waits_with_the_probability_of_being_busy() -> None:
    # M/M/1: an arrival waits exactly when the desk is busy, which it is a share rho of time.
    assert erlang_c(1, 0.6) == pytest.approx(0.6)
    assert mean_wait(0.5, 1.0, 1) == pytest.approx(1.0)  # rho / (mu - lambda)


def test_the_yardstick_figures_of_the_data_readme() -> None:
    # 120 visits an hour, 8 minutes each: one pool of 20 desks against 4 queues of 5.
    assert mean_wait(2.0, 8.0, 20) == pytest.approx(0.512, abs=0.001)
    assert mean_wait(0.5, 8.0, 5) == pytest.approx(4.43, abs=0.01)


def test_two_desks_against_the_closed_form() -> None:
    # For c = 2, P(wait) = 2 rho^2 / (1 + rho).
    rho = 0.7
    assert erlang_c(2, 2 * rho) == pytest.approx(2 * rho**2 / (1 + rho))


@pytest.mark.parametrize(("servers", "load"), [(0, 0.5), (3, 3.0), (3, -0.1)])
def test_unstable_or_empty_halls_are_refused(servers: int, load: float) -> None:
    with pytest.raises(ValueError):
        erlang_c(servers, load)
