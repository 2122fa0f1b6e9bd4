"""Load benchmark of the queue server: many desks, kiosks and boards at once.

A real server runs as its own process (``eenloket server``) on loopback; this process plays
``--desks`` clerks, ``--kiosks`` kiosks and ``--boards`` boards. Kiosks check visitors in and
desks call them at about ``--rate`` calls a second in total; every board follows the event
stream. Reported: call-next latency as the desk sees it (request to response), and board
delivery delay (from the desk's call-next response to each board receiving that call).

    python -m bench.load --seconds 60                      # SQLite (a temporary file)
    python -m bench.load --database postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import websockets

from queue_server.admin import run_admin
from queue_server.hall import DEMO_HALL
from queue_server.services.auth import create_device, create_user
from queue_server.services.context import Context
from queue_server.store import repository as repo

LOCATION = "kreupelstraat"
PASSWORD = "load-benchmark-password"


def hall_with_desks(desks: int, folder: Path) -> Path:
    """The demo hall with Kreupelstraat's desks replaced by ``desks`` generalist desks."""
    text = DEMO_HALL.read_text(encoding="utf-8")
    head = text.split("[[desks]]", 1)[0]
    entries = [
        f'[[desks]]\nlocation = "{LOCATION}"\nnumber = {n}\nkind = "generalist"\n'
        f'skills = ["algemeen"]\n' for n in range(1, desks + 1)
    ]
    path = folder / "hall.toml"
    path.write_text(head + "\n".join(entries), encoding="utf-8")
    return path


@dataclass
class Tokens:
    kiosks: list[str] = field(default_factory=list)
    boards: list[str] = field(default_factory=list)


async def provision(ctx: Context, desks: int, kiosks: int, boards: int) -> Tokens:
    tokens = Tokens()
    location = await repo.location_by_code(ctx.session, LOCATION)
    assert location is not None
    for n in range(1, desks + 1):
        await create_user(ctx.session, f"load{n}", f"Load {n}", PASSWORD, "clerk")
    for n in range(kiosks):
        tokens.kiosks.append((await create_device(ctx.session, f"kiosk{n}", "kiosk",
                                                  location))[0])
    for n in range(boards):
        tokens.boards.append((await create_device(ctx.session, f"board{n}", "board",
                                                  location))[0])
    return tokens


@dataclass
class Results:
    call_ms: list[float] = field(default_factory=list)
    called_at: dict[str, float] = field(default_factory=dict)
    heard_at: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0

    def deliveries(self) -> tuple[list[float], int]:
        """Each board's delay after the desk's answer (0 if it heard first), and how many
        heard first."""
        delays = [(heard - self.called_at[ticket]) * 1000
                  for ticket, times in self.heard_at.items() if ticket in self.called_at
                  for heard in times]
        return [max(delay, 0.0) for delay in delays], sum(1 for d in delays if d < 0)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def board(url: str, token: str, results: Results, stop: asyncio.Event,
                ready: asyncio.Event, counter: list[int], total: int) -> None:
    async with websockets.connect(f"{url}?token={token}", max_size=2**22) as ws:
        await ws.recv()  # the snapshot
        counter[0] += 1
        if counter[0] == total:
            ready.set()
        while not stop.is_set():
            try:
                message = await asyncio.wait_for(ws.recv(), timeout=0.5)
            except TimeoutError:
                continue
            if isinstance(message, bytes):
                message = message.decode()
            if '"visit.called"' not in message:
                continue
            now = time.perf_counter()
            ticket = re.search(r'"ticket":"([A-Z][0-9]{3})"', message)
            if ticket:
                # Kept until the end: a board may hear of a call before the desk's answer
                # arrives (PostgreSQL notifies at commit), and such deliveries count too.
                results.heard_at.setdefault(ticket.group(1), []).append(now)


async def kiosk(http: httpx.AsyncClient, token: str, per_second: float,
                stop: asyncio.Event, rng: random.Random) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    while not stop.is_set():
        await asyncio.sleep(rng.expovariate(per_second))
        await http.post(f"/api/v1/locations/{LOCATION}/check-in/walk-in",
                        json={"services": ["uittreksel-brp"]},
                        headers={**headers, "Idempotency-Key": str(uuid.uuid4())})


