"""Desks calling at the same instant never get the same visit (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter

from eenloket_wire.client import Client
from eenloket_wire.messages import WalkInIn
from tests.support import LOCATION, LiveServer

DESKS = (1, 2, 3, 4, 5, 6)
VISITS = 60


def test_simultaneous_calls_never_share_a_visit(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk:
        for _ in range(VISITS):
            kiosk.walk_in(LOCATION, WalkInIn(services=["uittreksel-brp"]), str(uuid.uuid4()))
    clerks = {desk: server.clerk("admin") for desk in DESKS}
    for desk, clerk in clerks.items():
        clerk.desk(LOCATION, desk, "open", {"skills": ["algemeen"]})
    called: list[tuple[int, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(DESKS))

    def desk_loop(desk: int, clerk: Client) -> None:
        while True:
            barrier.wait(timeout=30)  # every round, all desks call at the same moment
            status = clerk.desk(LOCATION, desk, "call-next")
            if status.visit is None:
                return
            with lock:
                called.append((desk, status.visit.ticket))
            clerk.desk(LOCATION, desk, "start")
            clerk.desk(LOCATION, desk, "finish", {"outcome": "resolved"})

    threads = [threading.Thread(target=desk_loop, args=(d, c)) for d, c in clerks.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for clerk in clerks.values():
        clerk.close()
    assert not any(t.is_alive() for t in threads)
    per_ticket = Counter(ticket for _, ticket in called)
    assert len(per_ticket) == VISITS, "every visit was called"
    assert max(per_ticket.values()) == 1, "no visit was called twice"
    assert len({desk for desk, _ in called}) == len(DESKS), "every desk took part"
