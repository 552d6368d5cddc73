"""data_version_domains: one token per domain of the data instead of one for everything

Revision ID: 0009_data_version_domains
Revises: 0008_partnership_period
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_data_version_domains"
down_revision: str | None = "0008_partnership_period"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As dashboard/cache.py's DOMAINS were when this ran; the cache adds a missing row itself.
DOMAINS = ("plan", "deliverables", "indicators", "meetings", "users")


def upgrade() -> None:
    op.drop_table("data_version")  # only cache tokens: nothing to keep
    table = op.create_table(
        "data_version",
        sa.Column("domain", sa.String(length=20), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("domain", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"domain": d, "token": uuid.uuid4().hex} for d in DOMAINS])


def downgrade() -> None:
    op.drop_table("data_version")
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "token": uuid.uuid4().hex}])
