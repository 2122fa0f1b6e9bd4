"""Health and metrics for operators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from queue_server.api.state import AppState, get_state
from queue_server.store import repository as repo

router = APIRouter(tags=["operations"])
State = Annotated[AppState, Depends(get_state)]


@router.get("/healthz")
async def healthz(state: State) -> JSONResponse:
    """200 when the database answers; 503 otherwise (for load balancers and systemd)."""
    try:
        async with state.read() as ctx:
            await ctx.session.execute(text("SELECT 1"))
    except Exception as exc:  # any driver failure means "not healthy"
        return JSONResponse({"status": "unhealthy", "detail": type(exc).__name__},
                            status_code=503)
    return JSONResponse({"status": "ok", "database": "sqlite" if state.db.is_sqlite
                         else "postgresql", "subscribers": state.hub.count})


@router.get("/metrics")
async def metrics(state: State) -> Response:
    async with state.read() as ctx:
        for location in await repo.all_locations(ctx.session):
            waiting = await repo.waiting_tasks(ctx.session, location.id)
            state.metrics.waiting.labels(location.code).set(len(waiting))
    state.metrics.subscribers.set(state.hub.count)
    return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
