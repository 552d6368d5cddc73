"""auth: users, login attempts, deliverable change history

Revision ID: 0003_auth
Revises: 0002_indicators
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_auth"
down_revision: str | None = "0002_indicators"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("remote_addr", sa.String(length=64), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_login_attempt_remote_addr_attempted_at",
            ["remote_addr", "attempted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_login_attempt_username_attempted_at", ["username", "attempted_at"], unique=False
        )

    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_app_user_party_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "deliverable_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deliverable_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("old_status", sa.String(length=20), nullable=False),
        sa.Column("new_status", sa.String(length=20), nullable=False),
        sa.Column("old_comment", sa.Text(), nullable=False),
        sa.Column("new_comment", sa.Text(), nullable=False),
        sa.Column("old_status_date", sa.Date(), nullable=True),
        sa.Column("new_status_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deliverable_id"],
            ["deliverable.id"],
            name=op.f("fk_deliverable_change_deliverable_id_deliverable"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_deliverable_change_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverable_change")),
        sa.UniqueConstraint(
            "deliverable_id", "version", name=op.f("uq_deliverable_change_deliverable_id_version")
        ),
    )
    with op.batch_alter_table("deliverable_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deliverable_change_deliverable_id"), ["deliverable_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deliverable_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliverable_change_deliverable_id"))

    op.drop_table("deliverable_change")
    op.drop_table("app_user")
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempt_username_attempted_at")
        batch_op.drop_index("ix_login_attempt_remote_addr_attempted_at")

    op.drop_table("login_attempt")
