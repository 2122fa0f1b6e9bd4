from __future__ import annotations

import random
import statistics

import pytest

from bench.demand import (
    APPOINTMENT_MIX,
    EARLIEST,
    LATEST,
    OPENING_MINUTES,
    SLOT_MINUTES,
    WALK_IN_MIX,
    DayPlan,
    draw_day,
    hourly_shares,
    lognormal_minutes,
    offered_minutes,
    service_mix,
)
from queue_server.domain.catalogue import AppointmentPolicy, Hall
from queue_server.hall import DEMO_HALL, load_hall


@pytest.fixture(scope="module")
def hall() -> Hall:
    return load_hall(DEMO_HALL)


def test_hourly_shares_cover_the_opening_hours_and_sum_to_one() -> None:
    walk_in, booked = hourly_shares()
    assert len(walk_in) == len(booked) == 8
    assert sum(walk_in) == pytest.approx(1) and sum(booked) == pytest.approx(1)
    assert max(walk_in) == walk_in[1]  # the 10 o'clock peak of arrivals.csv


def test_the_mixes_name_only_services_of_the_demo_hall_with_a_fitting_policy(hall: Hall) -> None:
    policies = {s.code: s.appointment for s in hall.services}
    assert {policies[code] for code in WALK_IN_MIX} <= {
        AppointmentPolicy.NO,
        AppointmentPolicy.OPTIONAL,
    }
    assert {policies[code] for code in APPOINTMENT_MIX} <= {
        AppointmentPolicy.REQUIRED,
        AppointmentPolicy.OPTIONAL,
    }
    every_skill = {s.skill for s in hall.services}
    drawn = {s.skill for appointment in (False, True) for s in service_mix(hall, appointment)[0]}
    assert drawn == every_skill


def test_a_day_keeps_its_plan(hall: Hall) -> None:
    plan = DayPlan(visits=800, appointment_share=0.5, no_show=0.1)
    day = draw_day(hall, plan, seed=7)
    walk_ins = [v for v in day if v.appointment is None]
    booked = [v for v in day if v.appointment is not None]
    assert len(walk_ins) == 400
    assert 400 * 0.85 < len(booked) < 400 * 0.95  # about 10 % did not come
    assert all(0 <= v.arrival < OPENING_MINUTES for v in walk_ins)
    for v in booked:
        assert v.appointment is not None
        assert v.appointment % SLOT_MINUTES == 0 and 0 <= v.appointment < OPENING_MINUTES
        assert max(0.0, v.appointment + EARLIEST) <= v.arrival <= v.appointment + LATEST
        assert v.service.appointment is not AppointmentPolicy.NO
    assert all(w.service.appointment is not AppointmentPolicy.REQUIRED for w in walk_ins)
    assert [v.arrival for v in day] == sorted(v.arrival for v in day)


def test_the_same_seed_gives_the_same_day(hall: Hall) -> None:
    plan = DayPlan()
    assert draw_day(hall, plan, seed=3) == draw_day(hall, plan, seed=3)
    assert draw_day(hall, plan, seed=3) != draw_day(hall, plan, seed=4)


@pytest.mark.parametrize("cv", [0.5, 1.0])
def test_lognormal_service_times_have_the_asked_mean_and_spread(cv: float) -> None:
    rng = random.Random(5)
    sample = [lognormal_minutes(rng, 8.0, cv) for _ in range(40_000)]
    mean = statistics.fmean(sample)
    assert mean == pytest.approx(8.0, rel=0.03)
    assert statistics.stdev(sample) / mean == pytest.approx(cv, rel=0.08)


def test_the_default_day_keeps_the_demo_desks_busy_but_not_overloaded(hall: Hall) -> None:
    minutes = sum(offered_minutes(hall, DayPlan()).values())
    assert 0.70 < minutes / (12 * OPENING_MINUTES) < 0.80


@pytest.mark.parametrize(
    "plan",
    [
        {"visits": 0},
        {"appointment_share": 1.5},
        {"no_show": 1.0},
        {"cv": 0},
    ],
)
def test_impossible_plans_are_refused(plan: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        DayPlan(**plan)  # type: ignore[arg-type]