async def sign_in(http: httpx.AsyncClient, number: int) -> dict[str, str]:
    """Clerks sign in over the morning, not in one burst: do it before the load starts."""
    login = await http.post("/api/v1/auth/login",
                            json={"username": f"load{number}", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    await http.post(f"/api/v1/locations/{LOCATION}/desks/{number}/open", json={},
                    headers=headers)
    return headers


async def desk(http: httpx.AsyncClient, number: int, headers: dict[str, str], interval: float,
               results: Results, stop: asyncio.Event, rng: random.Random) -> None:
    path = f"/api/v1/locations/{LOCATION}/desks/{number}"
    await asyncio.sleep(rng.uniform(0, interval))
    while not stop.is_set():
        started = time.perf_counter()
        response = await http.post(f"{path}/call-next", headers=headers)
        done = time.perf_counter()
        if response.status_code != 200:
            results.errors += 1
            await asyncio.sleep(interval)
            continue
        visit = response.json()["visit"]
        if visit is not None:
            results.call_ms.append((done - started) * 1000)
            results.called_at[visit["ticket"]] = done
            await http.post(f"{path}/start", headers=headers)
            await http.post(f"{path}/finish", json={"outcome": "resolved"}, headers=headers)
        await asyncio.sleep(max(0.0, interval - (time.perf_counter() - started)))


async def run(args: argparse.Namespace, base: str, tokens: Tokens) -> Results:
    results = Results()
    stop, ready = asyncio.Event(), asyncio.Event()
    rng = random.Random(7)
    ws_url = base.replace("http://", "ws://") + f"/api/v1/locations/{LOCATION}/events"
    limits = httpx.Limits(max_connections=args.desks + args.kiosks + 10)
    async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits) as http:
        counter = [0]
        boards = [asyncio.create_task(board(ws_url, t, results, stop, ready, counter,
                                            len(tokens.boards))) for t in tokens.boards]
        await asyncio.wait_for(ready.wait(), timeout=60)
        signed_in = [await sign_in(http, n) for n in range(1, args.desks + 1)]
        desks = [asyncio.create_task(desk(http, n, headers, args.desks / args.rate, results,
                                          stop, random.Random(n)))
                 for n, headers in enumerate(signed_in, start=1)]
        # Kiosks check in a little faster than desks call, so desks always find someone.
        kiosks = [asyncio.create_task(kiosk(http, t, args.rate * 1.1 / args.kiosks, stop, rng))
                  for t in tokens.kiosks]
        await asyncio.sleep(args.seconds)
        stop.set()
        outcomes = await asyncio.gather(*kiosks, *desks, *boards, return_exceptions=True)
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    if failures:
        print(f"{len(failures)} simulated clients failed; the first: {failures[0]!r}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--boards", type=int, default=50)
    parser.add_argument("--rate", type=float, default=10.0, help="calls a second, all desks")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="", help="default: a temporary SQLite file")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="eenloket-load-"))
    database = args.database or f"sqlite+aiosqlite:///{folder / 'load.sqlite3'}"
    hall = hall_with_desks(args.desks, folder)

    async def work(ctx: Context) -> Tokens:
        return await provision(ctx, args.desks, args.kiosks, args.boards)

    tokens = asyncio.run(run_admin(database, hall, work))
    env = {**os.environ, "EENLOKET_DATABASE_URL": database, "EENLOKET_HALL_FILE": str(hall),
           "EENLOKET_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen([sys.executable, "-m", "queue_server.cli", "server",
                               "--port", str(args.port)], env=env)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        results = asyncio.run(run(args, base, tokens))
    finally:
        server.terminate()
        server.wait(timeout=30)
    calls = len(results.call_ms)
    print(f"database: {'sqlite' if database.startswith('sqlite') else 'postgresql'}; "
          f"{args.desks} desks, {args.kiosks} kiosks, {args.boards} boards, "
          f"{args.seconds:.0f} s")
    print(f"calls: {calls} ({calls / args.seconds:.1f}/s), errors: {results.errors}")
    print(f"call-next ms: median {statistics.median(results.call_ms):.1f}, "
          f"p90 {pct(results.call_ms, 0.9):.1f}, p99 {pct(results.call_ms, 0.99):.1f}")
    delivery_ms, early = results.deliveries()
    print(f"board delivery ms ({len(delivery_ms)} deliveries, {early} before the desk's "
          f"answer, counted as 0): median {statistics.median(delivery_ms):.1f}, p90 "
          f"{pct(delivery_ms, 0.9):.1f}, p99 {pct(delivery_ms, 0.99):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
