"""pool_application.lon, .lat: an application's optional point on the partnership's map

Revision ID: 0020_pool_point
Revises: 0019_counts_people
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_pool_point"
down_revision: str | None = "0019_counts_people"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pool_application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lon", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("lat", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pool_application", schema=None) as batch_op:
        batch_op.drop_column("lat")
        batch_op.drop_column("lon")
