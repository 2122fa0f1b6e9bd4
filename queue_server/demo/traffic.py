"""Make the demo hall move: visitors check in, clerks call, serve and hand over.

Time runs faster than real time (``speed``), so a 12-minute passport application takes
about a minute of demo time and the hall visibly lives.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from queue_server.domain.catalogue import AppointmentPolicy

log = logging.getLogger(__name__)
LOCATION = "kreupelstraat"


@dataclass
class Catalogue:
    walk_in: list[tuple[str, float]]
    """(service code, typical minutes) of the services a walk-in may ask for."""


async def load_catalogue(kiosk: httpx.AsyncClient) -> Catalogue:
    body = (await kiosk.get(f"/api/v1/locations/{LOCATION}/catalogue")).json()
    services = [s for d in body["departments"] for s in d["services"]
                if s["appointment"] != AppointmentPolicy.REQUIRED.value]
    return Catalogue([(s["code"], 8.0) for s in services])


async def _keep_going(name: str, step: Callable[[], Awaitable[None]]) -> None:
    """Run ``step`` forever; a failed request is logged and retried, never fatal to the demo."""
    while True:
        try:
            await step()
        except httpx.HTTPError as exc:
            log.warning("demo %s: %s; retrying", name, exc)
            await asyncio.sleep(2)


async def visitors(kiosk: httpx.AsyncClient, booking_codes: list[str], rng: random.Random,
                   speed: float) -> None:
    """About 120 visitors an hour of demo time (a busy hall); a third scan a booking code."""
    catalogue = await load_catalogue(kiosk)
    codes = list(booking_codes)

    async def arrive() -> None:
        await asyncio.sleep(rng.expovariate(1 / 30) / speed)
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        if codes and rng.random() < 0.3:
            code = codes.pop(0)
            await kiosk.post(f"/api/v1/locations/{LOCATION}/check-in/appointment",
                             json={"booking_code": code, "walk_in_if_late": True},
                             headers=headers)
            return
        service = rng.choice(catalogue.walk_in)[0]
        language = rng.choice(("nl",) * 6 + ("en", "pl", "tr", "uk", "ar"))
        await kiosk.post(f"/api/v1/locations/{LOCATION}/check-in/walk-in",
                         json={"services": [service], "language": language}, headers=headers)

    await _keep_going("visitors", arrive)


async def clerk(base_url: str, username: str, password: str, desk: int, rng: random.Random,
                speed: float) -> None:
    """One clerk at one desk: call, start, serve for a while, finish (sometimes hand over)."""
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        token = (await http.post("/api/v1/auth/login",
                                 json={"username": username, "password": password})).json()
        http.headers["Authorization"] = f"Bearer {token['token']}"
        path = f"/api/v1/locations/{LOCATION}/desks/{desk}"
        await http.post(f"{path}/open", json={})

        async def serve_one() -> None:
            status = (await http.post(f"{path}/call-next")).json()
            if status.get("visit") is None:
                await asyncio.sleep(rng.uniform(3, 8))
                return
            await asyncio.sleep(rng.uniform(2, 6))
            if rng.random() < 0.05:
                await http.post(f"{path}/no-show")
                return
            await http.post(f"{path}/start")
            await asyncio.sleep(rng.lognormvariate(2.0, 0.6) * 60 / speed)
            if rng.random() < 0.08:
                await http.post(f"{path}/transfer", json={
                    "skill": rng.choice(["vergunningen", "belastingen", "sociaal-wmo"]),
                    "note": "Demo: doorverwezen met notitie."})
            else:
                await http.post(f"{path}/finish", json={"outcome": "resolved"})

        await _keep_going(f"desk {desk}", serve_one)


async def run_traffic(base_url: str, kiosk_token: str, password: str, clerks: list[tuple[str, int]],
                      booking_codes: list[str], speed: float, seed: int = 1) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base_url, timeout=10,
                                 headers={"Authorization": f"Bearer {kiosk_token}"}) as kiosk:
        tasks = [asyncio.create_task(visitors(kiosk, booking_codes, rng, speed))]
        tasks += [asyncio.create_task(clerk(base_url, user, password, desk,
                                            random.Random(seed + desk), speed))
                  for user, desk in clerks]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
