from __future__ import annotations

import pytest

from bench.erlang import mean_wait
from bench.validation import simulated_mean_wait


@pytest.mark.slow
def test_pooled_first_come_matches_erlang_c() -> None:
    # 10,000 simulated hours (1.2 million visitors) keep the spread of the estimate near 2 %,
    # so a simulator that is 5 % off would be caught; about 8 s on one core.
    analytic = mean_wait(2.0, 8.0, 20)
    simulated = simulated_mean_wait(2.0, 8.0, 20, hours=10_000, warm_up_hours=20, seed=1)
    assert simulated == pytest.approx(analytic, rel=0.05)


def test_a_light_load_hardly_waits_and_a_heavy_one_waits_long() -> None:
    light = simulated_mean_wait(1.0, 8.0, 20, hours=200, warm_up_hours=5, seed=3)
    heavy = simulated_mean_wait(2.3, 8.0, 20, hours=200, warm_up_hours=5, seed=3)
    assert light < 0.01 < 1.0 < heavy
