"""``eenloket simulate``: a busy day in the hall under three ways of running it.

1. separate department queues: today's fragmented hall, each desk serving one department;
2. one pooled first-come queue where every desk can do everything: the bound;
3. the router (:func:`queue_server.routing.choose_next`) with the desks' real skills.

Every policy sees the same visitors with the same service times on each seeded day, so the
differences come from the policy alone. Waits count from arrival for walk-ins and from
max(arrival, booked time) for appointments; the norms are 10 and 5 minutes.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.demand import DayPlan, draw_day, offered_minutes
from bench.erlang import mean_wait
from bench.policies import PooledFirstCome, Router, SeparateQueues, split_desks
from bench.sim_engine import Policy, Served, run
from bench.validation import simulated_mean_wait
from queue_server.domain.catalogue import Hall
from queue_server.hall import DEMO_HALL, load_hall

POLICIES = ("separate queues", "pooled (bound)", "router")
SIMULATED_DATE = date(2025, 3, 11)
"""Any working day will do; only the time of day matters to the router."""


@dataclass(frozen=True, slots=True)
class DayStats:
    """One policy on one day; waits in minutes, shares as fractions."""

    mean: float
    p90: float
    max: float
    within_norm: float
    walk_ins_within: float
    appointments_within: float

    @classmethod
    def of(cls, served: Sequence[Served]) -> DayStats:
        # A day nobody came (a tiny plan with no-shows) counts as a day nobody waited.
        waits = sorted(s.wait for s in served) or [0.0]
        walk_ins = [s for s in served if s.visitor.appointment is None]
        booked = [s for s in served if s.visitor.appointment is not None]
        return cls(
            mean=statistics.fmean(waits),
            p90=statistics.quantiles(waits, n=10, method="inclusive")[-1]
            if waits[1:]
            else waits[0],
            max=waits[-1],
            within_norm=_share_within(served),
            walk_ins_within=_share_within(walk_ins),
            appointments_within=_share_within(booked),
        )

    @classmethod
    def average(cls, days: Sequence[DayStats]) -> DayStats:
        return cls(*(statistics.fmean(getattr(d, f.name) for d in days) for f in fields(cls)))


def _share_within(served: Sequence[Served]) -> float:
    if not served:
        return 1.0  # nobody of this kind came, so nobody missed the norm
    return sum(s.wait <= s.visitor.target for s in served) / len(served)


@dataclass(frozen=True, slots=True)
class Comparison:
    days: int
    plan: DayPlan
    utilisation: float
    """Offered work over the desks' opening minutes."""
    stats: dict[str, DayStats]
    worst_skill: dict[str, tuple[str, float]]
    """Per policy, the skill whose visitors were least often within the norm, over all days."""

    @property
    def gap_captured(self) -> float:
        """(W_separate - W_router) / (W_separate - W_pooled), from the mean waits; NaN when
        pooling gains nothing (a day so quiet that nobody waits anyway)."""
        separate, pooled, router = (self.stats[p].mean for p in POLICIES)
        if separate == pooled:
            return math.nan
        return (separate - router) / (separate - pooled)


def policy_factories(hall: Hall, location: str, plan: DayPlan) -> dict[str, Callable[[], Policy]]:
    """A fresh policy per day for each way of running the hall at ``location``."""
    desks = hall.desks_at(location)
    if not desks:
        raise ValueError(f"location {location!r} has no desks in this hall")
    numbers = [desk.number for desk in desks]
    split = split_desks(numbers, offered_minutes(hall, plan))
    zone = ZoneInfo(next(loc.timezone for loc in hall.locations if loc.code == location))
    opening = datetime.combine(SIMULATED_DATE, time(9), tzinfo=zone)
    return {
        POLICIES[0]: lambda: SeparateQueues(split),
        POLICIES[1]: lambda: PooledFirstCome(numbers),
        POLICIES[2]: lambda: Router(desks, opening),
    }


