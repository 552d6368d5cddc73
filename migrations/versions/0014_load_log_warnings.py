"""load_log.warnings: the reader's warnings of each load, for `tryghed loads`

Revision ID: 0014_load_log_warnings
Revises: 0013_meeting_note
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_load_log_warnings"
down_revision: str | None = "0013_meeting_note"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("load_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("warnings", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("load_log", schema=None) as batch_op:
        batch_op.drop_column("warnings")
