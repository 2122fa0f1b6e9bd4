"""``eenloket print-test``: sample ticket to a printer and a preview, with honest exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from printers.cli import print_test_main
from printers.sample import SAMPLE_URL
from tests.printers.fake_printer import Condition, FakeNetworkPrinter


def test_prints_to_the_printer_and_the_preview(fake_printer: FakeNetworkPrinter, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code = print_test_main(["--printer", fake_printer.url, "--preview", str(tmp_path),
                            "--language", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "printed B023" in out and "QR as native" in out
    assert "status before printing: ready" in out
    pngs = list(tmp_path.glob("*-B023-en.png"))
    assert len(pngs) == 1 and str(pngs[0]) in out
    raw = pngs[0].with_suffix(".bin").read_bytes()
    fake_printer.wait_for_payload(raw)  # the printer got what the preview shows
    assert SAMPLE_URL.encode() in raw


def test_profile_logo_and_printing_despite_a_reported_problem(
        fake_printer: FakeNetworkPrinter, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), "red").save(logo)
    # Near-end and "no status" printers often print fine; the installer may insist.
    fake_printer.condition = Condition.COVER_OPEN
    code = print_test_main(["--printer", fake_printer.url, "--preview", str(tmp_path / "p"),
                            "--profile", "pos-5890", "--logo", str(logo), "--no-status-check"])
    assert code == 0
    assert "status before printing: cover_open" in capsys.readouterr().out
    raw = next((tmp_path / "p").glob("*.bin")).read_bytes()
    assert raw.count(b"\x1dv0") > 2  # logo and image QR, in bands
    fake_printer.wait_for_payload(raw)


def test_printer_without_paper_fails_with_the_reason(fake_printer: FakeNetworkPrinter,
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    fake_printer.condition = Condition.PAPER_OUT
    assert print_test_main(["--printer", fake_printer.url, "--preview", str(tmp_path)]) == 1
    assert "The paper has run out" in capsys.readouterr().err
    assert list(tmp_path.glob("*.png"))  # the preview is there to look at anyway


def test_unreachable_printer_fails(fake_printer: FakeNetworkPrinter, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    fake_printer.condition = Condition.REFUSED
    assert print_test_main(["--printer", fake_printer.url, "--preview", str(tmp_path)]) == 1
    assert "connection refused" in capsys.readouterr().err


def test_preview_url_alone_writes_one_preview(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert print_test_main(["--printer", f"preview://{tmp_path}", "--language", "ar"]) == 0
    assert len(list(tmp_path.glob("*-B023-ar.png"))) == 1
    assert "printed" not in capsys.readouterr().out


def test_status_only(fake_printer: FakeNetworkPrinter,
                     capsys: pytest.CaptureFixture[str]) -> None:
    fake_printer.condition = Condition.COVER_OPEN
    assert print_test_main(["--printer", fake_printer.url, "--status-only"]) == 0
    assert capsys.readouterr().out.startswith("cover_open: The printer cover is open.")
    assert fake_printer.received.count(b"\x10\x04") >= 2
    assert b"B023" not in fake_printer.received


@pytest.mark.parametrize("argv", [
    ["--printer", "lpt1"],
    ["--printer", "tcp://10.0.0.5?profile=unknown-model"],
])
def test_configuration_errors_exit_with_2(argv: list[str], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert print_test_main([*argv, "--preview", str(tmp_path)]) == 2
    assert "eenloket print-test:" in capsys.readouterr().err


def test_unknown_option_exits_with_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        print_test_main(["--printer", "tcp://x", "--colour"])
    assert raised.value.code == 2


def test_preview_bytes_are_a_complete_job(tmp_path: Path) -> None:
    # The .bin is the exact job, so it can be replayed: `cat x.bin > /dev/usb/lp0`.
    assert print_test_main(["--printer", f"preview://{tmp_path}?profile=tm-t20ii"]) == 0
    raw = next(tmp_path.glob("*.bin")).read_bytes()
    assert raw.startswith(b"\x1b@") and raw.endswith(b"\x1dV\x01")
