"""``eenloket board`` as a process: it connects, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time

import pytest

from tests.support import LOCATION, LiveServer

pytestmark = pytest.mark.qt
DEADLINE = 30.0


def wait_for_line(process: subprocess.Popen[str], text: str) -> list[str]:
    """The process's log lines up to the first that contains ``text``."""
    assert process.stderr is not None
    lines: list[str] = []
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        end = time.monotonic() + DEADLINE
        while not any(text in line for line in lines):
            if not selector.select(timeout=end - time.monotonic()):
                pytest.fail(f"no {text!r} within {DEADLINE} s: {lines}")
            line = process.stderr.readline()
            if not line:
                pytest.fail(f"the board ended before {text!r}: {lines}")
            lines.append(line)
    return lines


def test_the_command_connects_and_stops_cleanly(server: LiveServer) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "EENLOKET_BOARD_TOKEN": server.provisioned.tokens["board-1"]}
    process = subprocess.Popen(
        [sys.executable, "-m", "display_board.app", "--server", server.url,
         "--location", LOCATION, "--silent"],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        wait_for_line(process, f"event stream: following {LOCATION}")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=DEADLINE) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stderr is not None
        process.stderr.close()
