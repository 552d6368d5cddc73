"""app_user.must_change_password: a one-time password set by the secretariat must be replaced
at the next login

Revision ID: 0016_one_time_password
Revises: 0015_partnership_scope
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_one_time_password"
down_revision: str | None = "0015_partnership_scope"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ADD/DROP COLUMN, never a batch copy of app_user: on SQLite the copy drops the old
# table, and with foreign keys enforced that deletes every user_partnership row (ON DELETE
# CASCADE) and every session's reference.


def upgrade() -> None:
    op.add_column(
        "app_user",
        sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("app_user", "must_change_password")