def compare(
    hall: Hall, plan: DayPlan, *, days: int, seed: int, location: str = "kreupelstraat"
) -> Comparison:
    """Simulate ``days`` days (seeds ``seed``, ``seed + 1``, ...) under every policy."""
    if days < 1:
        raise ValueError("days must be >= 1")
    factories = policy_factories(hall, location, plan)
    per_policy: dict[str, list[DayStats]] = {name: [] for name in POLICIES}
    within = {name: Counter[str]() for name in POLICIES}
    total = {name: Counter[str]() for name in POLICIES}
    for day in range(days):
        visitors = draw_day(hall, plan, seed + day)
        for name, factory in factories.items():
            served = list(run(visitors, factory()))
            per_policy[name].append(DayStats.of(served))
            for s in served:
                total[name][s.visitor.service.skill] += 1
                within[name][s.visitor.service.skill] += s.wait <= s.visitor.target
    worst_skill = {}
    for name in POLICIES:
        share, skill = min(
            ((within[name][k] / n, k) for k, n in total[name].items()), default=(1.0, "-")
        )
        worst_skill[name] = (skill, share)
    desk_minutes = len(hall.desks_at(location)) * 8 * 60
    return Comparison(
        days=days,
        plan=plan,
        utilisation=sum(offered_minutes(hall, plan).values()) / desk_minutes,
        stats={name: DayStats.average(stats) for name, stats in per_policy.items()},
        worst_skill=worst_skill,
    )


def format_table(result: Comparison) -> str:
    plan = result.plan
    lines = [
        f"{result.days} simulated days of {plan.visits} visits "
        f"({plan.appointment_share:.0%} booked, {plan.no_show:.0%} no-show, "
        f"service-time CV {plan.cv:g}); desks {result.utilisation:.0%} busy on average",
        "waits in minutes, each figure the mean over the days",
        f"{'policy':<17}{'mean':>7}{'p90':>7}{'max':>7}{'in norm':>9}"
        f"{'walk-in<=10':>13}{'appt<=5':>9}  worst-served skill",
    ]
    for name in POLICIES:
        s = result.stats[name]
        skill, share = result.worst_skill[name]
        lines.append(
            f"{name:<17}{s.mean:>7.2f}{s.p90:>7.1f}{s.max:>7.1f}{s.within_norm:>9.1%}"
            f"{s.walk_ins_within:>13.1%}{s.appointments_within:>9.1%}  {share:.1%} {skill}"
        )
    lines.append(f"gap captured by the router: {result.gap_captured:.3f}")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eenloket simulate", description=__doc__.split("\n")[0])
    defaults = DayPlan()
    parser.add_argument("--days", type=int, default=100, help="seeded days to average")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first day")
    parser.add_argument(
        "--visits",
        type=int,
        default=defaults.visits,
        help="walk-ins plus booked appointments per day",
    )
    parser.add_argument(
        "--appointments",
        type=float,
        default=defaults.appointment_share,
        help="share of visits booked",
    )
    parser.add_argument(
        "--no-show",
        type=float,
        default=defaults.no_show,
        help="share of booked visitors who do not come",
    )
    parser.add_argument(
        "--cv", type=float, default=defaults.cv, help="coefficient of variation of service times"
    )
    parser.add_argument("--hall", type=Path, default=DEMO_HALL, help="hall configuration")
    parser.add_argument("--location", default="kreupelstraat")
    parser.add_argument(
        "--validate",
        action="store_true",
        help="also check the simulator against Erlang C (about 10 s)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    plan = DayPlan(
        visits=args.visits, appointment_share=args.appointments, no_show=args.no_show, cv=args.cv
    )
    result = compare(
        load_hall(args.hall), plan, days=args.days, seed=args.seed, location=args.location
    )
    print(format_table(result))
    if args.validate:
        analytic = mean_wait(2.0, 8.0, 20)
        simulated = simulated_mean_wait(
            2.0, 8.0, 20, hours=10_000, warm_up_hours=20, seed=args.seed
        )
        print(
            f"Erlang C check (120 visits/h, 8 min, 20 desks): simulated {simulated:.3f} min, "
            f"analytic {analytic:.3f} min ({simulated / analytic - 1:+.1%})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
