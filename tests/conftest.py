"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and a live server.

PostgreSQL tests run when ``EENLOKET_TEST_DATABASE_URL`` points at a server where the user may
create databases (``.ci/run`` sets it to the local PostgreSQL). Each test session gets its own
database there, so parallel runs never share state.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.support import LiveServer, Provisioned, provision

PG_ENV = "EENLOKET_TEST_DATABASE_URL"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} must be set under CI")
        pytest.skip(f"PostgreSQL tests need {PG_ENV}, e.g. "
                    "postgresql://postgres@127.0.0.1:5432/test")
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    name = f"eenloket_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(plain, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = plain.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with psycopg.connect(plain, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _reset_postgres(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind; the schema comes from the migrations."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'eenloket.sqlite3'}"
    url: str = request.getfixturevalue("postgres_server_url")
    _reset_postgres(url)
    return url.replace("postgresql://", "postgresql+psycopg_async://")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'eenloket.sqlite3'}"


@pytest.fixture
def provisioned(database_url: str) -> Provisioned:
    return provision(database_url)


@pytest.fixture
def server(provisioned: Provisioned) -> Iterator[LiveServer]:
    """The real queue server on a loopback port, with demo users and devices."""
    with LiveServer(provisioned) as live:
        yield live
