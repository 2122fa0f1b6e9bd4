"""Reading the kiosk's settings from a file, the environment and a systemd credential."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import ConfigError, Orientation, load_config


def test_defaults_without_file_or_environment() -> None:
    config = load_config(environ={})
    assert config.location == "kreupelstraat"
    assert config.orientation is Orientation.PORTRAIT and config.orientation.size == (1080, 1920)
    assert config.languages == ("nl", "en", "pl", "tr", "uk", "ar")
    assert config.token == ""


def test_file_then_environment_then_overrides(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'server_url = "https://loket.example.nl"\nlocation = "haren"\n'
        'printer_url = "tcp://10.0.0.5:9100"\nlanguages = ["nl", "en", "ar"]\n'
        'orientation = "landscape"\ndpi = 69\n'
        '[opening_hours]\nmonday = "08:30-17:00"\nthursday = "9:00-20:00"\n',
        encoding="utf-8",
    )
    env = {"EENLOKET_KIOSK_TOKEN": "secret", "EENLOKET_KIOSK_LOCATION": "tenboer",
           "EENLOKET_KIOSK_FULLSCREEN": "no", "EENLOKET_KIOSK_IDLE_SECONDS": "90"}
    config = load_config(path, env, location="kreupelstraat")
    assert config.server_url == "https://loket.example.nl"
    assert config.token == "secret"
    assert config.location == "kreupelstraat"
    assert config.languages == ("nl", "en", "ar")
    assert config.orientation is Orientation.LANDSCAPE
    assert config.dpi == 69.0 and config.fullscreen is False and config.idle_seconds == 90
    assert config.opening_hours.days == {0: (time(8, 30), time(17, 0)),
                                         3: (time(9, 0), time(20, 0))}


def test_languages_from_the_environment() -> None:
    config = load_config(environ={"EENLOKET_KIOSK_LANGUAGES": "nl, en,uk"})
    assert config.languages == ("nl", "en", "uk")


def test_token_from_a_file_or_a_systemd_credential(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("from-credential\n", encoding="utf-8")
    assert load_config(environ={"CREDENTIALS_DIRECTORY": str(tmp_path)}).token == \
        "from-credential"
    other = tmp_path / "kiosk.token"
    other.write_text("from-file", encoding="utf-8")
    assert load_config(environ={}, token_file=str(other)).token == "from-file"
    with pytest.raises(ConfigError, match="cannot read token"):
        load_config(environ={}, token_file=str(tmp_path / "missing"))


@pytest.mark.parametrize(("settings", "message"), [
    ({"languages": ["nl", "xx"]}, "languages"),
    ({"default_language": "ar", "languages": ["nl"]}, "default_language"),
    ({"server_url": "ftp://x"}, "server_url"),
    ({"orientation": "diagonal"}, "orientation"),
    ({"dpi": 5}, "dpi"),
    ({"idle_seconds": 0}, "idle_seconds"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"colour": "red"}, "unknown setting colour"),
    ({"opening_hours": {"moonday": "08:00-12:00"}}, "unknown day"),
    ({"opening_hours": {"monday": "8-12"}}, "HH:MM-HH:MM"),
    ({"opening_hours": {"monday": "12:00-08:00"}}, "after opening"),
    ({"opening_hours": {"monday": "25:00-26:00"}}, "opening_hours.monday"),
    ({"idle_seconds": "soon"}, "not a valid int"),
])
def test_bad_settings_name_the_setting(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(None, {}, **settings)


def test_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("location = ", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kiosk\.toml"):
        load_config(path, {})
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "absent.toml", {})
