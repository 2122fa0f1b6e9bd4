"""The migrations build exactly the models' schema, and run down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from queue_server.store import migrate
from queue_server.store.models import Base


def test_migrations_match_the_models_and_reverse(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url)
    engine = create_engine(migrate.sync_url(empty_database_url))
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            assert diff == [], f"models and migrations differ: {diff}"
            tables = set(inspect(connection).get_table_names())
        assert {"visits", "tasks", "events", "appointments", "staff_sessions"} <= tables
        migrate.downgrade(empty_database_url, "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(empty_database_url)
        with engine.connect() as connection:
            assert tables == set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
