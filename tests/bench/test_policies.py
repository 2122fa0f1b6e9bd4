from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bench.demand import Visitor
from bench.policies import PooledFirstCome, Router, SeparateQueues, split_desks
from queue_server.domain.catalogue import AppointmentPolicy, Desk, DeskKind, Service

OPENING = datetime(2025, 3, 11, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))


def service(department: str, skill: str) -> Service:
    return Service(
        f"{department}-{skill}", department, "x", "x", skill, 5.0, AppointmentPolicy.OPTIONAL
    )


PASSPORT = service("burgerzaken", "burgerzaken-reisdocumenten")
WASTE = service("afval", "algemeen")


def test_desks_follow_the_workload_with_one_for_every_department() -> None:
    split = split_desks(range(1, 13), {"burgerzaken": 600, "afval": 100, "sociaal": 20, "leeg": 0})
    counts = {d: list(split.values()).count(d) for d in set(split.values())}
    assert counts == {"burgerzaken": 10, "afval": 1, "sociaal": 1}
    assert sorted(split) == list(range(1, 13))


def test_more_departments_than_desks_cannot_be_split() -> None:
    with pytest.raises(ValueError, match="need a desk"):
        split_desks([1], {"a": 1, "b": 1})


def test_separate_queues_serve_only_their_own_department() -> None:
    policy = SeparateQueues({1: "burgerzaken", 2: "afval"})
    policy.join(Visitor(1, WASTE, 0, None, 5), 0)
    assert policy.call(1, 0) is None
    assert policy.call(2, 0) is not None


def test_the_pool_calls_whoever_is_due_first() -> None:
    policy = PooledFirstCome([1])
    early = Visitor(1, PASSPORT, 0, 20, 5)  # due at its booking, 20
    walker = Visitor(2, WASTE, 10, None, 5)  # due at 10
    policy.join(early, 0)
    policy.join(walker, 10)
    assert policy.call(1, 10) is walker
    assert policy.call(1, 11) is early


def test_the_router_policy_respects_the_desks_skills() -> None:
    desks = [
        Desk("x", 1, DeskKind.GENERALIST, frozenset({"algemeen"})),
        Desk("x", 2, DeskKind.SPECIALIST, frozenset({"burgerzaken-reisdocumenten"})),
    ]
    policy = Router(desks, OPENING)
    passport = Visitor(1, PASSPORT, 0, None, 5)
    policy.join(passport, 0)
    assert policy.call(1, 1) is None
    assert policy.call(2, 1) is passport
    assert policy.call(2, 2) is None
