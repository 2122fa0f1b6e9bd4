"""summaries of closed days for statistics

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = ("grain", "period_start", "location_id", "service_id", "is_appointment")
COUNTS = ("visits", "called", "served", "no_shows", "cancelled", "unserved",
          "served_after_transfer", "transfers", "early_15", "early_5", "on_time", "late_5",
          "late_15")


def _location(table: str) -> sa.Column[int]:
    return sa.Column("location_id", sa.Integer(),
                     sa.ForeignKey("locations.id", name=f"fk_{table}_location_id_locations"),
                     nullable=False)


def upgrade() -> None:
    # Filled by housekeeping for closed days (queue_server.summaries); existing visits are
    # summarised a month per round, or at once with `eenloket summarize`.
    op.create_table(
        "summary_periods",
        _location("summary_periods"),
        sa.Column("grain", sa.String(1), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("location_id", "grain", "period_start",
                                name="pk_summary_periods"),
    )
    op.create_table(
        "summary_visits",
        sa.Column("grain", sa.String(1), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        _location("summary_visits"),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("is_appointment", sa.Boolean(), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in COUNTS),
        sa.PrimaryKeyConstraint(*KEYS, name="pk_summary_visits"),
    )
    op.create_table(
        "summary_bins",
        sa.Column("metric", sa.String(24), nullable=False),
        sa.Column("grain", sa.String(1), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        _location("summary_bins"),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("is_appointment", sa.Boolean(), nullable=False),
        sa.Column("item", sa.String(130), nullable=False),
        sa.Column("edge", sa.BigInteger(), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("metric", *KEYS, "item", "edge", name="pk_summary_bins"),
    )


def downgrade() -> None:
    op.drop_table("summary_bins")
    op.drop_table("summary_visits")
    op.drop_table("summary_periods")
