"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and a live server.

PostgreSQL tests run when ``EENLOKET_TEST_DATABASE_URL`` points at a server where the user may
create databases (``.ci/run`` sets it to the local PostgreSQL). Each test session gets its own
database there, so parallel runs never share state.
"""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Provisioned:
    """The demo hall with users and devices, provisioned once; tests get a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    return provision(f"sqlite+aiosqlite:///{path}")


@pytest.fixture(scope="session")
def postgres_template(postgres_server_url: str) -> Provisioned:
    """The same on PostgreSQL: a template database that each test clones."""
    return provision(postgres_server_url.replace("postgresql://", "postgresql+psycopg_async://"))


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg_async://", "postgresql://")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def provisioned(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Provisioned]:
    """A fresh database of each kind with the demo hall, users clerk1-3/manager/admin and
    devices kiosk-1, board-1, booking, haren-kiosk (see tests.support.provision)."""
    if request.param == "sqlite":
        template: Provisioned = request.getfixturevalue("sqlite_template")
        source = Path(template.database_url.removeprefix("sqlite+aiosqlite:///"))
        target = tmp_path / "eenloket.sqlite3"
        shutil.copyfile(source, target)
        yield Provisioned(f"sqlite+aiosqlite:///{target}", template.tokens, template.users)
        return
    template = request.getfixturevalue("postgres_template")
    server_url: str = request.getfixturevalue("postgres_server_url")
    template_name = server_url.rsplit("/", 1)[1]
    name = f"{template_name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_plain(server_url).rsplit("/", 1)[0] + "/postgres",
                         autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    url = server_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield Provisioned(url.replace("postgresql://", "postgresql+psycopg_async://"),
                          template.tokens, template.users)
    finally:
        with psycopg.connect(_plain(server_url).rsplit("/", 1)[0] + "/postgres",
                             autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(provisioned: Provisioned) -> str:
    """The URL of this test's provisioned database (SQLite and PostgreSQL)."""
    return provisioned.database_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind, for tests of the migrations themselves."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server_url: str = request.getfixturevalue("postgres_server_url")
    name = f"empty_{uuid.uuid4().hex[:10]}"
    root = _plain(server_url).rsplit("/", 1)[0]
    with psycopg.connect(root + "/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg_async://{root.removeprefix('postgresql://')}/{name}"
    finally:
        with psycopg.connect(root + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server(provisioned: Provisioned) -> Iterator[LiveServer]:
    """The real queue server on a loopback port, with demo users and devices."""
    with LiveServer(provisioned) as live:
        yield live
