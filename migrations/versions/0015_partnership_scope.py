"""Every partnership on one installation: users belong to partnerships, a partnership has its
own area and public texts, a load names its partnership

Existing users keep what they had: each becomes a member of every partnership the database
holds (before this revision there was one in practice), and the partnership whose plan was
loaded gets the one partnership area the database knows, when there is exactly one.

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


def upgrade() -> None:
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("members", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("about", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("about_source", sa.String(300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("area_text", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("map_outline", sa.String(300), nullable=False, server_default="")
        )
        batch_op.create_foreign_key("fk_partnership_area_id_area", "area", ["area_id"], ["id"])
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("all_partnerships", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("load_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("partnership_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_load_log_partnership_id_partnership", "partnership", ["partnership_id"], ["id"]
        )
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
        "UPDATE partnership SET area_id = (SELECT id FROM area WHERE kind = 'partnership_area' "
        "AND predecessor_id IS NULL) "
        "WHERE (SELECT COUNT(*) FROM partnership) = 1 "
        "AND (SELECT COUNT(*) FROM area WHERE kind = 'partnership_area' "
        "AND predecessor_id IS NULL) = 1"
    )
    op.execute(
        "UPDATE load_log SET partnership_id = (SELECT partnership_id FROM plan_version "
        "WHERE plan_version.id = load_log.plan_version_id) WHERE plan_version_id IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("user_partnership")
    with op.batch_alter_table("load_log", schema=None) as batch_op:
        batch_op.drop_constraint("fk_load_log_partnership_id_partnership", type_="foreignkey")
        batch_op.drop_column("partnership_id")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("all_partnerships")
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_constraint("fk_partnership_area_id_area", type_="foreignkey")
        for column in ("map_outline", "area_text", "about_source", "about", "members", "area_id"):
            batch_op.drop_column(column)
