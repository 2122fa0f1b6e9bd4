"""Which waiting task a desk calls next, and why.

The router is a pure function of the desk, the waiting tasks and ``now``; it reads no clock
and no database, so the server, the tests and the day simulation (``bench/``) all call the
very same code.

The rules, in order:

1. **Only what the desk may do.** A task is a candidate when the desk has its skill and, if
   the task was transferred to one particular desk, this is that desk.
2. **Earliest deadline first.** Every task ages against its norm: its deadline is the moment it
   became due (check-in or transfer, or the booked time for an appointment visitor who came
   early) plus its target minutes. The task whose deadline comes first is called first, so a
   walk-in who is due sooner goes before an early appointment visitor, and an appointment is
   called at its time.
3. **Due before early.** An appointment visitor who came before the booked time is called
   early only when nothing that is already due waits for this desk: their wait counts from
   the booked time, so calling them early would save them nothing and cost someone else.
4. **Specialist work first at a desk that can do it.** Work that few desks can do (a skill
   other than ``algemeen``, or a transfer to this very desk) counts as
   :data:`SPECIALIST_LEAD` more urgent than it is. So a desk with specialist skills takes
   general work only when none of its specialist work waits, or when the general work's
   deadline comes more than the lead before the specialist work's. The lead is finite, so
   nothing starves: a task is only ever passed over for tasks that became due at most the
   lead plus the difference between the norms after it.
5. **Stable ties.** Equal deadlines go to the earlier check-in, then the lower visit id and
   ticket, never to the order of the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from queue_server.domain.catalogue import GENERAL_SKILL

SPECIALIST_LEAD = timedelta(minutes=10)
"""How much more urgent specialist work counts at a desk that can do it (rule 4)."""


@dataclass(frozen=True, slots=True)
class WaitingTask:
    visit_id: int
    ticket: str
    skill: str
    """The skill this task needs."""
    queued_at: datetime
    """When this task began waiting: the check-in, or the transfer or requeue."""
    target_minutes: float
    """The norm it ages against: 10 for a walk-in, 5 for an appointment or a transfer."""
    appointment_at: datetime | None = None
    """The booked time, for appointments."""
    desk_number: int | None = None
    """A transfer to one specific desk: only that desk may take it."""


@dataclass(frozen=True, slots=True)
class DeskProfile:
    number: int
    skills: frozenset[str]
    """What this desk with its signed-in clerk can handle now."""


@dataclass(frozen=True, slots=True)
class Choice:
    task: WaitingTask
    reason: str
    """One English sentence a clerk or a manager can read."""


def due_at(task: WaitingTask) -> datetime:
    """When the task starts to count: check-in, or the booked time if the visitor came early."""
    if task.appointment_at is not None and task.appointment_at > task.queued_at:
        return task.appointment_at
    return task.queued_at


def deadline(task: WaitingTask) -> datetime:
    """When the task passes its norm."""
    return due_at(task) + timedelta(minutes=task.target_minutes)


def can_serve(desk: DeskProfile, task: WaitingTask) -> bool:
    """Whether the desk may take the task at all (rule 1)."""
    if task.desk_number is not None and task.desk_number != desk.number:
        return False
    return task.skill in desk.skills


def is_specialist_work(desk: DeskProfile, task: WaitingTask) -> bool:
    """Work this desk should keep for itself while it waits (rule 4)."""
    return task.skill != GENERAL_SKILL or task.desk_number == desk.number


def choose_next(desk: DeskProfile, waiting: Sequence[WaitingTask], now: datetime) -> Choice | None:
    """The task ``desk`` should call now, with the reason; ``None`` when it can serve none.

    The answer depends only on the arguments, not on the order of ``waiting``.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    candidates = [task for task in waiting if can_serve(desk, task)]
    if not candidates:
        return None
    best = min(candidates, key=lambda task: _priority(desk, task, now))
    return Choice(best, _reason(desk, best, candidates, now))


def _is_early(task: WaitingTask, now: datetime) -> bool:
    return due_at(task) > now


def _priority(desk: DeskProfile, task: WaitingTask, now: datetime) -> tuple[object, ...]:
    lead = SPECIALIST_LEAD if is_specialist_work(desk, task) else timedelta(0)
    booked = task.appointment_at.timestamp() if task.appointment_at is not None else 0.0
    return (
        _is_early(task, now),
        deadline(task) - lead,
        deadline(task),
        task.queued_at,
        task.visit_id,
        task.ticket,
        task.skill,
        task.target_minutes,
        booked,
        -1 if task.desk_number is None else task.desk_number,
    )


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _minutes(delta: timedelta) -> int:
    return round(delta.total_seconds() / 60)


def _reason(
    desk: DeskProfile, task: WaitingTask, candidates: Sequence[WaitingTask], now: datetime
) -> str:
    if task.desk_number == desk.number:
        what = "transferred to this desk"
    elif task.appointment_at is not None:
        what = f"appointment at {_clock(task.appointment_at)}"
    else:
        what = f"walk-in waiting {_minutes(now - task.queued_at)} min"
    if _is_early(task, now):
        return f"{task.ticket}: {what}, called early because nobody who is due waits for this desk."
    left = deadline(task) - now
    if left >= timedelta(0):
        urgency = f"{_minutes(left)} min left of its {task.target_minutes:g}-min norm"
    else:
        urgency = f"{_minutes(-left)} min past its {task.target_minutes:g}-min norm"
    # Name the specialist rule only when it decided: when plain deadlines would have picked
    # another task.
    by_deadline = min(
        (c for c in candidates if not _is_early(c, now)),
        key=lambda c: (deadline(c), _priority(desk, c, now)),
    )
    if by_deadline != task and task.desk_number == desk.number:
        why = "work only this desk may do goes first"
    elif by_deadline != task:
        why = f"'{task.skill}' work goes before general work at this desk"
    elif len(candidates) > 1:
        why = f"the most urgent of {len(candidates)} tasks this desk can serve"
    else:
        why = "the only task this desk can serve"
    return f"{task.ticket}: {what}, {urgency}; {why}."
