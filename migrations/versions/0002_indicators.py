"""indicators: catalogue, areas with breaks, measurements and their changes, baselines, targets

Revision ID: 0002_indicators
Revises: 0001_plan
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_indicators"
down_revision: str | None = "0001_plan"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("predecessor_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Integer(), nullable=True),
        sa.Column("valid_to", sa.Integer(), nullable=True),
        sa.Column("break_note", sa.Text(), nullable=False),
        sa.Column("dst_code", sa.String(length=10), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["area.id"], name=op.f("fk_area_parent_id_area")),
        sa.ForeignKeyConstraint(
            ["predecessor_id"], ["area.id"], name=op.f("fk_area_predecessor_id_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
        sa.UniqueConstraint("code", name=op.f("uq_area_code")),
        sa.UniqueConstraint("name", name=op.f("uq_area_name")),
    )
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("effect", sa.String(length=80), nullable=True),
        sa.Column("frequency", sa.String(length=40), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("activity_name", sa.String(length=200), nullable=True),
        sa.Column("plan_measure", sa.Text(), nullable=True),
        sa.Column("min_value", sa.Float(), nullable=True),
        sa.Column("max_value", sa.Float(), nullable=True),
        sa.Column("whole_number", sa.Boolean(), nullable=False),
        sa.Column("dst_table", sa.String(length=20), nullable=True),
        sa.Column("dst_code", sa.String(length=40), nullable=True),
        sa.Column("dst_label", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("code", name=op.f("uq_indicator_code")),
    )
    op.create_table(
        "area_alias",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_area_alias_area_id_area")),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_area_alias")),
    )
    op.create_table(
        "baseline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("partnership_name", sa.String(length=200), nullable=False),
        sa.Column("plan_year", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_baseline_area_id_area")),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_baseline_indicator_id_indicator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baseline")),
        sa.UniqueConstraint(
            "indicator_id",
            "area_id",
            "plan_year",
            "source",
            name=op.f("uq_baseline_indicator_id_area_id_plan_year_source"),
        ),
    )
    op.create_table(
        "measurement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("period_kind", sa.String(length=20), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("describes_period", sa.String(length=20), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit_detail", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("load_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_measurement_area_id_area")),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_measurement_indicator_id_indicator")
        ),
        sa.ForeignKeyConstraint(
            ["load_id"], ["load_log.id"], name=op.f("fk_measurement_load_id_load_log")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurement")),
        sa.UniqueConstraint(
            "indicator_id",
            "area_id",
            "period",
            "source",
            name=op.f("uq_measurement_indicator_id_area_id_period_source"),
        ),
    )
    op.create_index("ix_measurement_load_id", "measurement", ["load_id"])
    op.create_table(
        "measurement_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measurement_id", sa.Integer(), nullable=False),
        sa.Column("load_id", sa.Integer(), nullable=True),
        sa.Column("old_value", sa.Float(), nullable=False),
        sa.Column("new_value", sa.Float(), nullable=False),
        sa.Column("old_note", sa.Text(), nullable=False),
        sa.Column("new_note", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["load_id"], ["load_log.id"], name=op.f("fk_measurement_change_load_id_load_log")
        ),
        sa.ForeignKeyConstraint(
            ["measurement_id"],
            ["measurement.id"],
            name=op.f("fk_measurement_change_measurement_id_measurement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurement_change")),
    )
    op.create_index(
        op.f("ix_measurement_change_measurement_id"), "measurement_change", ["measurement_id"]
    )
    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("partnership_name", sa.String(length=200), nullable=False),
        sa.Column("plan_year", sa.Integer(), nullable=False),
        sa.Column("min_value", sa.Float(), nullable=True),
        sa.Column("max_value", sa.Float(), nullable=True),
        sa.Column("per", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("activity_name", sa.String(length=200), nullable=True),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("plan_version_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_target_activity_id_activity")
        ),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_target_area_id_area")),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_target_indicator_id_indicator")
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_target_plan_version_id_plan_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
        sa.UniqueConstraint(
            "indicator_id",
            "partnership_name",
            "plan_year",
            "source",
            name=op.f("uq_target_indicator_id_partnership_name_plan_year_source"),
        ),
    )


def downgrade() -> None:
    op.drop_table("target")
    op.drop_index(op.f("ix_measurement_change_measurement_id"), table_name="measurement_change")
    op.drop_table("measurement_change")
    op.drop_index("ix_measurement_load_id", table_name="measurement")
    op.drop_table("measurement")
    op.drop_table("baseline")
    op.drop_table("area_alias")
    op.drop_table("indicator")
    op.drop_table("area")
