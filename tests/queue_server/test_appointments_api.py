"""The booking systems' API over a real server: file imports as jobs, the booking QR."""

from __future__ import annotations

import io
from datetime import timedelta

import httpx
import zxingcpp
from PIL import Image

from queue_server.api.state import utc_now
from tests.support import LiveServer

HEADER = "booking_code,location,service,starts_at,name\n"


def _booking(server: LiveServer) -> httpx.Client:
    token = server.provisioned.tokens["booking"]
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"},
                        timeout=30)


def _tomorrow() -> str:
    return (utc_now() + timedelta(days=1)).replace(microsecond=0).isoformat()


def test_a_file_import_runs_as_a_job_with_progress_and_a_report(server: LiveServer) -> None:
    body = HEADER + "".join(
        f"IMP-{n:04d},kreupelstraat,uittreksel-brp,{_tomorrow()},Zoë {n}\n" for n in range(30)
    ) + "IMP-BAD,kreupelstraat,no-such-service,2030-01-01T10:00:00+01:00,\n"
    with _booking(server) as http:
        started = http.post("/api/v1/appointments/imports", content=body.encode("cp1252"),
                            headers={"Content-Type": "text/csv"})
        assert started.status_code == 202, started.text
        job = started.json()
        assert (job["state"], job["total"]) == ("running", 31)
        finished = http.get(f"/api/v1/appointments/imports/{job['id']}", params={"wait": 20})
        created = http.get("/api/v1/appointments/IMP-0007")
    assert finished.json() == {
        "id": job["id"], "state": "done", "done": 31, "total": 31, "error": None,
        "report": {"added": 30, "changed": 0, "unchanged": 0, "rejected": [
            {"line": 32, "reason": "unknown service no-such-service"}]},
    }
    assert created.json()["status"] == "booked"


def test_an_unreadable_file_is_refused_before_any_job(server: LiveServer) -> None:
    with _booking(server) as http:
        refused = http.post("/api/v1/appointments/imports", content=b"code;when\nX;Y\n")
        unknown = http.get("/api/v1/appointments/imports/nope")
    assert (refused.status_code, refused.json()["error"]) == (400, "bad_csv")
    assert "missing columns: booking_code" in refused.json()["detail"]
    assert unknown.status_code == 404


def test_only_booking_systems_and_admins_may_import(server: LiveServer) -> None:
    kiosk = server.provisioned.tokens["kiosk-1"]
    response = httpx.post(f"{server.url}/api/v1/appointments/imports", content=HEADER,
                          headers={"Authorization": f"Bearer {kiosk}"})
    assert response.status_code == 403


def test_the_booking_qr_holds_exactly_the_code(server: LiveServer) -> None:
    with _booking(server) as http:
        http.post("/api/v1/appointments", json={
            "booking_code": "qr-2468", "location": "kreupelstraat",
            "service": "uittreksel-brp", "starts_at": _tomorrow()}).raise_for_status()
        png = http.get("/api/v1/appointments/qr-2468/qr.png", params={"module_px": 4})
        svg = http.get("/api/v1/appointments/QR-2468/qr.svg")
        missing = http.get("/api/v1/appointments/QR-0000/qr.png")
    assert png.headers["content-type"] == "image/png"
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert code.text == "QR-2468"
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "<title>QR-2468</title>" in svg.text
    assert missing.status_code == 404
