"""drop data_version: the query memo it keyed is gone, every read goes to the database

Revision ID: 0011_drop_data_version
Revises: 0010_timeline_event
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_drop_data_version"
down_revision: str | None = "0010_timeline_event"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DOMAINS = ("plan", "deliverables", "indicators", "meetings", "users")


def upgrade() -> None:
    op.drop_table("data_version")  # only cache tokens: nothing to keep


def downgrade() -> None:
    table = op.create_table(
        "data_version",
        sa.Column("domain", sa.String(length=20), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("domain", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"domain": d, "token": uuid.uuid4().hex} for d in DOMAINS])
