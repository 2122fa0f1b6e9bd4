"""The demo hall's people and things: clerks, a manager, devices, today's appointments."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from eenloket_wire.messages import AppointmentIn
from queue_server.domain.catalogue import AppointmentPolicy
from queue_server.services.appointments import create as create_appointment
from queue_server.services.auth import create_device, create_user
from queue_server.services.context import Context
from queue_server.store import repository as repo

DEMO_CLERKS = tuple(f"balie{n}" for n in range(1, 13))
LOCATIONS = ("kreupelstraat", "haren")
LAST_SLOT = time(23, 50)
"""The demo books nothing after this: a booking after midnight is for another service day."""


@dataclass
class DemoPeople:
    password: str
    tokens: dict[str, str] = field(default_factory=dict)
    booking_codes: list[str] = field(default_factory=list)


async def seed_demo(ctx: Context, rng: random.Random) -> DemoPeople:
    """Users with one random password (printed by the demo), devices, and appointments from
    now until closing time (or the next three hours), spread like the demand figures."""
    people = DemoPeople(password=secrets.token_urlsafe(9))
    for name in DEMO_CLERKS:
        await create_user(ctx.session, name, f"Medewerker {name[5:]}", people.password, "clerk")
    await create_user(ctx.session, "manager", "Teamleider", people.password, "manager")
    await create_user(ctx.session, "admin", "Beheer", people.password, "admin")
    for code in LOCATIONS:
        location = await repo.location_by_code(ctx.session, code)
        assert location is not None
        for kind in ("kiosk", "board"):
            token, _ = await create_device(ctx.session, f"{code}-{kind}", kind, location)
            people.tokens[f"{code}-{kind}"] = token
    booking = await repo.location_by_code(ctx.session, LOCATIONS[0])
    assert booking is not None
    people.tokens["booking"], _ = await create_device(ctx.session, "booking-system", "booking",
                                                      booking)
    bookable = [s for s in ctx.catalogue.services.values()
                if s.appointment != AppointmentPolicy.NO.value]
    zone = ZoneInfo("Europe/Amsterdam")
    local = ctx.now.astimezone(zone)
    slot = max(local, datetime.combine(local.date(), time(9, 0), zone))
    slot = slot.replace(minute=(slot.minute // 10) * 10, second=0, microsecond=0)
    # Until closing time; tried in the evening, the demo still books the next few hours
    # (before midnight), so there are codes to try at the kiosk.
    closing = max(datetime.combine(local.date(), time(17, 0), zone),
                  min(local + timedelta(hours=3),
                      datetime.combine(local.date(), LAST_SLOT, zone)))
    while slot < closing:
        for _ in range(rng.choice((1, 2, 3))):
            code = f"GR-{rng.randrange(1000, 9999)}-{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
            if code in people.booking_codes:
                continue
            service = rng.choice(bookable)
            await create_appointment(ctx, AppointmentIn(
                booking_code=code, location=LOCATIONS[0], service=service.code,
                starts_at=slot, name=None, language=rng.choice(("nl", "nl", "nl", "en", "ar")),
            ))
            people.booking_codes.append(code)
        slot += timedelta(minutes=10)
    return people
