"""pool_application, pool_recommendation, pool_change: Bylivspuljen's applications, the
working group's recommendations, the committee's decisions and the follow-up, with history

Revision ID: 0017_bylivspulje
Revises: 0016_one_time_password
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_bylivspulje"
down_revision: str | None = "0016_one_time_password"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pool_change",
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
            name=op.f("fk_pool_change_partnership_id_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_pool_change_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_change")),
        sa.UniqueConstraint(
            "entity", "entity_id", "version", name=op.f("uq_pool_change_entity_entity_id_version")
        ),
    )
    op.create_index(
        op.f("ix_pool_change_partnership_id"), "pool_change", ["partnership_id"], unique=False
    )

    op.create_table(
        "pool_recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("in_favour", sa.Boolean(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recommended_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("in_writing", sa.Boolean(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("frame_raise", sa.Integer(), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_pool_recommendation_decision_id_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_pool_recommendation_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_pool_recommendation_partnership_id_partnership"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_recommendation")),
    )
    op.create_index(
        op.f("ix_pool_recommendation_partnership_id"),
        "pool_recommendation",
        ["partnership_id"],
        unique=False,
    )

    op.create_table(
        "pool_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("use", sa.String(length=20), nullable=False),
        sa.Column("applicant_kind", sa.String(length=20), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("amount_asked", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("received_via", sa.String(length=20), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=True),
        sa.Column("amount_granted", sa.Integer(), nullable=True),
        sa.Column("carried_out", sa.Boolean(), nullable=True),
        sa.Column("amount_spent", sa.Integer(), nullable=True),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_pool_application_partnership_id_partnership"),
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["pool_recommendation.id"],
            name=op.f("fk_pool_application_recommendation_id_pool_recommendation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_application")),
    )
    op.create_index(
        op.f("ix_pool_application_partnership_id"),
        "pool_application",
        ["partnership_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_pool_application_recommendation_id"),
        "pool_application",
        ["recommendation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pool_application_recommendation_id"), table_name="pool_application")
    op.drop_index(op.f("ix_pool_application_partnership_id"), table_name="pool_application")

    op.drop_table("pool_application")
    op.drop_index(op.f("ix_pool_recommendation_partnership_id"), table_name="pool_recommendation")

    op.drop_table("pool_recommendation")
    op.drop_index(op.f("ix_pool_change_partnership_id"), table_name="pool_change")

    op.drop_table("pool_change")
