from __future__ import annotations

import uuid

import httpx

from eenloket_wire.messages import WalkInIn
from tests.support import LOCATION, LiveServer


def test_health_metrics_and_openapi(server: LiveServer) -> None:
    health = httpx.get(server.url + "/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    with server.client("kiosk-1") as kiosk, server.clerk() as clerk:
        clerk.desk(LOCATION, 1, "open")
        kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4()))
        kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4()))
        clerk.desk(LOCATION, 1, "call-next")
    metrics = httpx.get(server.url + "/metrics").text
    assert 'eenloket_waiting_visits{location="kreupelstraat"} 1.0' in metrics
    assert "eenloket_call_next_seconds_count 1.0" in metrics
    assert 'eenloket_checkins_total{location="kreupelstraat"} 2.0' in metrics
    spec = httpx.get(server.url + "/openapi.json").json()
    assert "/api/v1/locations/{location}/desks/{number}/call-next" in spec["paths"]


def test_health_reports_a_lost_database(server: LiveServer) -> None:
    server.call_in_loop(lambda: setattr(server.app_state.db, "sessions", _broken))
    assert httpx.get(server.url + "/healthz").status_code == 503


def _broken() -> object:
    raise ConnectionError("database gone")
