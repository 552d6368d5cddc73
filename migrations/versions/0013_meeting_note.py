"""meeting_note: the steering committee's and the secretariat's notes on a meeting

Revision ID: 0013_meeting_note
Revises: 0012_user_session
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_meeting_note"
down_revision: str | None = "0012_user_session"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_note_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_note")),
    )
    with op.batch_alter_table("meeting_note", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_note_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_note_meeting_id"))
    op.drop_table("meeting_note")
