"""The push API for booking systems (a device of kind ``booking``, or an admin).

Single appointments: ``POST/GET/PATCH/DELETE /api/v1/appointments[/{code}]``. Whole files
(CSV or iCalendar, see :mod:`queue_server.services.appointment_files`): ``POST
/api/v1/appointments/imports`` with the file as the body answers 202 with a job; ``GET
/api/v1/appointments/imports/{id}?wait=N`` reports its progress (``done`` of ``total``) and,
once finished, how many were added, changed and unchanged and each rejected line with its
reason (``wait`` holds the answer up to N seconds until the job ends). The booking code's QR
for confirmations: ``GET /api/v1/appointments/{code}/qr.png`` and ``qr.svg``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from dataclasses import dataclass, field
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from eenloket_wire.messages import AppointmentChangeIn, AppointmentIn, AppointmentOut
from queue_server import booking_qr
from queue_server.api.auth import Principal, device
from queue_server.api.state import AppState, get_state
from queue_server.errors import BadRequest, EenLoketError, NotFound
from queue_server.services import appointments
from queue_server.services.appointment_files import decode, parse
from queue_server.services.auth import Role
from queue_server.store import repository as repo

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/appointments", tags=["appointments"])
State = Annotated[AppState, Depends(get_state)]
Booking = Annotated[Principal, Depends(device("booking", staff_minimum=Role.ADMIN))]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""About 200,000 appointments as CSV: more than a year of a large hall."""
KEPT_JOBS = 20


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RejectionOut(_Out):
    line: int
    reason: str


class ImportReportOut(_Out):
    added: int
    changed: int
    unchanged: int
    rejected: list[RejectionOut]


class ImportJobOut(_Out):
    """An import's progress; ``report`` once done, ``error`` if the file could not be read."""

    id: str
    state: Literal["running", "done", "failed"]
    done: int
    total: int
    report: ImportReportOut | None = None
    error: str | None = None


@dataclass
class _Job:
    id: str
    total: int
    done: int = 0
    state: Literal["running", "done", "failed"] = "running"
    report: appointments.ImportReport | None = None
    error: str | None = None
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None

    def out(self) -> ImportJobOut:
        report = None
        if self.report is not None:
            report = ImportReportOut(
                added=self.report.added, changed=self.report.changed,
                unchanged=self.report.unchanged,
                rejected=[RejectionOut(line=r.line, reason=r.reason)
                          for r in self.report.rejected])
        return ImportJobOut(id=self.id, state=self.state, done=self.done, total=self.total,
                            report=report, error=self.error)


def _jobs(request: Request) -> dict[str, _Job]:
    """The app's import jobs (kept per app, in memory: a job lives minutes, not restarts)."""
    jobs: dict[str, _Job] | None = getattr(request.app.state, "appointment_imports", None)
    if jobs is None:
        jobs = request.app.state.appointment_imports = {}
    return jobs


async def _body_text(request: Request) -> str:
    size = int(request.headers.get("Content-Length") or 0)
    chunks, received = [], 0
    if size <= MAX_FILE_BYTES:
        async for chunk in request.stream():
            received += len(chunk)
            if received > MAX_FILE_BYTES:
                break
            chunks.append(chunk)
    if max(size, received) > MAX_FILE_BYTES:
        raise BadRequest(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB: split it",
                         code="file_too_large")
    return decode(b"".join(chunks))


@router.post("/imports", response_model=ImportJobOut, status_code=202)
async def start_import(request: Request, principal: Booking, state: State) -> ImportJobOut:
    """Import a CSV or iCalendar file (the request body); follow the job for its report."""
    records, early = parse(await _body_text(request))
    jobs = _jobs(request)
    job = _Job(id=secrets.token_urlsafe(16), total=len(records) + len(early))

    def progress(step: appointments.Progress) -> None:
        job.done = step.done + len(early)

    async def run() -> None:
        try:
            report = await appointments.run_import(
                lambda: state.write(principal.actor), records, progress)
            report.rejected = sorted([*early, *report.rejected])
            job.report, job.state = report, "done"
        except EenLoketError as exc:
            job.error, job.state = exc.detail, "failed"
        except Exception:
            log.exception("appointment import %s failed", job.id)
            job.error, job.state = "the import stopped on an internal error", "failed"
        finally:
            job.finished.set()

    finished = [j for j in jobs.values() if j.state != "running"]
    for old in finished[:max(0, len(finished) - KEPT_JOBS + 1)]:
        del jobs[old.id]
    jobs[job.id] = job
    job.task = asyncio.create_task(run(), name=f"appointment-import-{job.id}")
    return job.out()


@router.get("/imports/{job_id}", response_model=ImportJobOut)
async def import_status(
    job_id: str, request: Request, principal: Booking,
    wait: Annotated[float, Query(ge=0, le=30)] = 0,
) -> ImportJobOut:
    job = _jobs(request).get(job_id)
    if job is None:
        raise NotFound("no such import", code="unknown_import")
    if wait:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(job.finished.wait(), timeout=wait)
    return job.out()


@router.post("", response_model=AppointmentOut, status_code=201)
async def create(body: AppointmentIn, principal: Booking, state: State) -> AppointmentOut:
    async with state.write(principal.actor) as ctx:
        return await appointments.create(ctx, body)


@router.get("/{code}", response_model=AppointmentOut)
async def get(code: str, principal: Booking, state: State) -> AppointmentOut:
    async with state.read(principal.actor) as ctx:
        row = await repo.appointment_by_code(ctx.session, code.upper())
        if row is None:
            raise NotFound(f"no appointment {code}", code="unknown_booking")
        return await appointments.appointment_out(ctx, row)


@router.get("/{code}/qr.{kind}", response_class=Response,
            responses={200: {"content": {"image/png": {}, "image/svg+xml": {}}}})
async def qr(
    code: str, kind: Literal["png", "svg"], principal: Booking, state: State,
    module_px: Annotated[int, Query(ge=1, le=40)] = 8,
) -> Response:
    """The booking code as a QR for a confirmation letter or e-mail (holds the code only)."""
    normalized = booking_qr.normalize_code(code)
    async with state.read(principal.actor) as ctx:
        if await repo.appointment_by_code(ctx.session, normalized) is None:
            raise NotFound(f"no appointment {code}", code="unknown_booking")
    if kind == "png":
        return Response(booking_qr.png(normalized, module_px), media_type="image/png")
    return Response(booking_qr.svg(normalized, module_px), media_type="image/svg+xml")


@router.patch("/{code}", response_model=AppointmentOut)
async def change(
    code: str, body: AppointmentChangeIn, principal: Booking, state: State
) -> AppointmentOut:
    async with state.write(principal.actor) as ctx:
        return await appointments.change(ctx, code, body)


@router.delete("/{code}", response_model=AppointmentOut)
async def cancel(code: str, principal: Booking, state: State) -> AppointmentOut:
    async with state.write(principal.actor) as ctx:
        return await appointments.cancel(ctx, code)
