from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_server.domain.catalogue import GENERAL_SKILL
from queue_server.routing import (
    SPECIALIST_LEAD,
    DeskProfile,
    WaitingTask,
    can_serve,
    choose_next,
    deadline,
    due_at,
)

AMS = ZoneInfo("Europe/Amsterdam")
OPEN = datetime(2025, 3, 11, 9, 0, tzinfo=AMS)
GENERAL = DeskProfile(1, frozenset({GENERAL_SKILL}))
PERMITS = DeskProfile(9, frozenset({GENERAL_SKILL, "vergunningen"}))


def at(hour: int, minute: int) -> datetime:
    return datetime(2025, 3, 11, hour, minute, tzinfo=AMS)


def walk_in(visit_id: int, queued: datetime, skill: str = GENERAL_SKILL) -> WaitingTask:
    return WaitingTask(visit_id, f"A{visit_id:03d}", skill, queued, 10)


def booked(
    visit_id: int, queued: datetime, appointment: datetime, skill: str = GENERAL_SKILL
) -> WaitingTask:
    return WaitingTask(visit_id, f"B{visit_id:03d}", skill, queued, 5, appointment)


def chosen(desk: DeskProfile, waiting: list[WaitingTask], now: datetime) -> WaitingTask:
    choice = choose_next(desk, waiting, now)
    assert choice is not None
    return choice.task


# Rule 1: only what the desk may do.


def test_nothing_waiting_gives_none() -> None:
    assert choose_next(GENERAL, [], at(10, 0)) is None


def test_a_desk_without_the_skill_gets_nothing() -> None:
    assert choose_next(GENERAL, [walk_in(1, at(9, 0), "vergunningen")], at(10, 0)) is None


def test_a_transfer_to_another_desk_is_not_offered_here() -> None:
    pinned = WaitingTask(1, "A001", GENERAL_SKILL, at(9, 0), 5, desk_number=4)
    assert choose_next(GENERAL, [pinned], at(10, 0)) is None
    assert chosen(DeskProfile(4, frozenset({GENERAL_SKILL})), [pinned], at(10, 0)) == pinned


def test_a_transfer_needs_the_skill_even_at_its_own_desk() -> None:
    pinned = WaitingTask(1, "V001", "vergunningen", at(9, 0), 5, desk_number=1)
    assert choose_next(GENERAL, [pinned], at(10, 0)) is None


# Rule 2: earliest deadline first.


def test_the_longer_waiting_walk_in_goes_first() -> None:
    first, second = walk_in(2, at(9, 50)), walk_in(1, at(9, 55))
    assert chosen(GENERAL, [second, first], at(10, 0)) == first


def test_an_appointment_is_called_at_its_time_before_a_walk_in_due_later() -> None:
    walker = walk_in(1, at(9, 58))  # deadline 10:08
    appointment = booked(2, at(9, 50), at(10, 0))  # deadline 10:05
    assert chosen(GENERAL, [walker, appointment], at(10, 0)) == appointment


def test_a_walk_in_due_sooner_goes_before_an_appointment() -> None:
    walker = walk_in(1, at(9, 52))  # deadline 10:02
    appointment = booked(2, at(9, 50), at(10, 0))  # deadline 10:05
    assert chosen(GENERAL, [appointment, walker], at(10, 0)) == walker


def test_a_late_appointment_visitor_ages_from_arrival() -> None:
    late = booked(1, at(10, 8), at(10, 0))
    assert due_at(late) == at(10, 8)
    assert deadline(late) == at(10, 13)


# Rule 3: due before early.


def test_an_early_appointment_does_not_jump_a_due_walk_in() -> None:
    # The appointment's deadline (10:08) is earlier than the walk-in's (10:09), but the
    # appointment visitor is not due until 10:03 and loses nothing by waiting until then.
    early = booked(1, at(9, 45), at(10, 3))
    walker = walk_in(2, at(9, 59))
    assert chosen(GENERAL, [early, walker], at(10, 0)) == walker


def test_an_early_appointment_is_called_when_nobody_due_waits() -> None:
    early = booked(1, at(9, 45), at(10, 10))
    choice = choose_next(GENERAL, [early], at(10, 0))
    assert choice is not None and choice.task == early
    assert "called early" in choice.reason


def test_the_earliest_booking_goes_first_among_early_visitors() -> None:
    later, sooner = booked(1, at(9, 40), at(10, 20)), booked(2, at(9, 50), at(10, 10))
    assert chosen(GENERAL, [later, sooner], at(10, 0)) == sooner


# Rule 4: specialist work first at a desk that can do it, without starving general work.


