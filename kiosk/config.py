"""The kiosk's configuration: a TOML file, overridden by ``EENLOKET_KIOSK_*`` variables.

Example ``/etc/eenloket/kiosk.toml``::

    server_url = "https://loket.example.nl"
    token_file = "/etc/eenloket/kiosk.token"   # or token = "…", or EENLOKET_KIOSK_TOKEN
    location = "kreupelstraat"
    printer_url = "tcp://10.0.0.5:9100"
    languages = ["nl", "en", "pl", "tr", "uk", "ar"]
    orientation = "portrait"                    # 1080x1920; "landscape" is 1920x1080
    dpi = 69                                    # the screen's real density (32 inch portrait)

    [opening_hours]                             # days not listed are closed
    monday = "08:30-17:00"
    thursday = "08:30-20:00"

Under systemd the token may also come as a credential (``LoadCredential=token:…``): the
file ``$CREDENTIALS_DIRECTORY/token`` is read when no other token is given.
"""

from __future__ import annotations

import enum
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import time
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eenloket_i18n import LANGUAGES

ENV_PREFIX: Final = "EENLOKET_KIOSK_"
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HOURS: Final = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


class ConfigError(ValueError):
    """A setting that cannot work; the message names the setting."""


class Orientation(enum.Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"

    @property
    def size(self) -> tuple[int, int]:
        """The screen's width and height in pixels."""
        return (1080, 1920) if self is Orientation.PORTRAIT else (1920, 1080)


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Per weekday (0 is Monday) the opening and closing time; a missing day is closed."""

    days: Mapping[int, tuple[time, time]] = field(default_factory=dict)


DEFAULT_HOURS: Final = OpeningHours({d: (time(8, 30), time(17, 0)) for d in range(5)})


@dataclass(frozen=True, slots=True)
class KioskConfig:
    server_url: str = "http://127.0.0.1:8000"
    token: str = ""
    location: str = "kreupelstraat"
    timezone: str = "Europe/Amsterdam"
    """The location's wall clock, for times shown to visitors."""
    printer_url: str = ""
    """Empty: no printer; every ticket is shown on screen only."""
    languages: tuple[str, ...] = LANGUAGES
    default_language: str = "nl"
    orientation: Orientation = Orientation.PORTRAIT
    fullscreen: bool = True
    dpi: float = 96.0
    """Pixels per inch of the real screen, for touch targets of real size."""
    opening_hours: OpeningHours = DEFAULT_HOURS
    idle_seconds: int = 60
    """Quiet time before the "more time?" warning."""
    warning_seconds: int = 20
    """How long the warning waits before going back to the start."""
    ticket_seconds: int = 20
    """How long the ticket stays on screen after a good print."""
    fault_ticket_seconds: int = 90
    """How long the ticket stays on screen when it could not be printed."""
    walk_in_if_late: bool = True
    """A visitor too late for an appointment may get a walk-in ticket (if the service allows)."""
    general_service: str = "andere-vraag-weet-ik-niet"
    """The service "Other question / I don't know" books: a generalist desk."""
    speech_engine: str = "speechd"
    booking_hint: str = "gemeente.groningen.nl/afspraak"
    """Where a visitor books an appointment, as shown on screen."""
    request_timeout: float = 5.0

    def __post_init__(self) -> None:
        unknown = [lang for lang in self.languages if lang not in LANGUAGES]
        if unknown or not self.languages:
            raise ConfigError(f"languages: choose from {', '.join(LANGUAGES)}")
        if self.default_language not in self.languages:
            raise ConfigError("default_language must be one of the languages")
        if not self.server_url.startswith(("http://", "https://")):
            raise ConfigError("server_url must start with http:// or https://")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"timezone: unknown time zone {self.timezone!r}") from None
        if not 30 <= self.dpi <= 600:
            raise ConfigError("dpi must be between 30 and 600")
        for name in ("idle_seconds", "warning_seconds", "ticket_seconds",
                     "fault_ticket_seconds"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1")


def parse_hours(table: Mapping[str, Any]) -> OpeningHours:
    """``{"monday": "08:30-17:00", …}`` as :class:`OpeningHours`."""
    days: dict[int, tuple[time, time]] = {}
    for name, value in table.items():
        if name not in WEEKDAYS:
            raise ConfigError(f"opening_hours: unknown day {name!r}")
        match = _HOURS.match(str(value).strip())
        if not match:
            raise ConfigError(f"opening_hours.{name}: write HH:MM-HH:MM")
        try:
            opens = time(int(match[1]), int(match[2]))
            closes = time(int(match[3]), int(match[4]))
        except ValueError as exc:
            raise ConfigError(f"opening_hours.{name}: {exc}") from exc
        if closes <= opens:
            raise ConfigError(f"opening_hours.{name}: closing must be after opening")
        days[WEEKDAYS.index(name)] = (opens, closes)
    return OpeningHours(days)


def _convert(name: str, value: Any) -> Any:
    if name == "languages":
        items = value.split(",") if isinstance(value, str) else value
        return tuple(str(item).strip() for item in items if str(item).strip())
    if name == "orientation":
        try:
            return Orientation(str(value).lower())
        except ValueError:
            raise ConfigError("orientation must be portrait or landscape") from None
    if name == "opening_hours":
        if not isinstance(value, Mapping):
            raise ConfigError("opening_hours must be a table of days")
        return parse_hours(value)
    kind = type(getattr(KioskConfig(), name))
    if kind is bool and isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}: not a valid {kind.__name__}") from None


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None,
                **overrides: Any) -> KioskConfig:
    """The configuration from ``path`` (TOML), then the environment, then ``overrides``."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    if path is not None:
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    names = {f.name for f in fields(KioskConfig)}
    for name in names:
        if f"{ENV_PREFIX}{name.upper()}" in env:
            values[name] = env[f"{ENV_PREFIX}{name.upper()}"]
    values.update(overrides)
    token_file = values.pop("token_file", None)
    unknown = sorted(set(values) - names)
    if unknown:
        raise ConfigError(f"unknown setting {', '.join(unknown)}")
    if not values.get("token"):
        values["token"] = _read_token(token_file, env)
    converted = {name: _convert(name, value) for name, value in values.items()}
    return replace(KioskConfig(), **converted)


def _read_token(token_file: Any, env: Mapping[str, str]) -> str:
    if token_file:
        candidate = Path(str(token_file))
    elif env.get("CREDENTIALS_DIRECTORY"):
        candidate = Path(env["CREDENTIALS_DIRECTORY"]) / "token"
        if not candidate.exists():
            return ""
    else:
        return ""
    try:
        return candidate.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read token {candidate}: {exc.strerror or exc}") from exc
