"""Every partnership on one installation: users belong to partnerships, a partnership has its
own area and public texts, a load names its partnership

Existing users keep what they had: each becomes a member of every partnership the database
holds (before this revision there was one in practice). A partnership gets its own area
where that is certain: Amager Partnerskab the area the registry gives it
("partnerskabsomraadet"), and the only partnership the one partnership area the database
knows. Every other one gets its area from the registry at the next ``tryghed init``. Each
load of a plan or budget is logged for the partnership of its plan version.

Revision ID: 0015_partnership_scope
Revises: 0014_load_log_warnings
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_partnership_scope"
down_revision: str | None = "0014_load_log_warnings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable column referring to ``target``'s id. On SQLite the reference is written
    into ADD COLUMN: adding a constraint later means copying the table, and dropping the old
    copy of a table other rows refer to (plans refer to their partnership, figures to their
    load) fails while foreign keys are enforced."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    reference = sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}")
    op.add_column(
        table, sa.Column(column, sa.Integer(), reference, nullable=True), inline_references=sqlite
    )


def upgrade() -> None:
    _add_reference("partnership", "area_id", "area")
    op.add_column("partnership", sa.Column("members", sa.Text(), nullable=False, server_default=""))
    op.add_column("partnership", sa.Column("about", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "partnership", sa.Column("about_source", sa.String(300), nullable=False, server_default="")
    )
    op.add_column(
        "partnership", sa.Column("area_text", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "partnership", sa.Column("map_outline", sa.String(300), nullable=False, server_default="")
    )
    op.add_column(
        "app_user",
        sa.Column("all_partnerships", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    _add_reference("load_log", "partnership_id", "partnership")
    op.create_table(
        "user_partnership",
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("app_user.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "partnership_id",
            sa.Integer(),
            sa.ForeignKey("partnership.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.execute(
        "INSERT INTO user_partnership (user_id, partnership_id) "
        "SELECT app_user.id, partnership.id FROM app_user CROSS JOIN partnership"
    )
    op.execute(
        "UPDATE partnership SET area_id = (SELECT id FROM area WHERE code = "
        "'partnerskabsomraadet') WHERE slug = 'amager-partnerskab'"
    )
    op.execute(
        "UPDATE partnership SET area_id = (SELECT id FROM area WHERE kind = 'partnership_area' "
        "AND predecessor_id IS NULL) "
        "WHERE area_id IS NULL AND (SELECT COUNT(*) FROM partnership) = 1 "
        "AND (SELECT COUNT(*) FROM area WHERE kind = 'partnership_area' "
        "AND predecessor_id IS NULL) = 1"
    )
    op.execute(
        "UPDATE load_log SET partnership_id = (SELECT partnership_id FROM plan_version "
        "WHERE plan_version.id = load_log.plan_version_id) WHERE plan_version_id IS NOT NULL"
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), not a copy of the table: see ``_add_reference``. A
    # column's own foreign key goes with it.
    op.drop_table("user_partnership")
    op.drop_column("load_log", "partnership_id")
    op.drop_column("app_user", "all_partnerships")
    for column in ("map_outline", "area_text", "about_source", "about", "members", "area_id"):
        op.drop_column("partnership", column)
