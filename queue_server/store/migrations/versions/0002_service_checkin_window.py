"""per-service check-in window

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # batch_alter_table: SQLite cannot add NOT NULL columns in place without a default.
    with op.batch_alter_table("services") as batch:
        batch.add_column(sa.Column("checkin_early_minutes", sa.Float(), nullable=False,
                                   server_default="30"))
        batch.add_column(sa.Column("checkin_late_minutes", sa.Float(), nullable=False,
                                   server_default="15"))


def downgrade() -> None:
    with op.batch_alter_table("services") as batch:
        batch.drop_column("checkin_late_minutes")
        batch.drop_column("checkin_early_minutes")
