"""Configuration from environment variables with the prefix ``EENLOKET_``."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from queue_server.hall import DEMO_HALL


def default_database_url() -> str:
    """An SQLite file in the user's data directory (``StateDirectory`` under systemd)."""
    directory = user_data_path("eenloket", appauthor=False, ensure_exists=True)
    return f"sqlite+aiosqlite:///{directory / 'eenloket.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EENLOKET_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    hall_file: Path = DEMO_HALL
    host: str = "127.0.0.1"
    port: int = 8080
    public_url: str = ""
    """Base URL visitors' phones reach the server on (for the ticket's QR); empty: host:port."""
    retention_hours: float = 0
    """Hours after a visit's service day ends that personal data is kept; 0 = end of the day."""
    subscriber_queue_size: int = Field(default=1000, ge=1)
    """Events one WebSocket subscriber may lag behind before it is dropped and must resync."""
    idempotency_hours: float = 24
    log_level: str = "INFO"
    log_format: str = "json"
    """``json`` (one object per line) or ``text``."""

    @property
    def base_url(self) -> str:
        return self.public_url.rstrip("/") or f"http://{self.host}:{self.port}"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
