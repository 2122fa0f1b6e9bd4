"""The ``eenloket`` command: server, demo, kiosk, board, and admin tasks."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from queue_server.admin import run_admin
from queue_server.logs import configure as configure_logs
from queue_server.services.appointments import Progress
from queue_server.services.context import Context
from queue_server.settings import Settings

T = TypeVar("T")


def _server(args: argparse.Namespace) -> int:
    import uvicorn

    from queue_server.api.app import create_app

    settings = Settings()
    if args.host:
        settings.host = args.host
    if args.port:
        settings.port = args.port
    configure_logs(settings.log_level, settings.log_format)
    # No per-message compression: every event goes to every board and phone, and deflate
    # would compress the same small message once per connection (a tenth of the server's
    # time under load, bench/load.py) to save a few hundred bytes on the hall's network.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_config=None, ws="websockets-sansio", ws_per_message_deflate=False)
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from queue_server.store import migrate
    from queue_server.store.database import async_url

    migrate.upgrade(async_url(Settings().database_url))
    return 0


def _admin(work: Callable[[Context], Awaitable[T]]) -> T:
    settings = Settings()
    return asyncio.run(run_admin(settings.database_url, settings.hall_file, work,
                                 settings.base_url))


def _user_add(args: argparse.Namespace) -> int:
    from queue_server.services.auth import create_user

    password = args.password or getpass.getpass("Password (at least 10 characters): ")

    async def work(ctx: Context) -> None:
        await create_user(ctx.session, args.username, args.name or args.username, password,
                          args.role)

    _admin(work)
    print(f"user {args.username} ({args.role}) created")
    return 0


def _device_add(args: argparse.Namespace) -> int:
    from queue_server.errors import BadRequest
    from queue_server.services.auth import create_device
    from queue_server.store import repository as repo

    async def work(ctx: Context) -> str:
        location = await repo.location_by_code(ctx.session, args.location)
        if location is None:
            raise BadRequest(f"unknown location {args.location}")
        token, _device = await create_device(ctx.session, args.name, args.kind, location)
        return token

    token = _admin(work)
    print(f"device {args.name} ({args.kind}) at {args.location}; its token (shown once):")
    print(token)
    return 0


def _progress_bar(step: Progress) -> None:
    """A one-line bar on the terminal; nothing when the output goes to a file or a pipe."""
    if not sys.stderr.isatty() or not step.total:
        return
    filled = 40 * step.done // step.total
    print(f"\r[{'#' * filled}{'.' * (40 - filled)}] {step.done}/{step.total}",
          end="" if step.done < step.total else "\n", file=sys.stderr, flush=True)


def _import_appointments(args: argparse.Namespace) -> int:
    from queue_server.services.appointments import import_file

    settings = Settings()
    report = import_file(settings.database_url, settings.hall_file, Path(args.file),
                         _progress_bar)
    print(f"added {report.added}, changed {report.changed}, unchanged {report.unchanged}, "
          f"rejected {len(report.rejected)}")
    for line, reason in report.rejected:
        print(f"  line {line}: {reason}")
    return 1 if report.rejected else 0


def _booking_qr(args: argparse.Namespace) -> int:
    from queue_server import booking_qr

    if not (args.png or args.svg):
        print(booking_qr.svg(args.code, args.module_px), end="")
    if args.png:
        Path(args.png).write_bytes(booking_qr.png(args.code, args.module_px))
    if args.svg:
        Path(args.svg).write_text(booking_qr.svg(args.code, args.module_px), encoding="utf-8")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from queue_server.services.retention import purge_database

    settings = Settings()
    hours = settings.retention_hours if args.retention_hours is None else args.retention_hours
    report = purge_database(settings.database_url, settings.hall_file, hours)
    print(f"purged personal data of {report.appointments} appointments, {report.visits} "
          f"visits and {report.notes} notes; {report.links} phone links retired")
    return 0


def _summarize(_args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from queue_server.store import migrate
    from queue_server.store.database import async_url
    from queue_server.summaries import summarize_database

    url = async_url(Settings().database_url)
    migrate.upgrade(url)

    def progress(days: int) -> None:
        print(f"\r{days:,} location-days summarised", end="", file=sys.stderr, flush=True)

    days = summarize_database(url, datetime.now(UTC), progress)
    print(f"{days:,} closed location-days summarised for statistics")
    return 0


def _simulate(argv: list[str]) -> int:
    from bench.simulate import main

    return main(argv)


def _demo(argv: list[str]) -> int:
    from queue_server.demo.run import main

    return main(argv)


def _print_test(argv: list[str]) -> int:
    from printers.cli import print_test_main

    return print_test_main(argv)


def _kiosk(argv: list[str]) -> int:
    from kiosk.app import main

    return main(argv)


def _board(argv: list[str]) -> int:
    from display_board.app import main

    return main(argv)


PASSTHROUGH: dict[str, tuple[Callable[[list[str]], int], str]] = {
    "kiosk": (_kiosk, "run the touch kiosk (PySide6)"),
    "board": (_board, "run the hall display board (PySide6)"),
    "demo": (_demo, "run the demo hall with generated traffic"),
    "simulate": (_simulate, "simulate busy days to compare routing policies"),
    "print-test": (_print_test, "print a sample ticket to a printer and a preview"),
}
"""Commands with their own argument parsers: everything after the name goes to them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eenloket", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    server = sub.add_parser("server", help="run the queue server")
    server.add_argument("--host")
    server.add_argument("--port", type=int)
    server.set_defaults(run=_server)
    sub.add_parser("migrate", help="create or upgrade the database schema").set_defaults(
        run=_migrate)
    user = sub.add_parser("user-add", help="create a staff user")
    user.add_argument("username")
    user.add_argument("--name")
    user.add_argument("--role", choices=["clerk", "manager", "admin"], default="clerk")
    user.add_argument("--password", help="prompted for when left out (keeps it out of history)")
    user.set_defaults(run=_user_add)
    dev = sub.add_parser("device-add", help="create a kiosk, board or booking-system token")
    dev.add_argument("name")
    dev.add_argument("--kind", choices=["kiosk", "board", "booking"], required=True)
    dev.add_argument("--location", required=True)
    dev.set_defaults(run=_device_add)
    imp = sub.add_parser("import-appointments",
                         help="import appointments from a CSV or iCalendar (.ics) file")
    imp.add_argument("file")
    imp.set_defaults(run=_import_appointments)
    qr = sub.add_parser("booking-qr", help="the QR of a booking code for letters and e-mails")
    qr.add_argument("code")
    qr.add_argument("--png", metavar="FILE", help="write a PNG here")
    qr.add_argument("--svg", metavar="FILE", help="write an SVG here (default: SVG to stdout)")
    qr.add_argument("--module-px", type=int, default=8, help="pixels per QR module (8)")
    qr.set_defaults(run=_booking_qr)
    purge = sub.add_parser("purge", help="purge personal data past its retention now")
    purge.add_argument("--retention-hours", type=float,
                       help="override EENLOKET_RETENTION_HOURS (0: everything before today)")
    purge.set_defaults(run=_purge)
    sub.add_parser("summarize", help="summarise every closed day for statistics now "
                   "(housekeeping does a month per round by itself)").set_defaults(run=_summarize)
    for name, (_run, text) in PASSTHROUGH.items():
        sub.add_parser(name, help=text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in PASSTHROUGH:
        return PASSTHROUGH[argv[0]][0](argv[1:])
    args = build_parser().parse_args(argv)
    from queue_server.errors import EenLoketError

    try:
        result: int = args.run(args)
    except EenLoketError as exc:
        print(f"eenloket: {exc.detail}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())
