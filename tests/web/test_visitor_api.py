"""The phone page's JSON, live stream, privacy, expiry and rate limits, over a real server."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
import websockets.sync.client as ws_client
from websockets.exceptions import ConnectionClosed

from eenloket_wire.messages import AppointmentCheckInIn
from queue_server.services.context import Context
from queue_server.store.models import LocationRow
from queue_server.web.visitor import feed
from queue_server.web.visitor.status import VisitorStatusOut, statuses
from tests.support import LOCATION, LiveServer, Provisioned, SettableClock
from tests.web.visitor_support import t, token_of, walk_in

AMS = ZoneInfo("Europe/Amsterdam")
MORNING = datetime(2026, 11, 30, 9, 0, tzinfo=AMS)


def status(server: LiveServer, token: str) -> httpx.Response:
    return httpx.get(f"{server.url}/api/v1/visits/{token}")


def test_the_status_shows_place_wait_and_desk_and_nothing_personal(
    provisioned: Provisioned,
) -> None:
    with LiveServer(provisioned, clock=SettableClock(MORNING)) as server:
        booking = {"Authorization": f"Bearer {provisioned.tokens['booking']}"}
        httpx.post(f"{server.url}/api/v1/appointments", headers=booking, json={
            "booking_code": "PHONE-1", "location": LOCATION, "service": "uittreksel-brp",
            "starts_at": (MORNING + timedelta(minutes=20)).isoformat(),
            "name": "Wilma Zichtbaar", "contact": "wilma@example.org"}).raise_for_status()
        first = walk_in(server)
        with server.client("kiosk-1") as kiosk:
            booked = kiosk.appointment_check_in(
                LOCATION, AppointmentCheckInIn(booking_code="PHONE-1", language="uk"),
                str(uuid.uuid4()))
        before = status(server, token_of(booked))
        with server.clerk() as clerk:
            clerk.desk(LOCATION, 1, "open", {"skills": None})
            opened = status(server, token_of(first)).json()
            clerk.desk(LOCATION, 1, "call-next")
            called = status(server, token_of(first)).json()
        page = httpx.get(booked.status_url)
    assert before.json() == {
        "ticket": booked.ticket, "location_name": "Kreupelstraat", "state": "waiting",
        "position": 2, "expected_wait_minutes": None, "desk": None,
        "appointment_time": "09:20", "language": "uk", "final": False}
    assert before.headers["cache-control"] == "no-store"
    assert before.headers["referrer-policy"] == "no-referrer"
    # Next in line still waits half a service time (the desk may be busy): whole minutes.
    assert opened["position"] == 1 and isinstance(opened["expected_wait_minutes"], int)
    assert opened["expected_wait_minutes"] > 0
    assert (called["state"], called["desk"], called["position"]) == ("called", 1, None)
    for body in (before.text, page.text):
        assert "Wilma" not in body and "wilma@" not in body and "PHONE-1" not in body
    assert t("heading", "uk") in page.text and 'lang="uk"' in page.text


@pytest.mark.parametrize("token", ["short", "A" * 32, "B" * 32 + "~", "~12"])
def test_a_wrong_token_is_a_plain_not_found(server: LiveServer, token: str) -> None:
    response = status(server, token)
    page = httpx.get(f"{server.url}/v/{token}", headers={"Accept-Language": "en-GB,en"})
    assert (response.status_code, response.json()) == (
        404, {"error": "not_found", "detail": "not found", "data": {}, "fields": []})
    assert page.status_code == 404
    assert f"<h1>{t('not_found', 'en')}</h1>" in page.text


def test_a_link_stops_working_after_its_day(provisioned: Provisioned) -> None:
    clock = SettableClock(MORNING)
    with LiveServer(provisioned, clock=clock) as server:
        ticket = walk_in(server, language="tr")
        clock.now = datetime(2026, 12, 1, 0, 0, 1, tzinfo=AMS)
        response = status(server, token_of(ticket))
        page = httpx.get(ticket.status_url + "?lang=pl")
        with ws_client.connect(f"{server.ws_url}/api/v1/visits/{token_of(ticket)}/events",
                               open_timeout=5) as socket, pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=5)
    assert (response.status_code, response.json()["error"]) == (410, "expired")
    assert page.status_code == 410 and t("expired", "pl") in page.text
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4410


def test_wrong_tokens_at_speed_are_refused_even_for_good_links(server: LiveServer) -> None:
    good = token_of(walk_in(server))
    answers = [status(server, f"{n:032d}").status_code for n in range(21)]
    refused = status(server, good)
    page = httpx.get(f"{server.url}/v/{good}", headers={"Accept-Language": "nl"})
    assert answers == [404] * 20 + [429]
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert page.status_code == 429 and t("too_many") in page.text


Message = dict[str, object]


def receive(socket: ws_client.ClientConnection, until: Callable[[Message], bool]) -> Message:
    """The first status that meets ``until`` (a desk action may bring a few updates)."""
    while True:
        message: Message = json.loads(socket.recv(timeout=10))
        if until(message):
            return message


def test_the_stream_follows_the_visit_to_its_end(server: LiveServer) -> None:
    ahead, mine = walk_in(server), walk_in(server)
    url = f"{server.ws_url}/api/v1/visits/{token_of(mine)}/events"
    with ws_client.connect(url, open_timeout=5) as socket, server.clerk() as clerk:
        first = receive(socket, lambda m: True)
        clerk.desk(LOCATION, 1, "open", {"skills": None})
        opened = receive(socket, lambda m: m["expected_wait_minutes"] is not None)
        clerk.desk(LOCATION, 1, "call-next")  # calls the one ahead: I move up
        moved = receive(socket, lambda m: m["position"] == 1)
        clerk.desk(LOCATION, 1, "start")
        clerk.desk(LOCATION, 1, "finish", {"outcome": "resolved"})
        clerk.desk(LOCATION, 1, "call-next")
        called = receive(socket, lambda m: m["state"] != "waiting")
        clerk.desk(LOCATION, 1, "start")
        serving = receive(socket, lambda m: True)
        clerk.desk(LOCATION, 1, "finish", {"outcome": "resolved"})
        last = receive(socket, lambda m: True)
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=10)
    assert ahead.ticket != mine.ticket
    assert (first["position"], first["expected_wait_minutes"]) == (2, None)
    assert opened["position"] == 2 and moved["state"] == "waiting"
    assert (called["state"], called["desk"], serving["state"]) == ("called", 1, "serving")
    assert (last["state"], last["final"]) == ("done", True)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1000


def test_a_wrong_token_closes_the_stream_with_4404(server: LiveServer) -> None:
    url = f"{server.ws_url}/api/v1/visits/{'C' * 32}/events"
    with ws_client.connect(url, open_timeout=5) as socket, \
            pytest.raises(ConnectionClosed) as closed:
        socket.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4404


def moved_from(before: Message) -> Callable[[Message], bool]:
    return lambda message: message["position"] != before["position"]


def test_many_phones_cost_one_computation_per_change(
    server: LiveServer, monkeypatch: pytest.MonkeyPatch,
) -> None:
    tickets = [walk_in(server) for _ in range(12)]
    batches: list[int] = []

    async def counting(ctx: Context, location: LocationRow,
                       visit_ids: Collection[int]) -> dict[int, VisitorStatusOut | None]:
        batches.append(len(visit_ids))
        return await statuses(ctx, location, visit_ids)

    monkeypatch.setattr(feed, "statuses", counting)
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(ws_client.connect(
            f"{server.ws_url}/api/v1/visits/{token_of(ticket)}/events", open_timeout=5))
            for ticket in tickets]
        firsts = [receive(s, lambda m: True)["position"] for s in sockets]
        with server.clerk() as clerk:
            clerk.desk(LOCATION, 1, "open", {"skills": None})
            opened = [receive(s, lambda m: m["expected_wait_minutes"] is not None)
                      for s in sockets]
            clerk.desk(LOCATION, 1, "call-next")
        called = receive(sockets[0], lambda m: m["state"] == "called")
        moved = [receive(s, moved_from(o)) for s, o in zip(sockets[1:], opened[1:], strict=True)]
    assert firsts == list(range(1, 13))
    assert called["desk"] == 1
    assert [m["position"] for m in moved] == list(range(1, 12))
    # Two changes (desk opened, visitor called), each computed once for all twelve phones.
    assert len(batches) <= 2 and all(size == 12 for size in batches)
