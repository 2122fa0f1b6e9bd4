"""The visit state machine of DESIGN.md.

::

    waiting ─call─▶ called ─start─▶ serving ─finish─▶ done
       ▲              │  ▲recall         │
       └──requeue─────┘  └──────┐        └─transfer─▶ waiting (new task, same ticket)
    waiting/called ─no-show/cancel─▶ closed

Illegal transitions raise :class:`IllegalTransition` with a reason a person can read; the
API turns it into a 409.
"""

from __future__ import annotations

import enum


class VisitState(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        return self in (VisitState.WAITING, VisitState.CALLED, VisitState.SERVING)


class Action(enum.StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    REQUEUE = "requeue"
    TRANSFER = "transfer"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    CLOSE_DAY = "close_day"


class Outcome(enum.StrEnum):
    """How a task ended (afhandeling)."""

    RESOLVED = "resolved"
    TRANSFERRED = "transferred"
    FOLLOW_UP = "follow_up"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    END_OF_DAY = "end_of_day"


class IllegalTransition(Exception):
    """An action that the visit's current state does not allow."""

    def __init__(self, state: VisitState, action: Action, reason: str) -> None:
        super().__init__(reason)
        self.state = state
        self.action = action
        self.reason = reason


_TRANSITIONS: dict[tuple[VisitState, Action], VisitState] = {
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

_WHY_NOT = {
    VisitState.WAITING: "the visitor has not been called yet",
    VisitState.CALLED: "the visitor has been called but not started",
    VisitState.SERVING: "the visitor is being served",
    VisitState.DONE: "the visit is already finished",
    VisitState.CLOSED: "the visit is already closed",
}


def next_state(state: VisitState, action: Action) -> VisitState:
    """Return the state after ``action``; raise :class:`IllegalTransition` if not allowed."""
    try:
        return _TRANSITIONS[(state, action)]
    except KeyError:
        reason = f"cannot {action.value.replace('_', ' ')}: {_WHY_NOT[state]}"
        raise IllegalTransition(state, action, reason) from None


def allowed_actions(state: VisitState) -> frozenset[Action]:
    """The actions the state allows (used by desk pages to enable buttons)."""
    return frozenset(action for (s, action) in _TRANSITIONS if s is state)
