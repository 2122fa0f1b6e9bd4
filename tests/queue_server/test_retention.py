"""Retention: a full day in the hall, then the purge; no personal data survives anywhere."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import select

from eenloket_wire.messages import AppointmentCheckInIn, AppointmentIn, TransferIn, WalkInIn
from queue_server.hall import DEMO_HALL
from queue_server.services import appointments
from queue_server.services.context import SYSTEM, Context, load_catalogue
from queue_server.services.housekeeping import run_housekeeping
from queue_server.services.retention import PurgeReport, purge_database, purge_personal_data
from queue_server.store.database import Database
from queue_server.store.models import Base
from tests.support import LOCATION, LiveServer, Provisioned, SettableClock

T = TypeVar("T")
AMS = ZoneInfo("Europe/Amsterdam")
DAY = datetime(2026, 11, 30, 9, 0, tzinfo=AMS)
NEXT_NIGHT = datetime(2026, 12, 1, 0, 10, tzinfo=AMS)
SECRETS = ("Anna Privé-7Q", "anna.7q@example.org", "Bram Geheim-7Q", "+31 6 5555 7Q07",
           "Chris Noshow-7Q", "chris.7q@example.org", "Dirk Geannuleerd-7Q", "dirk.7q@example.org",
           "Mevrouw vertelde over haar schulden 7Q")
"""Every piece of personal data the day puts into the system; the scan looks for each."""


def in_transaction(database_url: str, now: datetime, work: Callable[[Context], Awaitable[T]]) -> T:
    """Run ``work`` in one transaction at a chosen time (the server's jobs, without waiting)."""

    async def run() -> T:
        db = Database(database_url)
        try:
            async with db.reading() as session:
                catalogue = await load_catalogue(session)
            async with db.transaction() as session:
                return await work(Context(session=session, catalogue=catalogue, now=now,
                                          actor=SYSTEM, notify_postgres=not db.is_sqlite))
        finally:
            await db.dispose()

    return asyncio.run(run())


def book(server: LiveServer, code: str, at: datetime, name: str, contact: str,
         service: str = "verhuizing-doorgeven") -> None:
    body = AppointmentIn(booking_code=code, location=LOCATION, service=service, starts_at=at,
                         name=name, contact=contact)
    token = server.provisioned.tokens["booking"]
    response = httpx.post(f"{server.url}/api/v1/appointments", json=body.model_dump(mode="json"),
                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.text


def fill_a_day(provisioned: Provisioned) -> list[str]:
    """Appointments, check-ins, a transfer with a note, finished and no-show visits.

    Returns the phone-page links the day handed out.
    """
    clock = SettableClock(DAY)
    links = []
    with LiveServer(provisioned, clock=clock) as server, server.client("kiosk-1") as kiosk, \
            server.clerk("clerk1") as clerk:
        book(server, "PURGE-A", DAY + timedelta(minutes=15), SECRETS[0], SECRETS[1])
        book(server, "PURGE-B", DAY + timedelta(minutes=20), SECRETS[2], SECRETS[3])
        book(server, "PURGE-C", DAY + timedelta(minutes=30), SECRETS[4], SECRETS[5])
        book(server, "PURGE-D", DAY + timedelta(hours=2), SECRETS[6], SECRETS[7])
        httpx.delete(f"{server.url}/api/v1/appointments/PURGE-D",
                     headers={"Authorization": f"Bearer {provisioned.tokens['booking']}"})
        for code in ("PURGE-A", "PURGE-B"):
            ticket = kiosk.appointment_check_in(
                LOCATION, AppointmentCheckInIn(booking_code=code), str(uuid.uuid4()))
            links.append(ticket.status_url)
        for service in ("uittreksel-brp", "kwijtschelding-aanvragen", "grofvuil-ophalen"):
            ticket = kiosk.walk_in(LOCATION, WalkInIn(services=[service]), str(uuid.uuid4()))
            links.append(ticket.status_url)
        clerk.desk(LOCATION, 4, "open", {"skills": None})
        clock.advance(minutes=16)
        clerk.desk(LOCATION, 4, "call-next")
        clerk.desk(LOCATION, 4, "start")
        clerk.transfer(LOCATION, 4, TransferIn(skill="belastingen", note=SECRETS[8]))
        clock.advance(minutes=5)
        for _ in range(2):
            clerk.desk(LOCATION, 4, "call-next")
            clerk.desk(LOCATION, 4, "start")
            clock.advance(minutes=6)
            clerk.desk(LOCATION, 4, "finish", {"outcome": "resolved"})
        clerk.desk(LOCATION, 4, "call-next")
        clerk.desk(LOCATION, 4, "no-show")
    return links


def all_rows(database_url: str) -> dict[str, list[dict[str, Any]]]:
    async def run() -> dict[str, list[dict[str, Any]]]:
        db = Database(database_url)
        try:
            async with db.reading() as session:
                return {
                    table.name: [dict(row._mapping) for row in await session.execute(
                        select(table))]
                    for table in Base.metadata.sorted_tables
                }
        finally:
            await db.dispose()

    return asyncio.run(run())


def survivors(database_url: str) -> list[str]:
    """Every (table, column) where any piece of the day's personal data is still found."""
    found = []
    for table, rows in all_rows(database_url).items():
        for row in rows:
            for column, value in row.items():
                text = json.dumps(value, default=str, ensure_ascii=False).casefold()
                for secret in SECRETS:
                    if secret.casefold() in text:
                        found.append(f"{table}.{column}: {secret}")
    return found


def test_after_the_purge_no_table_holds_personal_data(provisioned: Provisioned) -> None:
    links = fill_a_day(provisioned)
    url = provisioned.database_url
    assert survivors(url), "the day must have put personal data in (else the scan proves nothing)"
    before = all_rows(url)

    report = in_transaction(url, NEXT_NIGHT, lambda ctx: run_housekeeping(ctx, 0))

    assert survivors(url) == []
    after = all_rows(url)
    assert report.purged == PurgeReport(appointments=4, visits=2, notes=1, links=5)
    assert report.no_shows == 1
    # Statistics keep everything that names no one.
    assert len(after["visits"]) == len(before["visits"]) == 5
    def facts(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted((t["id"], t["skill"], t["queued_at"], t["started_at"]) for t in rows)

    assert facts(after["tasks"]) == facts(before["tasks"])
    finished = {t["id"]: t["outcome"] for t in before["tasks"] if t["outcome"] is not None}
    assert {t["id"]: t["outcome"] for t in after["tasks"] if t["id"] in finished} == finished
    statuses = sorted(a["status"] for a in after["appointments"])
    assert statuses == ["cancelled", "checked_in", "checked_in", "no_show"]
    purged = [e for e in after["events"] if e["type"] == "data.purged"]
    assert len(purged) == 1
    assert set(purged[0]["data"]["data"]) == {"appointments", "visits", "notes", "links",
                                              "before", "retention_hours"}
    assert purged[0]["data"]["data"]["before"] == "2026-12-01"
    # The phone links of the purged day no longer lead anywhere.
    with LiveServer(provisioned, clock=SettableClock(NEXT_NIGHT)) as s:
        for link in links:
            path = link.split("/v/", 1)[1]
            assert httpx.get(f"{s.url}/api/v1/visits/{path}").status_code == 404


def _book(ctx: Context, code: str, at: datetime) -> Awaitable[object]:
    return appointments.create(ctx, AppointmentIn(
        booking_code=code, location=LOCATION, service="verhuizing-doorgeven", starts_at=at,
        name="Eva Bewaard", contact="eva@example.org"))


def _names(database_url: str) -> list[str | None]:
    return [a["name"] for a in all_rows(database_url)["appointments"]]


def test_retention_hours_keep_the_data_until_they_have_passed(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    in_transaction(url, DAY, lambda ctx: _book(ctx, "KEEP-1", DAY + timedelta(hours=1)))
    end_of_day = datetime(2026, 12, 1, 0, 0, tzinfo=AMS)
    for now, expected in (
        (end_of_day + timedelta(hours=35), PurgeReport()),
        (end_of_day + timedelta(hours=36, minutes=1), PurgeReport(appointments=1)),
    ):
        report = in_transaction(url, now, lambda ctx: purge_personal_data(ctx, 36))
        assert report == expected
    assert _names(url) == [None]


def test_todays_data_stays_and_an_empty_purge_records_only_when_asked(
    provisioned: Provisioned,
) -> None:
    url = provisioned.database_url
    in_transaction(url, DAY, lambda ctx: _book(ctx, "KEEP-2", DAY + timedelta(hours=1)))
    assert in_transaction(url, DAY, lambda ctx: purge_personal_data(ctx, 0)) == PurgeReport()
    assert _names(url) == ["Eva Bewaard"]  # today's data is needed today
    assert [e for e in all_rows(url)["events"] if e["type"] == "data.purged"] == []


def test_the_scheduled_purge_records_its_run_even_when_empty(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    assert purge_database(url, DEMO_HALL, 0) == PurgeReport()
    events = [e for e in all_rows(url)["events"] if e["type"] == "data.purged"]
    assert len(events) == 2  # one per location, counts only
    assert {e["data"]["data"]["appointments"] for e in events} == {0}


def test_a_second_purge_finds_nothing_left(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    in_transaction(url, DAY, lambda ctx: _book(ctx, "KEEP-3", DAY + timedelta(hours=1)))
    first = in_transaction(url, NEXT_NIGHT, lambda ctx: purge_personal_data(ctx, 0))
    again = in_transaction(url, NEXT_NIGHT + timedelta(hours=1),
                           lambda ctx: purge_personal_data(ctx, 0))
    assert (first, again) == (PurgeReport(appointments=1), PurgeReport())

