from __future__ import annotations

import pytest

from queue_server.domain.visit import (
    Action,
    IllegalTransition,
    VisitState,
    allowed_actions,
    next_state,
)

LEGAL = {
    (VisitState.WAITING, Action.CALL): VisitState.CALLED,
    (VisitState.CALLED, Action.RECALL): VisitState.CALLED,
    (VisitState.CALLED, Action.START): VisitState.SERVING,
    (VisitState.CALLED, Action.REQUEUE): VisitState.WAITING,
    (VisitState.SERVING, Action.FINISH): VisitState.DONE,
    (VisitState.SERVING, Action.TRANSFER): VisitState.WAITING,
    (VisitState.SERVING, Action.REQUEUE): VisitState.WAITING,
    (VisitState.WAITING, Action.NO_SHOW): VisitState.CLOSED,
    (VisitState.CALLED, Action.NO_SHOW): VisitState.CLOSED,
    (VisitState.WAITING, Action.CANCEL): VisitState.CLOSED,
    (VisitState.CALLED, Action.CANCEL): VisitState.CLOSED,
    (VisitState.WAITING, Action.CLOSE_DAY): VisitState.CLOSED,
    (VisitState.CALLED, Action.CLOSE_DAY): VisitState.CLOSED,
    (VisitState.SERVING, Action.CLOSE_DAY): VisitState.CLOSED,
}


@pytest.mark.parametrize(("state", "action"), list(LEGAL))
def test_legal_transitions_follow_the_design(state: VisitState, action: Action) -> None:
    assert next_state(state, action) is LEGAL[(state, action)]


@pytest.mark.parametrize(
    ("state", "action"),
    [(s, a) for s in VisitState for a in Action if (s, a) not in LEGAL],
)
def test_every_other_transition_is_refused_with_a_reason(state: VisitState, action: Action) -> None:
    with pytest.raises(IllegalTransition) as caught:
        next_state(state, action)
    assert caught.value.reason.startswith(f"cannot {action.value.replace('_', ' ')}")
    assert caught.value.state is state


def test_finished_and_closed_visits_allow_nothing() -> None:
    assert allowed_actions(VisitState.DONE) == frozenset()
    assert allowed_actions(VisitState.CLOSED) == frozenset()
    assert allowed_actions(VisitState.CALLED) == {
        Action.RECALL, Action.START, Action.REQUEUE, Action.NO_SHOW, Action.CANCEL,
        Action.CLOSE_DAY,
    }


def test_open_states() -> None:
    assert {s for s in VisitState if s.is_open} == {
        VisitState.WAITING, VisitState.CALLED, VisitState.SERVING,
    }
