"""indicator.counts_people: whether an indicator's counts count persons, so that only those
are published as "under 5" below 5 (counts of walks, newsletters and activities are not)

Revision ID: 0019_counts_people
Revises: 0018_walks
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_counts_people"
down_revision: str | None = "0018_walks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The bundled catalogue's counts of things, as data_loaders/data/indicator_catalogue.csv
# marks them; set here too, so a database that is only migrated (the release step) publishes
# them at once instead of at the next catalogue sync. Every other indicator stays suppressed.
THING_COUNTS = (
    "tryghedsvandringer",
    "tryghedsfremmende_aktiviteter",
    "beboerblade",
    "bylivspulje_lokale_aktiviteter",
)


def upgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("counts_people", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    indicator = sa.table("indicator", sa.column("code"), sa.column("counts_people"))
    op.execute(
        indicator.update()
        .where(indicator.c.code.in_(THING_COUNTS))
        .values(counts_people=sa.false())
    )


def downgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("counts_people")
