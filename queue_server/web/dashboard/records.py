"""The anonymous visit records as CSV, streamed from the database in chunks.

No ticket, name, desk or clerk leaves the server: a row says when (local day and time), what
(first service, appointment or not), how long (wait, desk time) and how it ended.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import datetime
from zoneinfo import ZoneInfo

from queue_server import stats
from queue_server.store.database import Database
from queue_server.web.dashboard.report import Scope

CHUNK = 2000
HEADER = (
    "service_day", "location", "weekday", "checked_in", "kind", "appointment_time",
    "first_service", "department", "wait_seconds", "questions", "transfers",
    "desk_seconds", "outcome",
)
"""Machine names on purpose: this file is for analysis tools, not for reading."""


def _local(moment: datetime | None, zone: ZoneInfo, pattern: str) -> str:
    return moment.astimezone(zone).strftime(pattern) if moment is not None else ""


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


async def visit_csv(db: Database, scope: Scope) -> AsyncIterator[str]:
    """CSV lines, header first; the query runs inside this generator's own session."""
    names = scope.names
    zones = scope.zones()
    codes = {i: loc.code for i, loc in names.locations.items()}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        out = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return out

    writer.writerow(HEADER)
    yield flush()
    query = stats.visit_records(scope.filters, scope.norms, scope.now)
    async with db.reading() as session:
        result = await session.stream(query.execution_options(yield_per=CHUNK))
        async for rows in result.partitions(CHUNK):
            for row in rows:
                zone = zones[row.location_id]
                service = names.services.get(row.service_id)
                department = names.department_of(row.service_id)
                writer.writerow([
                    row.service_day.isoformat(), codes[row.location_id],
                    row.service_day.isoweekday(), _local(row.checked_in_at, zone, "%H:%M:%S"),
                    "appointment" if row.is_appointment else "walk_in",
                    _local(row.appointment_at, zone, "%H:%M"),
                    service.code if service else "", department.code if department else "",
                    _seconds(row.wait), row.questions, row.transfers, _seconds(row.handling),
                    row.close_reason or "open",
                ])
            yield flush()
