"""The FastAPI application: lifespan (migrate, sync the hall, listen), routers, errors."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import pkgutil
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from fastapi import APIRouter, FastAPI

from queue_server.api import errors
from queue_server.api.metrics import Metrics
from queue_server.api.state import AppState, utc_now
from queue_server.hall import load_hall
from queue_server.realtime import Hub, PostgresListener
from queue_server.services.context import load_catalogue
from queue_server.services.events import NOTIFY_CHANNEL
from queue_server.services.hall_sync import sync_hall
from queue_server.services.housekeeping import run_housekeeping
from queue_server.settings import Settings
from queue_server.store import migrate
from queue_server.store.database import Database
from queue_server.summaries import DAYS_PER_ROUND

log = logging.getLogger(__name__)
HOUSEKEEPING_SECONDS = 300
CATCH_UP_SECONDS = 10
"""The pause between rounds while closed days wait to be summarised (after an upgrade with
years of visits): the hall gets the write lock back in between, and statistics are fast
within the hour instead of after days."""
STOP_GRACE_SECONDS = 30
"""How long a stopping server waits for a housekeeping round to finish (systemd's default
stop timeout is 90 s)."""


def create_app(settings: Settings, clock: Callable[[], datetime] = utc_now) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.database_url)
        # Alembic runs blocking I/O: keep it off the event loop.
        await asyncio.to_thread(migrate.upgrade, db.url)
        hall = load_hall(settings.hall_file)
        async with db.transaction() as session:
            await sync_hall(session, hall)
        async with db.reading() as session:
            catalogue = await load_catalogue(session)
        hub = Hub(settings.subscriber_queue_size)
        state = AppState(
            settings=settings, db=db, hub=hub, catalogue=catalogue, metrics=Metrics(),
            clock=clock, walk_in_target=hall.walk_in_target_minutes,
            appointment_target=hall.appointment_target_minutes,
        )
        listener = None
        if db.is_sqlite:
            db.on_commit = hub.publish_all
        else:
            listener = PostgresListener(
                migrate.sync_url(db.url).replace("postgresql+psycopg", "postgresql"),
                NOTIFY_CHANNEL, hub,
            )
            listener.start()
            await asyncio.wait_for(listener.ready.wait(), timeout=10)
        app.state.eenloket = state
        stopping = asyncio.Event()
        keeper = asyncio.create_task(_housekeeping(state, stopping), name="housekeeping")
        log.info("queue server ready (%s)", "sqlite" if db.is_sqlite else "postgresql")
        try:
            yield
        finally:
            stopping.set()
            try:
                await asyncio.wait_for(keeper, timeout=STOP_GRACE_SECONDS)
            except TimeoutError:
                log.warning("housekeeping did not finish its round in time; rolled back")
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
            if listener is not None:
                await listener.stop()
            await db.dispose()

    app = FastAPI(
        title="Eén Loket queue server",
        version="0.1.0",
        description="Check-in, routing and live events for the counter hall.",
        lifespan=lifespan,
    )
    errors.install(app)
    for router in discover_routers():
        app.include_router(router)
    return app


ROUTER_PACKAGES = ("queue_server.api", "queue_server.web")


def discover_routers() -> list[APIRouter]:
    """Every ``routes_*`` module's ``router`` in the API and web packages, in name order.

    Discovery keeps each part (desk page, dashboard, phone page …) in files of its own: adding
    a part adds a module, never an edit to a shared list.
    """
    routers = []
    for package_name in ROUTER_PACKAGES:
        package = importlib.import_module(package_name)
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name.startswith("routes_"):
                module = importlib.import_module(f"{package_name}.{info.name}")
                routers.append(module.router)
    return routers


async def _housekeeping(state: AppState, stopping: asyncio.Event) -> None:
    """Rounds of housekeeping until the server stops; a round once begun is finished, so a
    server started and stopped at once (an upgrade, a restart in the morning) still closes
    yesterday instead of rolling its work back."""
    while True:
        pause = HOUSEKEEPING_SECONDS
        try:
            async with state.write() as ctx:
                report = await run_housekeeping(ctx, state.settings.retention_hours,
                                                state.settings.idempotency_hours)
            if report:
                log.info("housekeeping: %s", report)
            if report.summarised >= DAYS_PER_ROUND:
                pause = CATCH_UP_SECONDS
        except Exception:
            # A failing job must not take the server down; it is retried next round.
            log.exception("housekeeping failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=pause)
            return
