from __future__ import annotations

from collections.abc import Sequence

import pytest

from bench.demand import Visitor
from bench.policies import PooledFirstCome
from bench.sim_engine import Served, run
from queue_server.domain.catalogue import AppointmentPolicy, Service

ANY = Service("s", "d", "s", "s", "algemeen", 5.0, AppointmentPolicy.OPTIONAL)


def visitor(
    visit_id: int, arrival: float, duration: float, appointment: float | None = None
) -> Visitor:
    return Visitor(visit_id, ANY, arrival, appointment, duration)


def waits(served: Sequence[Served]) -> dict[int, float]:
    return {s.visitor.id: s.wait for s in served}


def test_one_desk_serves_in_turn() -> None:
    served = list(
        run([visitor(1, 0, 5), visitor(2, 1, 5), visitor(3, 20, 1)], PooledFirstCome([1]))
    )
    assert waits(served) == {1: 0, 2: 4, 3: 0}
    assert [s.called_at for s in served] == [0, 5, 20]


def test_a_desk_falling_free_as_someone_arrives_calls_them_at_once() -> None:
    served = list(run([visitor(1, 0, 5), visitor(2, 5, 1)], PooledFirstCome([1])))
    assert waits(served)[2] == 0


def test_an_early_appointment_waits_nothing_and_a_late_one_from_arrival() -> None:
    # Booked at 30 but there at 20, called at 20: no wait. Booked at 10, there at 12, called
    # at 15 after visitor 1: three minutes.
    served = list(
        run(
            [
                visitor(1, 0, 15),
                visitor(2, 12, 1, appointment=10),
                visitor(3, 20, 1, appointment=30),
            ],
            PooledFirstCome([1]),
        )
    )
    assert waits(served) == {1: 0, 2: pytest.approx(3), 3: 0}


def test_the_desk_idle_longest_calls_first() -> None:
    # Desk 2 falls free at 3, desk 1 at 6; the visitor at 10 goes to desk 2.
    served = list(
        run([visitor(1, 0, 6), visitor(2, 0, 3), visitor(3, 10, 1)], PooledFirstCome([1, 2]))
    )
    assert {s.visitor.id: s.desk for s in served}[3] == 2


def test_everyone_is_served_once() -> None:
    crowd = [visitor(i, i * 0.5, 3) for i in range(100)]
    served = list(run(crowd, PooledFirstCome([1, 2, 3])))
    assert sorted(s.visitor.id for s in served) == list(range(100))
