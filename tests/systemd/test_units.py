"""Every unit file under systemd/ passes ``systemd-analyze verify``.

The units run ``/opt/eenloket/bin/eenloket``, which exists only on an installed machine, and
verify refuses a missing executable; so each unit is verified as a copy whose executable
path points at a stand-in script. Everything else in the unit is verified as written.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

UNITS = sorted((Path(__file__).parents[2] / "systemd").glob("*.*"))
INSTALLED = "/opt/eenloket/bin/eenloket"


def test_there_is_a_server_unit() -> None:
    assert "eenloket-server.service" in [u.name for u in UNITS]


@pytest.mark.parametrize("unit", UNITS, ids=[u.name for u in UNITS])
def test_unit_verifies(unit: Path, tmp_path: Path) -> None:
    stand_in = tmp_path / "eenloket"
    stand_in.write_text("#!/bin/sh\nexit 0\n")
    stand_in.chmod(0o755)
    for sibling in UNITS:  # a timer needs its service next to it
        (tmp_path / sibling.name).write_text(
            sibling.read_text(encoding="utf-8").replace(INSTALLED, str(stand_in)),
            encoding="utf-8")
    analyze = shutil.which("systemd-analyze")
    assert analyze is not None, "systemd-analyze is part of systemd; install systemd"
    result = subprocess.run([analyze, "verify", str(tmp_path / unit.name)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert unit.name not in result.stderr, result.stderr
