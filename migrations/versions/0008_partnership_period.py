"""partnership_period: the periods a partnership works in, as its plans state them

Revision ID: 0008_partnership_period
Revises: 0007_measurement_updated_index
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_partnership_period"
down_revision: str | None = "0007_measurement_updated_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partnership_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_partnership_period_partnership_id_partnership"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_period")),
        sa.UniqueConstraint(
            "partnership_id",
            "first_year",
            "last_year",
            name=op.f("uq_partnership_period_partnership_id_first_year_last_year"),
        ),
    )


def downgrade() -> None:
    op.drop_table("partnership_period")
