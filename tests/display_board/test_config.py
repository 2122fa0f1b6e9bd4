"""Board settings and the ``eenloket board`` command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from display_board.app import TOKEN_ENV, config_from_args, main, parser
from display_board.config import (
    BoardConfig,
    ConfigError,
    InfoLine,
    Orientation,
    SpeechEngine,
    load_info_lines,
    parse_desks,
)


def config(**changes: object) -> BoardConfig:
    values: dict[str, object] = {"server": "http://10.0.0.5:8000", "token": "dev_x",
                                 "location": "kreupelstraat"}
    return BoardConfig(**{**values, **changes})  # type: ignore[arg-type]


def test_the_events_url_follows_the_server_url() -> None:
    assert config().events_url(None) == (
        "ws://10.0.0.5:8000/api/v1/locations/kreupelstraat/events")
    assert config(server="https://loket.example/board/").events_url(41) == (
        "wss://loket.example/board/api/v1/locations/kreupelstraat/events?since=41")


@pytest.mark.parametrize(("changes", "message"), [
    ({"server": "10.0.0.5:8000"}, "http"),
    ({"token": ""}, "token"),
    ({"location": ""}, "location"),
    ({"volume": 120}, "volume"),
])
def test_settings_that_cannot_work_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config(**changes)


def test_desks_are_a_comma_separated_list() -> None:
    assert parse_desks("1, 2,3") == frozenset({1, 2, 3})
    for wrong in ("", "a,b", "0"):
        with pytest.raises(ConfigError):
            parse_desks(wrong)


def test_information_lines_come_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "info.toml"
    path.write_text('[[line]]\nnl = "Open tot 17.00 uur."\nen = "Open until 17:00."\n\n'
                    '[[line]]\nnl = "Balie 7 is dicht."\n', encoding="utf-8")
    assert load_info_lines(path) == (InfoLine("Open tot 17.00 uur.", "Open until 17:00."),
                                     InfoLine("Balie 7 is dicht."))
    path.write_text('[[line]]\nen = "English only"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="Dutch"):
        load_info_lines(path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_info_lines(tmp_path / "missing.toml")


def test_the_command_line_takes_the_token_from_the_environment(tmp_path: Path) -> None:
    args = parser().parse_args(["--server", "http://127.0.0.1:8000", "--location",
                                "kreupelstraat", "--desks", "1,2", "--silent",
                                "--orientation", "portrait", "--fullscreen", "--volume", "60",
                                "--speech", "espeak", "--voice", "f3", "--no-chime"])
    board = config_from_args(args, {TOKEN_ENV: "dev_from_env"})
    assert board == BoardConfig(
        server="http://127.0.0.1:8000", token="dev_from_env", location="kreupelstraat",
        desks=frozenset({1, 2}), silent=True, orientation=Orientation.PORTRAIT,
        fullscreen=True, volume=60, voice="f3", speech=SpeechEngine.ESPEAK, chime=False)
    args = parser().parse_args(["--server", "http://h:1", "--location", "x", "--token", "dev_y"])
    assert config_from_args(args, {TOKEN_ENV: "dev_from_env"}).token == "dev_y"


def test_the_token_can_come_from_a_file(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("dev_from_file\n", encoding="utf-8")
    args = parser().parse_args(["--server", "http://h:1", "--location", "x",
                                "--token-file", str(token_file)])
    assert config_from_args(args, {TOKEN_ENV: "dev_from_env"}).token == "dev_from_file"
    args = parser().parse_args(["--server", "http://h:1", "--location", "x",
                                "--token-file", str(tmp_path / "missing")])
    with pytest.raises(ConfigError, match="token file"):
        config_from_args(args, {})


def test_a_board_without_token_does_not_start(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert main(["--server", "http://127.0.0.1:8000", "--location", "kreupelstraat"]) == 2
    assert "device token" in capsys.readouterr().err
