"""``eenloket demo`` starts a living hall and says what to open."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support import free_port


def _wait_for(condition: object, timeout: float) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)  # polling a separate process; no Qt involved


def test_the_demo_hall_lives_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "demo.log"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("DISPLAY", None)
    with log.open("w") as out:
        demo = subprocess.Popen(
            [sys.executable, "-m", "queue_server.cli", "demo", "--port", str(port),
             "--speed", "60"], stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_for(lambda: "Stop with Ctrl+C" in log.read_text(), 120)
        banner = log.read_text()
        assert f"http://127.0.0.1:{port}/desk" in banner
        assert f"http://127.0.0.1:{port}/dashboard" in banner
        token = re.search(r"board --server \S+ --location kreupelstraat --token (\S+)", banner)
        assert token is not None
        headers = {"Authorization": f"Bearer {token.group(1)}"}
        url = f"http://127.0.0.1:{port}/api/v1/locations/kreupelstraat/snapshot"

        def busy() -> bool:
            snapshot = httpx.get(url, headers=headers).json()
            return len(snapshot["recent_calls"]) >= 2

        _wait_for(busy, 120)
        snapshot = httpx.get(url, headers=headers).json()
        assert sum(d["state"] == "open" for d in snapshot["desks"]) >= 5
        assert (tmp_path / "data" / "eenloket" / "demo.sqlite3").exists()
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=60)
    assert demo.returncode == 0, log.read_text()[-2000:]
    assert "Traceback" not in log.read_text()
