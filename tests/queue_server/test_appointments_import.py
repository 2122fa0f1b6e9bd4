"""Importing appointment files into the database: added, changed, unchanged, rejected."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from queue_server.hall import DEMO_HALL
from queue_server.services import appointments
from queue_server.services.appointment_files import Rejection
from queue_server.services.appointments import ImportReport, Progress, WriteContext
from queue_server.services.context import SYSTEM, Context, load_catalogue
from queue_server.store.database import Database
from queue_server.store.models import AppointmentRow
from tests.support import Provisioned

T = TypeVar("T")
AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=AMS)
HEADER = "booking_code,location,service,starts_at,name,contact,language,status\n"


def at(database_url: str, work: Callable[[WriteContext], Awaitable[T]],
       now: datetime = NOW) -> T:
    """Run ``work`` with a factory of write transactions whose clock says ``now``."""

    async def run() -> T:
        db = Database(database_url)
        try:
            async with db.reading() as session:
                catalogue = await load_catalogue(session)

            @contextlib.asynccontextmanager
            async def write() -> AsyncIterator[Context]:
                async with db.transaction() as session:
                    yield Context(session=session, catalogue=catalogue, now=now, actor=SYSTEM,
                                  notify_postgres=not db.is_sqlite)

            return await work(write)
        finally:
            await db.dispose()

    return asyncio.run(run())


def import_text(database_url: str, text: str, now: datetime = NOW) -> ImportReport:
    return at(database_url, lambda write: appointments.import_text(write, text), now)


def rows(database_url: str) -> dict[str, AppointmentRow]:
    async def read(write: WriteContext) -> dict[str, AppointmentRow]:
        async with write() as ctx:
            found = (await ctx.session.execute(select(AppointmentRow))).scalars()
            return {row.booking_code: row for row in found}

    return at(database_url, read)


def test_a_csv_import_adds_and_rejects_each_line_with_its_reason(
    provisioned: Provisioned,
) -> None:
    report = import_text(provisioned.database_url, HEADER + "\n".join([
        "ab-0001,kreupelstraat,uittreksel-brp,2026-12-01T10:30:00+01:00,Piet,p@x.nl,en,",
        "AB-0002,Haren,Rijbewijs ophalen,01-12-2026 09:15,,,,",
        "AB-0003,zuidhorn,uittreksel-brp,2026-12-01T10:30:00+01:00,,,,",
        "AB-0004,kreupelstraat,paspoort,2026-12-01T10:30:00+01:00,,,,",
        "AB-0005,kreupelstraat,uittreksel-brp,2026-12-01T10:30:00+01:00,,,fr,",
        "AB-0006,kreupelstraat,uittreksel-brp,2026-11-29T10:30:00+01:00,,,,",
        "AB 0007,kreupelstraat,uittreksel-brp,2026-12-01T10:30:00+01:00,,,,",
        "AB-0008,kreupelstraat,uittreksel-brp,2026-12-01T10:30:00+01:00,,,,geannuleerd",
        "AB-0009,kreupelstraat,uittreksel-brp,30-11-2026 08:00,,,,",
    ]) + "\n")
    assert (report.added, report.changed, report.unchanged) == (3, 0, 0)
    assert report.rejected == [
        Rejection(4, "unknown location zuidhorn"),
        Rejection(5, "unknown service paspoort"),
        Rejection(6, "language: language must be one of nl, en, pl, tr, uk, ar"),
        Rejection(7, "the appointment was on an earlier day (2026-11-29)"),
        Rejection(8, "booking_code: String should match pattern '^[A-Za-z0-9-]+$'"),
        Rejection(9, "cancellation of unknown booking code AB-0008"),
    ]
    stored = rows(provisioned.database_url)
    assert sorted(stored) == ["AB-0001", "AB-0002", "AB-0009"]
    assert (stored["AB-0001"].name, stored["AB-0001"].language) == ("Piet", "en")
    # A time without offset is the location's clock: 09:15 in Haren in winter is 08:15 UTC.
    assert stored["AB-0002"].starts_at == datetime(2026, 12, 1, 9, 15, tzinfo=AMS)


def test_a_second_import_changes_what_changed_and_cancels(provisioned: Provisioned) -> None:
    url = provisioned.database_url
    first = "AB-0001,kreupelstraat,uittreksel-brp,2026-12-01T10:30:00+01:00,Piet,,,\n"
    second = "AB-0002,kreupelstraat,uittreksel-brp,2026-12-01T11:30:00+01:00,Ria,,,\n"
    import_text(url, HEADER + first + second)
    report = import_text(url, HEADER + first
                         + second.replace("11:30", "12:00")
                         + second.replace(",,,\n", ",,,cancelled\n"))
    assert (report.added, report.changed, report.unchanged, report.rejected) == (0, 2, 1, [])
    stored = rows(url)
    assert stored["AB-0001"].status == "booked"
    assert stored["AB-0002"].status == "cancelled"
    assert stored["AB-0002"].starts_at == datetime(2026, 12, 1, 12, 0, tzinfo=AMS)
    again = import_text(url, HEADER + second.replace(",,,\n", ",,,cancelled\n"))
    assert (again.unchanged, again.changed) == (1, 0)
    late = import_text(url, HEADER + second.replace("11:30", "12:30"))
    assert late.rejected == [Rejection(2, "appointment AB-0002 is cancelled and can no longer "
                                          "change")]


def test_an_icalendar_file_is_imported_like_a_csv(provisioned: Provisioned) -> None:
    text = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0",
        "BEGIN:VEVENT", "UID:GR-1001@booking.example",
        "DTSTART;TZID=Europe/Amsterdam:20261201T100000",
        "SUMMARY:Verhuizing doorgeven", "LOCATION:Stadhuis\\, Kreupelstraat 1\\, Groningen",
        "ATTENDEE;CN=Fatima El Amrani:mailto:fatima@example.org", "X-EENLOKET-LANGUAGE:ar",
        "END:VEVENT",
        "BEGIN:VEVENT", "UID:GR-1002", "DTSTART:20261201T100000Z", "SUMMARY:Spreekuur",
        "LOCATION:Haren", "END:VEVENT",
        "END:VCALENDAR", ""])
    report = import_text(provisioned.database_url, text)
    assert (report.added, report.rejected) == (1, [Rejection(11, "unknown service Spreekuur")])
    row = rows(provisioned.database_url)["GR-1001"]
    assert (row.name, row.contact, row.language) == ("Fatima El Amrani", "fatima@example.org", "ar")
    assert row.starts_at == datetime(2026, 12, 1, 10, 0, tzinfo=AMS)


def test_a_long_import_commits_in_chunks_and_reports_progress(
    provisioned: Provisioned, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(appointments, "CHUNK", 2)
    lines = [f"AB-{n:04d},kreupelstraat,uittreksel-brp,2026-12-01T10:{n:02d}:00+01:00,,,,\n"
             for n in range(5)]
    steps: list[Progress] = []

    async def work(write: WriteContext) -> ImportReport:
        return await appointments.import_text(write, HEADER + "".join(lines), steps.append)

    report = at(provisioned.database_url, work)
    assert report.added == 5
    assert steps == [Progress(0, 5), Progress(2, 5), Progress(4, 5), Progress(5, 5)]


def test_the_command_line_import_reads_a_calendar_file(
    provisioned: Provisioned, tmp_path: Path,
) -> None:
    tomorrow = (datetime.now(AMS) + timedelta(days=1)).strftime("%Y%m%d")
    events = [f"BEGIN:VEVENT\nUID:CLI-{n}\nDTSTART;TZID=Europe/Amsterdam:{tomorrow}T1{n}0000\n"
              f"SUMMARY:Uittreksel BRP\nLOCATION:haren\nEND:VEVENT\n" for n in range(3)]
    events.append(f"BEGIN:VEVENT\nUID:CLI-9\nDTSTART;VALUE=DATE:{tomorrow}\nEND:VEVENT\n")
    path = tmp_path / "afspraken.ics"
    path.write_bytes(("BEGIN:VCALENDAR\n" + "".join(events) + "END:VCALENDAR\n").encode())
    steps: list[Progress] = []
    report = appointments.import_file(provisioned.database_url, DEMO_HALL, path, steps.append)
    assert (report.added, report.rejected) == (
        3, [Rejection(20, "an all-day event is not an appointment: give a start time")])
    assert steps[0] == Progress(1, 4) and steps[-1] == Progress(4, 4)