def test_a_specialist_desk_takes_specialist_work_before_more_urgent_general_work() -> None:
    general = walk_in(1, at(9, 55))  # deadline 10:05
    permit = walk_in(2, at(9, 58), "vergunningen")  # deadline 10:08
    choice = choose_next(PERMITS, [general, permit], at(10, 0))
    assert choice is not None and choice.task == permit
    assert "'vergunningen' work goes before general work" in choice.reason


def test_general_work_far_enough_past_its_norm_beats_specialist_work() -> None:
    permit = walk_in(2, at(9, 58), "vergunningen")  # deadline 10:08
    overdue = walk_in(1, at(9, 58) - SPECIALIST_LEAD - timedelta(minutes=1))
    assert chosen(PERMITS, [permit, overdue], at(10, 0)) == overdue


def test_a_specialist_desk_helps_with_general_work_when_idle() -> None:
    assert chosen(PERMITS, [walk_in(1, at(9, 59))], at(10, 0)).skill == GENERAL_SKILL


def test_a_transfer_to_this_desk_counts_as_its_own_work() -> None:
    general = walk_in(1, at(9, 52))  # deadline 10:02
    pinned = WaitingTask(2, "A002", GENERAL_SKILL, at(9, 59), 5, desk_number=1)  # 10:04
    choice = choose_next(GENERAL, [general, pinned], at(10, 0))
    assert choice is not None and choice.task == pinned
    assert choice.reason.startswith("A002: transferred to this desk")


# Rule 5 and the reason.


def test_equal_deadlines_go_to_the_earlier_check_in_then_the_lower_visit_id() -> None:
    appointment = booked(5, at(9, 50), at(10, 0))  # deadline 10:05, queued 09:50
    walker = walk_in(3, at(9, 55))  # deadline 10:05, queued 09:55
    twin = walk_in(2, at(9, 55))
    assert chosen(GENERAL, [walker, twin, appointment], at(10, 0)) == appointment
    assert chosen(GENERAL, [walker, twin], at(10, 0)) == twin


def test_the_reason_names_ticket_kind_and_urgency() -> None:
    choice = choose_next(GENERAL, [booked(23, at(10, 20), at(10, 30))], at(10, 31))
    assert choice is not None
    assert choice.reason == (
        "B023: appointment at 10:30, 4 min left of its 5-min norm; "
        "the only task this desk can serve."
    )
    choice = choose_next(GENERAL, [walk_in(7, at(10, 0)), walk_in(8, at(10, 5))], at(10, 12))
    assert choice is not None
    assert choice.reason == (
        "A007: walk-in waiting 12 min, 2 min past its 10-min norm; "
        "the most urgent of 2 tasks this desk can serve."
    )


def test_now_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        choose_next(GENERAL, [], datetime(2025, 3, 11, 10, 0))


# Properties.

SKILLS = (GENERAL_SKILL, "vergunningen", "belastingen")
skill_sets = st.frozensets(st.sampled_from(SKILLS), min_size=1)


@st.composite
def tasks(draw: st.DrawFn) -> WaitingTask:
    queued = OPEN + timedelta(minutes=draw(st.integers(0, 120)))
    appointment = draw(
        st.none() | st.integers(-10, 15).map(lambda m: queued + timedelta(minutes=m))
    )
    # Times may come in different zones (a store may hand back UTC); only instants count.
    if draw(st.booleans()):
        queued = queued.astimezone(UTC)
    return WaitingTask(
        visit_id=draw(st.integers(1, 40)),
        ticket=f"A{draw(st.integers(1, 999)):03d}",
        skill=draw(st.sampled_from(SKILLS)),
        queued_at=queued,
        target_minutes=5.0 if appointment is not None else draw(st.sampled_from([5.0, 10.0])),
        appointment_at=appointment,
        desk_number=draw(st.none() | st.integers(1, 3)),
    )


desks = st.builds(DeskProfile, st.integers(1, 3), skill_sets)
nows = st.integers(0, 180).map(lambda m: OPEN + timedelta(minutes=m))


@given(desks, st.lists(tasks(), max_size=12), nows)
def test_never_a_task_the_desk_cannot_serve(
    desk: DeskProfile, waiting: list[WaitingTask], now: datetime
) -> None:
    choice = choose_next(desk, waiting, now)
    if choice is None:
        assert not any(can_serve(desk, task) for task in waiting)
    else:
        assert choice.task in waiting
        assert choice.task.skill in desk.skills
        assert choice.task.desk_number in (None, desk.number)
        assert choice.reason.startswith(choice.task.ticket + ": ")


