"""Every route refuses a missing or wrong credential and the wrong role or device."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
import websockets.sync.client as ws_client
from websockets.exceptions import InvalidStatus, WebSocketException

from eenloket_wire.client import ApiError
from tests.support import LOCATION, PASSWORD, LiveServer, Provisioned, SettableClock, utc

PUBLIC = {"/healthz", "/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc",
          "/api/v1/auth/login"}
"""Routes meant for anyone (operators' probes, the API's documentation, signing in)."""

PUBLIC_PREFIXES = ("/v/", "/api/v1/visits/", "/desk", "/dashboard", "/static")
"""Pages and the phone page's token-protected routes: they check their own credential
(the visit token, or the sign-in form) and have tests of their own."""

# Which credential each group of routes accepts (anything else must be refused).
ALLOWED: list[tuple[str, set[str]]] = [
    (r"^/api/v1/auth/", {"clerk", "manager", "admin"}),
    (r"/check-in/", {"kiosk", "admin"}),
    (r"/help$", {"kiosk", "admin"}),
    (r"/devices/status$", {"kiosk", "board", "clerk", "manager", "admin"}),
    (r"/catalogue$", {"kiosk", "board", "clerk", "manager", "admin"}),
    (r"/snapshot$", {"kiosk", "board", "clerk", "manager", "admin"}),
    (r"/desks", {"clerk", "manager", "admin"}),
    (r"^/api/v1/appointments", {"booking", "admin"}),
    (r"^/api/v1/desk-page/", {"clerk", "manager", "admin"}),
    (r"^/api/v1/(stats|dashboard)", {"manager", "admin"}),
]


def _fill(path: str) -> str:
    return (path.replace("{location}", LOCATION).replace("{number}", "1")
            .replace("{code}", "NOPE-1"))


def _routes(server: LiveServer) -> list[tuple[str, str]]:
    spec = httpx.get(server.url + "/openapi.json").json()
    routes = []
    for path, methods in spec["paths"].items():
        if path in PUBLIC or path.startswith(PUBLIC_PREFIXES):
            continue
        for method in methods:
            routes.append((method.upper(), path))
    # Signing out ends the session the walk uses for every other route: do it last.
    return sorted(routes, key=lambda route: route[1].endswith("/logout"))


def _allowed(path: str) -> set[str]:
    for pattern, who in ALLOWED:
        if re.search(pattern, path):
            return who
    raise AssertionError(f"no auth expectation written for {path}: add one to ALLOWED")


def _request(server: LiveServer, method: str, path: str, headers: dict[str, str]) -> int:
    body: Any = {} if method in ("POST", "PATCH", "PUT") else None
    response = httpx.request(method, server.url + _fill(path), headers=headers, json=body)
    return response.status_code


def _bearer(server: LiveServer, who: str) -> dict[str, str]:
    if who in server.provisioned.tokens:
        token = server.provisioned.tokens[who]
    else:
        token = httpx.post(server.url + "/api/v1/auth/login",
                           json={"username": who, "password": PASSWORD}).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_every_route_checks_credentials_and_roles(server: LiveServer) -> None:
    routes = _routes(server)
    assert len(routes) >= 20
    principals = {
        "kiosk": "kiosk-1", "board": "board-1", "booking": "booking",
        "clerk": "clerk1", "manager": "manager", "admin": "admin",
    }
    headers = {kind: _bearer(server, name) for kind, name in principals.items()}
    # Managers and admins may do what clerks may (roles are ordered).
    for method, path in routes:
        allowed = _allowed(path)
        if "clerk" in allowed:
            allowed |= {"manager", "admin"}
        if "manager" in allowed:
            allowed |= {"admin"}
        assert _request(server, method, path, {}) == 401, f"{method} {path} without credential"
        for bad in ({"Authorization": "Bearer dev_forged"}, {"Authorization": "Bearer ses_x"},
                    {"Authorization": "Basic YWRtaW46YWRtaW4="}):
            assert _request(server, method, path, bad) == 401, f"{method} {path} with {bad}"
        for kind, credential in headers.items():
            status = _request(server, method, path, credential)
            if kind in allowed:
                assert status not in (401, 403), f"{method} {path} refused {kind}: {status}"
            else:
                assert status == 403, f"{method} {path} let {kind} through: {status}"


def test_the_event_stream_refuses_strangers(server: LiveServer) -> None:
    url = f"{server.ws_url}/api/v1/locations/{LOCATION}/events"
    for query, code in (("", 4401), ("?token=dev_forged", 4401),
                        (f"?token={server.provisioned.tokens['booking']}", 4403)):
        with pytest.raises((InvalidStatus, WebSocketException)) as caught, \
                ws_client.connect(url + query, open_timeout=5) as ws:
            ws.recv(timeout=5)
        assert isinstance(caught.value, InvalidStatus) or str(code) in str(caught.value)
    with ws_client.connect(f"{url}?token={server.provisioned.tokens['board-1']}") as ws:
        assert '"kind":"snapshot"' in str(ws.recv(timeout=5))


def test_a_haren_kiosk_cannot_follow_kreupelstraat(server: LiveServer) -> None:
    token = server.provisioned.tokens["haren-kiosk"]
    response = httpx.get(f"{server.url}/api/v1/locations/{LOCATION}/snapshot",
                         headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


def test_cookie_sessions_need_the_csrf_token(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as browser:
        login = browser.post("/api/v1/auth/login", json={"username": "clerk1",
                                                          "password": PASSWORD})
        cookie = login.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        csrf = login.json()["csrf_token"]
        path = f"/api/v1/locations/{LOCATION}/desks/1/open"
        assert browser.post(path, json={}).status_code == 403
        assert browser.post(path, json={}, headers={"X-CSRF-Token": "wrong"}).status_code == 403
        assert browser.post(path, json={}, headers={"X-CSRF-Token": csrf}).status_code == 200
        assert browser.get(f"/api/v1/locations/{LOCATION}/desks/1").status_code == 200
        browser.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})
        assert browser.get(f"/api/v1/locations/{LOCATION}/desks/1").status_code == 401


def test_wrong_password_and_unknown_user_look_the_same(server: LiveServer) -> None:
    wrong = httpx.post(server.url + "/api/v1/auth/login",
                       json={"username": "clerk1", "password": "nope-nope-nope"})
    unknown = httpx.post(server.url + "/api/v1/auth/login",
                         json={"username": "nobody", "password": "nope-nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_idle_sessions_expire_and_background_refreshes_do_not_keep_them(
    provisioned: Provisioned,
) -> None:
    clock = SettableClock(utc(2026, 11, 30, 9, 0))
    with LiveServer(provisioned, clock=clock) as server:
        active, idle = server.clerk("clerk1"), server.clerk("clerk2")
        path = f"/api/v1/locations/{LOCATION}/desks/1"
        clock.advance(minutes=20)
        active.request("GET", path)
        idle.request("GET", path, headers={"X-Eenloket-Background": "1"})
        clock.advance(minutes=20)
        active.request("GET", path)
        with pytest.raises(ApiError) as caught:
            idle.request("GET", path)
        assert (caught.value.status, caught.value.code) == (401, "session_expired")
        active.close()
        idle.close()
