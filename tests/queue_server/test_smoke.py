"""A visitor's whole path through the real server: check in, call, start, finish."""

from __future__ import annotations

import uuid

from eenloket_wire.messages import WalkInIn
from tests.support import LOCATION, LiveServer


def test_walk_in_is_called_served_and_finished(server: LiveServer) -> None:
    with server.client("kiosk-1") as kiosk, server.clerk() as clerk:
        catalogue = kiosk.catalogue(LOCATION)
        assert catalogue.open is False
        clerk.desk(LOCATION, 1, "open", {"skills": None})
        ticket = kiosk.walk_in(LOCATION, WalkInIn(services=["verhuizing-doorgeven"]),
                               str(uuid.uuid4()))
        assert ticket.ticket == "B001"
        assert ticket.position == 1
        status = clerk.desk(LOCATION, 1, "call-next")
        assert status.visit is not None and status.visit.ticket == "B001"
        assert "B001" in status.visit.reason
        clerk.desk(LOCATION, 1, "start")
        done = clerk.desk(LOCATION, 1, "finish", {"outcome": "resolved"})
        assert done.visit is None
        assert done.desk.state == "open"
