"""A simulated day's visitors, drawn from the demo hall's figures.

From the data: the services with their skill, typical minutes and appointment policy (the
hall configuration), the hourly shares of walk-ins and appointments (``arrivals.csv``), and
from ``shared/data/README.md`` lognormal service times, 5-15 % no-shows and appointment
visitors arriving from 15 minutes early to 10 minutes late.

Not in the data, so assumed here: which services visitors come for (:data:`WALK_IN_MIX`,
:data:`APPOINTMENT_MIX`). The catalogue only says how long each service takes. The mix below
makes most visits short front-office work (5.3 minutes a walk-in, 8.0 an appointment on
average); even so twelve desks are 76 % busy at 700 visits, 87 % at 800 and 98 % at 900
(:func:`offered_minutes`), and above about 750 visits no way of running the hall keeps the
norms. So the default day is 700 visits, the low end of the README's busy day.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from queue_server.domain.catalogue import AppointmentPolicy, Hall, Service
from queue_server.hall import DEMO_HALL

ARRIVALS_CSV = DEMO_HALL.parent / "arrivals.csv"
OPENING_MINUTES = 8 * 60
"""09:00-17:00: the hours in ``arrivals.csv``."""
SLOT_MINUTES = 5
"""Appointments are booked on a five-minute grid."""
EARLIEST, LATEST = -15.0, 10.0
"""Appointment visitors arrive between 15 minutes early and 10 minutes late."""

WALK_IN_MIX: Mapping[str, float] = {
    # Collecting documents and quick questions make up most walk-ins.
    "paspoort-of-id-kaart-ophalen": 26,
    "rijbewijs-ophalen": 10,
    "uittreksel-brp": 6,
    "verhuizing-doorgeven": 2,
    "geboorteaangifte": 0.5,
    "overlijdensaangifte": 0.5,
    "verklaring-omtrent-het-gedrag-vog": 2,
    "handtekening-legaliseren": 2,
    "vraag-over-gemeentelijke-belastingen-of": 2,
    "kwijtschelding-aanvragen": 0.25,
    "parkeervergunning-aanvragen": 1.5,
    "bezoekersparkeren": 8,
    "afvalpas-of-container": 6,
    "grofvuil-ophalen": 6,
    "omgevingsvergunning-bouwen": 0.25,
    "evenementenvergunning": 0.25,
    "bijstand-of-inkomensondersteuning": 0.5,
    "hulp-thuis-wmo": 0.25,
    "schuldhulpverlening": 0.25,
    "stadjerspas-en-minimaregelingen": 2,
    "gevonden-voorwerpen": 6,
    "melding-openbare-ruimte": 6,
    "andere-vraag-weet-ik-niet": 6,
}
APPOINTMENT_MIX: Mapping[str, float] = {
    # Travel documents dominate the bookings, with the short Burgerzaken errands.
    "paspoort-of-id-kaart-aanvragen": 10,
    "rijbewijs-aanvragen": 4,
    "inschrijven-vanuit-het-buitenland": 0.75,
    "naturalisatie": 0.25,
    "huwelijk-of-partnerschap-melden": 0.5,
    "geboorteaangifte": 1,
    "overlijdensaangifte": 0.5,
    "uittreksel-brp": 28,
    "verhuizing-doorgeven": 15,
    "verklaring-omtrent-het-gedrag-vog": 10,
    "handtekening-legaliseren": 20,
    "vraag-over-gemeentelijke-belastingen-of": 2,
    "kwijtschelding-aanvragen": 0.5,
    "parkeervergunning-aanvragen": 3,
    "omgevingsvergunning-bouwen": 0.5,
    "evenementenvergunning": 0.25,
    "bouwtekeningen-inzien": 0.5,
    "bijstand-of-inkomensondersteuning": 0.75,
    "hulp-thuis-wmo": 0.5,
    "schuldhulpverlening": 0.25,
}


@dataclass(frozen=True, slots=True)
class Visitor:
    """One visitor with one task; times are minutes after opening."""

    id: int
    service: Service
    arrival: float
    appointment: float | None
    duration: float

    @property
    def due(self) -> float:
        """From when the wait counts: arrival, or the booked time if they came early."""
        if self.appointment is None:
            return self.arrival
        return max(self.arrival, self.appointment)

    @property
    def target(self) -> float:
        return 10.0 if self.appointment is None else 5.0


@dataclass(frozen=True, slots=True)
class DayPlan:
    """The knobs of a simulated day."""

    visits: int = 700
    """Walk-ins plus booked appointments (no-shows included)."""
    appointment_share: float = 0.5
    no_show: float = 0.10
    cv: float = 0.75
    """Coefficient of variation of the lognormal service times."""

    def __post_init__(self) -> None:
        if self.visits < 1:
            raise ValueError("visits must be >= 1")
        if not 0 <= self.appointment_share <= 1 or not 0 <= self.no_show < 1:
            raise ValueError("appointment_share must be in [0, 1] and no_show in [0, 1)")
        if self.cv <= 0:
            raise ValueError("cv must be > 0")


def hourly_shares(path: Path = ARRIVALS_CSV) -> tuple[list[float], list[float]]:
    """Walk-in and appointment shares per opening hour, in hour order, each summing to 1."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["hour"]))
    walk_in = [float(row["share_of_day_walk_in"]) for row in rows]
    booked = [float(row["share_of_day_appointments"]) for row in rows]
    if len(rows) * 60 != OPENING_MINUTES:
        raise ValueError(f"{path}: expected {OPENING_MINUTES // 60} opening hours")
    return [s / sum(walk_in) for s in walk_in], [s / sum(booked) for s in booked]


