"""``eenloket demo``: the demo hall on a fresh SQLite file, with traffic, and what to open."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import random
import subprocess
import sys
from pathlib import Path

import uvicorn
from platformdirs import user_data_path

from queue_server.admin import run_admin
from queue_server.api.app import create_app
from queue_server.demo.seed import DemoPeople, seed_demo
from queue_server.demo.traffic import run_traffic
from queue_server.hall import DEMO_HALL
from queue_server.services.context import Context
from queue_server.settings import Settings

BUSY_DESKS = [(f"balie{n}", n) for n in (2, 3, 4, 5, 7, 8, 9, 10, 12)]
"""Desks the traffic generator staffs; desks 1, 6 and 11 stay free for you to try."""


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="eenloket demo", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--speed", type=float, default=10.0,
                        help="how much faster than real time the demo's service times run")
    parser.add_argument("--database", default="",
                        help="database URL (default: a fresh demo SQLite file)")
    parser.add_argument("--no-traffic", action="store_true", help="a quiet hall")
    parser.add_argument("--no-windows", action="store_true",
                        help="do not open the kiosk and board windows even with a display")
    return parser.parse_args(argv)


def _fresh_demo_database() -> str:
    folder = user_data_path("eenloket", appauthor=False, ensure_exists=True)
    path = folder / "demo.sqlite3"
    # The demo starts every run with a fresh day; it never touches the real database file.
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite+aiosqlite:///{path}"


SHOWN_CODES = 3
"""Booking codes printed for a person to try; the simulated visitors leave them alone."""


def _banner(base: str, people: DemoPeople) -> str:
    kiosk = people.tokens["kreupelstraat-kiosk"]
    board = people.tokens["kreupelstraat-board"]
    lines = [
        "",
        "Eén Loket demo hall: Kreupelstraat is open.",
        "",
        f"  Desk page (balie)     {base}/desk       user balie1, balie6 or balie11",
        f"  Manager dashboard     {base}/dashboard  user manager",
        f"  Password (all demo users, this run only): {people.password}",
        f"  API documentation     {base}/docs",
        f"  Health / metrics      {base}/healthz  {base}/metrics",
        "",
        "  Booking codes to try at the kiosk: "
        + (", ".join(people.booking_codes[:SHOWN_CODES]) or "none left today (walk in instead)"),
        f"  Kiosk:  EENLOKET_KIOSK_SERVER_URL={base} EENLOKET_KIOSK_TOKEN={kiosk} "
        "eenloket kiosk --windowed",
        f"  Board:  eenloket board --server {base} --location kreupelstraat --token {board}",
        "",
        "Stop with Ctrl+C.",
        "",
    ]
    return "\n".join(lines)


def _open_windows(base: str, people: DemoPeople) -> list[subprocess.Popen[bytes]]:
    """With a display, show a kiosk and a board next to the hall."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return []
    cli = [sys.executable, "-m", "queue_server.cli"]
    preview = user_data_path("eenloket", appauthor=False) / "demo-tickets"
    kiosk_env = {**os.environ, "EENLOKET_KIOSK_SERVER_URL": base,
                 "EENLOKET_KIOSK_LOCATION": "kreupelstraat",
                 "EENLOKET_KIOSK_TOKEN": people.tokens["kreupelstraat-kiosk"],
                 "EENLOKET_KIOSK_PRINTER_URL": f"preview://{preview}"}
    return [
        subprocess.Popen([*cli, "kiosk", "--windowed"], env=kiosk_env),
        subprocess.Popen([*cli, "board", "--server", base, "--location", "kreupelstraat",
                          "--token", people.tokens["kreupelstraat-board"]]),
    ]


async def _serve(args: argparse.Namespace, settings: Settings, people: DemoPeople) -> None:
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port,
                                           log_level="warning", ws="websockets-sansio"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            serving.result()
            return
        await asyncio.sleep(0.05)
    base = f"http://{args.host}:{args.port}"
    sys.stdout.write(_banner(base, people))
    sys.stdout.flush()
    windows = [] if args.no_windows else _open_windows(base, people)
    traffic = None
    if not args.no_traffic:
        traffic = asyncio.create_task(run_traffic(
            base, people.tokens["kreupelstraat-kiosk"], people.password, BUSY_DESKS,
            people.booking_codes[SHOWN_CODES:], args.speed))
    try:
        await serving
    finally:
        if traffic is not None:
            traffic.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await traffic
        for window in windows:
            window.terminate()


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    database = args.database or _fresh_demo_database()
    settings = Settings(database_url=database, host=args.host, port=args.port,
                        hall_file=DEMO_HALL)

    async def seed(ctx: Context) -> DemoPeople:
        return await seed_demo(ctx, random.Random(2026))

    people = asyncio.run(run_admin(database, DEMO_HALL, seed))
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args, settings, people))
    return 0
