from __future__ import annotations

import pytest

from bench.demand import DayPlan
from bench.simulate import POLICIES, compare, main
from queue_server.hall import DEMO_HALL, load_hall


def test_the_router_meets_the_goal_on_the_demo_hall() -> None:
    # The goal of the routing issue, on twenty fixed seeds (deterministic, about 2 s): the
    # router with Kreupelstraat's real skills closes at least 90 % of the gap between
    # separate department queues and one pooled queue, and keeps both norms for 95 %.
    result = compare(load_hall(DEMO_HALL), DayPlan(), days=20, seed=1)
    router = result.stats["router"]
    assert result.gap_captured >= 0.9
    assert router.walk_ins_within >= 0.95
    assert router.appointments_within >= 0.95
    # Fair to every kind of work, too: with the hall's first skill matrix (one desk for
    # permits, one for both social skills) Wmo visitors were within the norm only 69 % of
    # the time.
    skill, share = result.worst_skill["router"]
    assert share >= 0.9, skill
    # And nobody is left to wait: a day's longest wait stays near the pooled queue's (about
    # 6 minutes). Last-come-first-served matches the averages above but leaves some visitor
    # waiting over half an hour every day.
    assert router.max <= 15


def test_the_policies_rank_as_queueing_theory_says() -> None:
    result = compare(load_hall(DEMO_HALL), DayPlan(), days=3, seed=11)
    separate, pooled, router = (result.stats[name] for name in POLICIES)
    assert pooled.mean < router.mean < separate.mean
    assert pooled.p90 <= pooled.max and 0 <= pooled.within_norm <= 1


def test_main_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--days", "2", "--visits", "300", "--cv", "0.5", "--no-show", "0.05"]) == 0
    out = capsys.readouterr().out
    assert "2 simulated days of 300 visits" in out
    assert all(name in out for name in POLICIES)
    assert "gap captured by the router" in out


def test_an_unknown_location_is_an_error() -> None:
    with pytest.raises(ValueError, match="no desks"):
        compare(load_hall(DEMO_HALL), DayPlan(), days=1, seed=1, location="nowhere")
