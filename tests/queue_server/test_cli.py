"""The admin commands an installer uses on day one."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from queue_server.cli import main
from queue_server.domain.tickets import service_day
from tests.support import LiveServer, Provisioned
from tests.web.dashboard_support import WINTER_DAY, seed_known_visits


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, provisioned: Provisioned) -> Provisioned:
    monkeypatch.setenv("EENLOKET_DATABASE_URL", provisioned.database_url)
    return provisioned


def test_user_and_device_can_be_created_and_used(
    env: Provisioned, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["user-add", "jdevries", "--name", "J. de Vries", "--role", "clerk",
                 "--password", "een-lang-wachtwoord"]) == 0
    assert main(["device-add", "kiosk-hal-2", "--kind", "kiosk",
                 "--location", "kreupelstraat"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("dev_")
    with LiveServer(env) as server, server.client() as device:
        device.set_token(token)
        assert device.catalogue("kreupelstraat").location == "kreupelstraat"
        device.login("jdevries", "een-lang-wachtwoord")


def test_mistakes_are_reported_without_a_traceback(
    env: Provisioned, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["user-add", "kort", "--password", "te-kort"]) == 2
    assert main(["device-add", "x", "--kind", "kiosk", "--location", "atlantis"]) == 2
    err = capsys.readouterr().err
    assert "at least 10 characters" in err and "unknown location atlantis" in err
    assert "Traceback" not in err


def test_import_appointments_reports_each_rejection(
    env: Provisioned, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "afspraken.csv"
    csv.write_text(
        "booking_code,location,service,starts_at,name\n"
        "AB-1001,kreupelstraat,uittreksel-brp,2030-01-07T10:00:00+01:00,Jan\n"
        "AB-1002,kreupelstraat,no-such-service,2030-01-07T10:10:00+01:00,Piet\n"
        "AB-1003,kreupelstraat,uittreksel-brp,yesterday,Kees\n",
        encoding="utf-8",
    )
    assert main(["import-appointments", str(csv)]) == 1, "rejections make a non-zero exit"
    out = capsys.readouterr().out
    assert "added 1" in out and "rejected 2" in out
    assert "line 3" in out and "line 4" in out


def test_summarize_does_every_closed_day_at_once(
    env: Provisioned, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(seed_known_visits(env.database_url))
    # The known visits lie in 2025: every day from the first to yesterday is closed, more
    # than one housekeeping round does.
    assert main(["summarize"]) == 0
    days = int(capsys.readouterr().out.split()[0].replace(",", ""))
    today = service_day(datetime.now(UTC), "Europe/Amsterdam")
    assert days == 2 * (today - WINTER_DAY).days
    assert main(["summarize"]) == 0
    assert capsys.readouterr().out.startswith("0 closed location-days")
