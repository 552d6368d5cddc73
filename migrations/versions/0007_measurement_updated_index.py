"""measurement_updated_index: index measurement.updated_at (the briefing's "since the last
meeting" filters on it)

Revision ID: 0007_measurement_updated_index
Revises: 0006_data_version
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007_measurement_updated_index"
down_revision: str | None = "0006_data_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measurement_updated_at"), ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measurement_updated_at"))
