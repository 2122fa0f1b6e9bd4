"""Test helpers: provisioning users and devices, a live uvicorn server, a settable clock."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession

from eenloket_wire.client import Client
from queue_server.admin import run_admin
from queue_server.api.app import create_app
from queue_server.api.state import AppState
from queue_server.hall import DEMO_HALL
from queue_server.services.auth import create_device, create_user
from queue_server.services.context import Context
from queue_server.settings import Settings
from queue_server.store import repository as repo
from queue_server.store.database import Database

PASSWORD = "correct horse battery"
LOCATION = "kreupelstraat"

T = TypeVar("T")


@dataclass
class Provisioned:
    database_url: str
    tokens: dict[str, str] = field(default_factory=dict)
    """Device tokens by device name: kiosk-1, board-1, booking, haren-kiosk."""
    users: tuple[str, ...] = ()


def provision(database_url: str) -> Provisioned:
    """Migrate, load the demo hall, and create one user per role plus some devices."""
    users = ("clerk1", "clerk2", "clerk3", "manager", "admin")

    async def work(ctx: Context) -> dict[str, str]:
        for name in users:
            role = name.rstrip("0123456789") if name.startswith("clerk") else name
            await create_user(ctx.session, name, name.title(), PASSWORD, role)
        tokens = {}
        kreupelstraat = await repo.location_by_code(ctx.session, LOCATION)
        haren = await repo.location_by_code(ctx.session, "haren")
        assert kreupelstraat is not None and haren is not None
        for name, kind, location in (
            ("kiosk-1", "kiosk", kreupelstraat), ("board-1", "board", kreupelstraat),
            ("booking", "booking", kreupelstraat), ("haren-kiosk", "kiosk", haren),
        ):
            tokens[name], _ = await create_device(ctx.session, name, kind, location)
        return tokens

    # A worker thread has no running event loop, even when the caller's thread does
    # (Playwright's sync API runs one).
    with ThreadPoolExecutor(1) as pool:
        tokens = pool.submit(asyncio.run, run_admin(database_url, DEMO_HALL, work)).result()
    return Provisioned(database_url, tokens, users)


class SettableClock:
    """The server's clock in tests that need a given time of day."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """uvicorn in a background thread on 127.0.0.1; stop and start it again at will.

    Open clients with ``with server.client(...)``: a client left open across ``stop()``
    leaks its socket, and the ResourceWarning fails the test (warnings are errors).
    """

    def __init__(self, provisioned: Provisioned, clock: Any = None, port: int | None = None,
                 **settings: Any) -> None:
        self.provisioned = provisioned
        self.port = port or free_port()
        self.clock = clock
        self.settings = Settings(database_url=provisioned.database_url, host="127.0.0.1",
                                 port=self.port, **settings)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self) -> None:
        kwargs = {"clock": self.clock} if self.clock is not None else {}
        app = create_app(self.settings, **kwargs)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                ws="websockets-sansio", lifespan="on")
        self._server = uvicorn.Server(config)
        self._loop = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("queue server did not start")
            time.sleep(0.02)

    def _run(self) -> None:
        assert self._server is not None
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._server.serve())
        self._loop.close()

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
            self._server = None

    def __enter__(self) -> LiveServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def app_state(self) -> AppState:
        assert self._server is not None
        app = self._server.config.app
        state: AppState = app.state.eenloket  # type: ignore[union-attr]
        return state

    def call_in_loop(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` on the server's event loop (its objects are not thread-safe)."""
        assert self._loop is not None
        self._loop.call_soon_threadsafe(callback)

    def client(self, device: str | None = None) -> Client:
        token = self.provisioned.tokens[device] if device else None
        return Client(self.url, token)

    def clerk(self, username: str = "clerk1") -> Client:
        client = Client(self.url)
        client.login(username, PASSWORD)
        return client


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
        second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def in_session(database_url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one write transaction on a database of its own (outside any server)."""

    async def run() -> T:
        db = Database(database_url)
        try:
            async with db.transaction() as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(run())
