"""How one board is set up: which server, location and desks; screen and sound settings."""

from __future__ import annotations

import enum
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit


class Orientation(enum.Enum):
    AUTO = "auto"
    """Follow the window's shape (a TV mounted on its side gives a tall window)."""
    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"


class SpeechEngine(enum.Enum):
    AUTO = "auto"
    """QtTextToSpeech (speech-dispatcher) when a sound server runs, else espeak-ng files."""
    SPEECHD = "speechd"
    ESPEAK = "espeak"
    MOCK = "mock"
    """QtTextToSpeech's mock engine: silent, for tests and demos."""


@dataclass(frozen=True)
class InfoLine:
    """One information line at the bottom of the board, in Dutch and (optionally) English."""

    nl: str
    en: str = ""


class ConfigError(ValueError):
    """A board setting that cannot work; the message says which and why."""


@dataclass(frozen=True)
class BoardConfig:
    server: str
    """The queue server's base URL, e.g. ``http://10.0.0.5:8000``."""
    token: str
    """The board's device token (``dev_...``)."""
    location: str
    desks: frozenset[int] | None = None
    """Only calls to these desks (a hall with two waiting areas has two boards); None: all."""
    silent: bool = False
    orientation: Orientation = Orientation.AUTO
    fullscreen: bool = False
    volume: int = 80
    """Percent, for the chime and the voice."""
    voice: str = ""
    """A voice name (speech-dispatcher) or espeak-ng variant such as ``f3``; empty: default."""
    speech: SpeechEngine = SpeechEngine.AUTO
    chime: bool = True
    info: tuple[InfoLine, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        scheme = urlsplit(self.server).scheme
        if scheme not in ("http", "https"):
            raise ConfigError(f"the server URL must start with http:// or https://: {self.server}")
        if not self.token:
            raise ConfigError("a board needs its device token (--token or EENLOKET_BOARD_TOKEN)")
        if not self.location:
            raise ConfigError("say which location this board shows (--location)")
        if not 0 <= self.volume <= 100:
            raise ConfigError("the volume is a percentage from 0 to 100")

    def events_url(self, since: int | None) -> str:
        """The WebSocket URL of the location's event stream, resuming after ``since``."""
        parts = urlsplit(self.server)
        scheme = "wss" if parts.scheme == "https" else "ws"
        path = parts.path.rstrip("/") + f"/api/v1/locations/{self.location}/events"
        query = urlencode({"since": since}) if since is not None else ""
        return urlunsplit((scheme, parts.netloc, path, query, ""))


def parse_desks(text: str) -> frozenset[int]:
    """``"1,2,3"`` gives {1, 2, 3}."""
    try:
        desks = frozenset(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise ConfigError(f"desks are numbers separated by commas, like 1,2,3: {text}") from None
    if not desks or min(desks) < 1:
        raise ConfigError(f"give at least one desk number of 1 or more: {text}")
    return desks


def load_info_lines(path: Path) -> tuple[InfoLine, ...]:
    """Information lines from a TOML file::

        [[line]]
        nl = "Open maandag tot en met vrijdag van 9.00 tot 17.00 uur."
        en = "Open Monday to Friday, 9:00 to 17:00."
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the information lines in {path}: {exc}") from exc
    lines = []
    for entry in data.get("line", []):
        nl = entry.get("nl") if isinstance(entry, dict) else None
        if not isinstance(nl, str) or not nl.strip():
            raise ConfigError(f"every [[line]] in {path} needs a Dutch text (nl = \"...\")")
        en = entry.get("en", "")
        lines.append(InfoLine(nl.strip(), en.strip() if isinstance(en, str) else ""))
    return tuple(lines)