@given(desks, st.lists(tasks(), max_size=12), nows, st.randoms(use_true_random=False))
def test_the_same_input_in_any_order_gives_the_same_choice(
    desk: DeskProfile, waiting: list[WaitingTask], now: datetime, rng: random.Random
) -> None:
    shuffled = list(waiting)
    rng.shuffle(shuffled)
    assert choose_next(desk, shuffled, now) == choose_next(desk, waiting, now)
    assert choose_next(desk, waiting[::-1], now) == choose_next(desk, waiting, now)


# Starvation. The fairness budget: a task that is due is never passed over for a task that
# became due more than 15 minutes after it (the 10-minute specialist lead plus the 5 minutes
# between the norms). Only finitely many tasks become due in 15 minutes, so a waiting task is
# passed over finitely often and is called once its desks keep falling free; a strict
# priority or last-come-first rule breaks the budget under load.
OVERTAKE = timedelta(minutes=15)


@dataclass
class Arrival:
    task: WaitingTask
    minutes: int


def _serve_stream(
    hall: list[DeskProfile], arrivals: list[Arrival], stop: datetime
) -> dict[WaitingTask, datetime]:
    """Minute by minute: arrivals join, free desks (in number order) call; returns call times.

    Asserts the overtaking bound at every call.
    """
    waiting: list[WaitingTask] = []
    free_at = {desk.number: OPEN for desk in hall}
    called: dict[WaitingTask, datetime] = {}
    pending = sorted(arrivals, key=lambda a: a.task.queued_at)
    now = OPEN
    while now < stop and (pending or waiting):
        while pending and pending[0].task.queued_at <= now:
            waiting.append(pending.pop(0).task)
        for desk in hall:
            if free_at[desk.number] > now:
                continue
            choice = choose_next(desk, waiting, now)
            if choice is None:
                continue
            passed_over = [t for t in waiting if can_serve(desk, t) and due_at(t) <= now]
            for task in passed_over:
                assert due_at(choice.task) <= due_at(task) + OVERTAKE, (choice.task, task)
            waiting.remove(choice.task)
            called[choice.task] = now
            service = next(a.minutes for a in arrivals if a.task is choice.task)
            free_at[desk.number] = now + timedelta(minutes=service)
        now += timedelta(minutes=1)
    return called


@st.composite
def streams(draw: st.DrawFn) -> tuple[list[DeskProfile], list[Arrival]]:
    hall = [DeskProfile(n, draw(skill_sets)) for n in range(1, draw(st.integers(1, 3)) + 1)]
    arrivals: list[Arrival] = []
    queued = OPEN
    for visit_id in range(1, draw(st.integers(1, 60)) + 1):
        # Gaps of 0-3 minutes against services of 1-12 minutes at 1-3 desks: mostly more
        # work arrives than the desks can do, so queues build up for the whole stream.
        queued += timedelta(minutes=draw(st.integers(0, 3)))
        desk = draw(st.sampled_from(hall))
        skill = draw(st.sampled_from(sorted(desk.skills)))
        appointment = draw(st.none() | st.integers(-10, 15))
        task = WaitingTask(
            visit_id,
            f"A{visit_id:03d}",
            skill,
            queued,
            5.0 if appointment is not None else 10.0,
            None if appointment is None else queued + timedelta(minutes=appointment),
            desk.number if draw(st.integers(0, 9)) == 0 else None,
        )
        arrivals.append(Arrival(task, draw(st.integers(1, 12))))
    return hall, arrivals


@settings(deadline=None)
@given(streams())
def test_under_sustained_load_nobody_is_passed_over_for_long_and_everyone_is_called(
    stream: tuple[list[DeskProfile], list[Arrival]],
) -> None:
    hall, arrivals = stream
    called = _serve_stream(hall, arrivals, stop=OPEN + timedelta(days=1))
    assert set(called) == {a.task for a in arrivals}
    for task, moment in called.items():
        assert moment >= task.queued_at


def test_a_general_visitor_is_called_while_specialist_work_keeps_pouring_in() -> None:
    # One desk, a permit visitor every 5 minutes for 5-minute services: the desk never runs
    # out of specialist work, yet the general visitor must not wait for the end of the day.
    permits = [
        Arrival(walk_in(n, OPEN + timedelta(minutes=5 * n), "vergunningen"), 5)
        for n in range(1, 96)
    ]
    general = Arrival(walk_in(500, at(10, 0)), 5)
    called = _serve_stream([PERMITS], [*permits, general], stop=at(17, 0))
    assert called[general.task] <= at(10, 0) + timedelta(minutes=10) + SPECIALIST_LEAD + (
        timedelta(minutes=5)
    )
