"""tryghed: the story notes behind each indicator and figures registered in the app, with history

Revision ID: 0004_tryghed
Revises: 0003_auth
Create Date: 2026-11-26 16:22:34.044724
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_tryghed"
down_revision: str | None = "0003_auth"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_note_indicator_id_indicator"),
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_indicator_note_partnership_id_partnership"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_note")),
        sa.UniqueConstraint(
            "indicator_id",
            "partnership_id",
            name=op.f("uq_indicator_note_indicator_id_partnership_id"),
        ),
    )
    op.create_table(
        "indicator_note_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("old_text", sa.Text(), nullable=False),
        sa.Column("new_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["indicator_note.id"],
            name=op.f("fk_indicator_note_change_note_id_indicator_note"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_indicator_note_change_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_note_change")),
        sa.UniqueConstraint(
            "note_id", "version", name=op.f("uq_indicator_note_change_note_id_version")
        ),
    )
    with op.batch_alter_table("indicator_note_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_note_change_note_id"), ["note_id"], unique=False
        )

    op.create_table(
        "measurement_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measurement_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("old_value", sa.Float(), nullable=True),
        sa.Column("new_value", sa.Float(), nullable=False),
        sa.Column("old_note", sa.Text(), nullable=False),
        sa.Column("new_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["measurement_id"],
            ["measurement.id"],
            name=op.f("fk_measurement_edit_measurement_id_measurement"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_measurement_edit_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurement_edit")),
        sa.UniqueConstraint(
            "measurement_id", "version", name=op.f("uq_measurement_edit_measurement_id_version")
        ),
    )
    with op.batch_alter_table("measurement_edit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_measurement_edit_measurement_id"), ["measurement_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("measurement_edit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measurement_edit_measurement_id"))

    op.drop_table("measurement_edit")
    with op.batch_alter_table("indicator_note_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_note_change_note_id"))

    op.drop_table("indicator_note_change")
    op.drop_table("indicator_note")