def service_mix(hall: Hall, appointment: bool) -> tuple[list[Service], list[float]]:
    """The services a walk-in (or an appointment) can come for, with their weights."""
    mix = APPOINTMENT_MIX if appointment else WALK_IN_MIX
    allowed = (
        {AppointmentPolicy.REQUIRED, AppointmentPolicy.OPTIONAL}
        if appointment
        else {AppointmentPolicy.NO, AppointmentPolicy.OPTIONAL}
    )
    services = [s for s in hall.services if s.appointment in allowed and mix.get(s.code, 0) > 0]
    return services, [mix[s.code] for s in services]


def offered_minutes(hall: Hall, plan: DayPlan) -> dict[str, float]:
    """Expected service minutes a day brings per department (no-shows left out)."""
    work: dict[str, float] = {}
    for appointment in (False, True):
        services, weights = service_mix(hall, appointment)
        visits = plan.visits * (
            plan.appointment_share if appointment else 1 - plan.appointment_share
        )
        if appointment:
            visits *= 1 - plan.no_show
        for service, weight in zip(services, weights, strict=True):
            minutes = visits * weight / sum(weights) * service.typical_minutes
            work[service.department] = work.get(service.department, 0.0) + minutes
    return work


def lognormal_minutes(rng: random.Random, mean: float, cv: float) -> float:
    """A lognormal service time with the given mean and coefficient of variation."""
    sigma2 = math.log1p(cv * cv)
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


def _minute_in_hour(rng: random.Random, shares: Sequence[float]) -> float:
    hour = rng.choices(range(len(shares)), weights=shares)[0]
    return 60 * hour + 60 * rng.random()


def draw_day(hall: Hall, plan: DayPlan, seed: int) -> list[Visitor]:
    """The visitors who turn up on one day, in order of arrival."""
    rng = random.Random(seed)
    walk_in_shares, booked_shares = hourly_shares()
    booked = round(plan.visits * plan.appointment_share)
    visitors: list[Visitor] = []
    for index in range(plan.visits):
        appointment = index < booked
        services, weights = service_mix(hall, appointment)
        service = rng.choices(services, weights=weights)[0]
        duration = lognormal_minutes(rng, service.typical_minutes, plan.cv)
        if appointment:
            slot = SLOT_MINUTES * (_minute_in_hour(rng, booked_shares) // SLOT_MINUTES)
            arrival = max(0.0, slot + rng.uniform(EARLIEST, LATEST))
            if rng.random() < plan.no_show:
                continue
            visitors.append(Visitor(index, service, arrival, slot, duration))
        else:
            visitors.append(
                Visitor(index, service, _minute_in_hour(rng, walk_in_shares), None, duration)
            )
    visitors.sort(key=lambda v: (v.arrival, v.id))
    return visitors
