"""walk, walk_finding, walk_action, walk_follow_up, walk_change: the safety walks
(tryghedsvandringer), the unsafe places they find, the actions on them and the follow-up on a
later walk, with history

Revision ID: 0018_walks
Revises: 0017_bylivspulje
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_walks"
down_revision: str | None = "0017_bylivspulje"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "walk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("walked_on", sa.Date(), nullable=False),
        sa.Column("route", sa.String(length=300), nullable=False),
        sa.Column("residents", sa.Integer(), nullable=False),
        sa.Column("staff", sa.Integer(), nullable=False),
        sa.Column("police", sa.Integer(), nullable=False),
        sa.Column("others", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"], ["partnership.id"], name=op.f("fk_walk_partnership_id_partnership")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk")),
    )
    with op.batch_alter_table("walk", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_walk_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "walk_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_walk_change_partnership_id_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_walk_change_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_change")),
        sa.UniqueConstraint(
            "entity", "entity_id", "version", name=op.f("uq_walk_change_entity_entity_id_version")
        ),
    )
    with op.batch_alter_table("walk_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_walk_change_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "walk_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_walk_finding_partnership_id_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walk.id"], name=op.f("fk_walk_finding_walk_id_walk")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_finding")),
    )
    with op.batch_alter_table("walk_finding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_walk_finding_partnership_id"), ["partnership_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_walk_finding_walk_id"), ["walk_id"], unique=False)

    op.create_table(
        "walk_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("walk_id", sa.Integer(), nullable=False),
        sa.Column("fixed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["walk_finding.id"],
            name=op.f("fk_walk_follow_up_finding_id_walk_finding"),
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_walk_follow_up_partnership_id_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walk.id"], name=op.f("fk_walk_follow_up_walk_id_walk")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_follow_up")),
        sa.UniqueConstraint(
            "finding_id", "walk_id", name=op.f("uq_walk_follow_up_finding_id_walk_id")
        ),
    )
    with op.batch_alter_table("walk_follow_up", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_walk_follow_up_finding_id"), ["finding_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_walk_follow_up_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "walk_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("pool_application_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["walk_finding.id"], name=op.f("fk_walk_action_finding_id_walk_finding")
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_walk_action_partnership_id_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_walk_action_party_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["pool_application_id"],
            ["pool_application.id"],
            name=op.f("fk_walk_action_pool_application_id_pool_application"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_action")),
        sa.UniqueConstraint("finding_id", name=op.f("uq_walk_action_finding_id")),
    )
    with op.batch_alter_table("walk_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_walk_action_partnership_id"), ["partnership_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("walk_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_action_partnership_id"))

    op.drop_table("walk_action")
    with op.batch_alter_table("walk_follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_follow_up_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_walk_follow_up_finding_id"))

    op.drop_table("walk_follow_up")
    with op.batch_alter_table("walk_finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_finding_walk_id"))
        batch_op.drop_index(batch_op.f("ix_walk_finding_partnership_id"))

    op.drop_table("walk_finding")
    with op.batch_alter_table("walk_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_change_partnership_id"))

    op.drop_table("walk_change")
    with op.batch_alter_table("walk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_partnership_id"))

    op.drop_table("walk")
