"""indexes for statistics and visit loading

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Loading a visit's tasks, and statistics joining tasks to visits, scan every task
    # without this index.
    op.create_index("ix_tasks_visit_id_position", "tasks", ["visit_id", "position"])
    # Recent calls on snapshots and desk activity for staffing advice.
    op.create_index("ix_events_location_id_type_at", "events", ["location_id", "type", "at"])


def downgrade() -> None:
    op.drop_index("ix_events_location_id_type_at", table_name="events")
    op.drop_index("ix_tasks_visit_id_position", table_name="tasks")
