"""A stored plan version as the same plain data the document reader produces.

The loaders compare a newly read plan with the stored one and build a budget sheet's revision
on it; the plan page and ``tryghed export plan`` show it. Reads the model, writes nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard.model import Activity, Deliverable, PlanVersion
from data_loaders.plan_types import (
    BudgetCell,
    ParsedActivity,
    ParsedApproval,
    ParsedDeliverable,
    ParsedFocusArea,
    ParsedHandover,
    ParsedPlan,
    ParsedResponsible,
)


def plan_snapshot(session: Session, plan_version_id: int) -> ParsedPlan:
    """One stored version as the same plain data the document parser produces."""
    version = session.scalars(
        select(PlanVersion)
        .where(PlanVersion.id == plan_version_id)
        .options(
            selectinload(PlanVersion.partnership),
            selectinload(PlanVersion.approvals),
            selectinload(PlanVersion.focus_areas),
            selectinload(PlanVersion.measures),
            selectinload(PlanVersion.budget_lines),
            selectinload(PlanVersion.frames),
            selectinload(PlanVersion.activities).options(
                selectinload(Activity.parent),
                selectinload(Activity.focus_area),
                selectinload(Activity.responsible),
                selectinload(Activity.handovers),
                selectinload(Activity.deliverables).selectinload(Deliverable.responsible),
            ),
        )
    ).one()
    frame = {f.year: f.amount for f in version.frames}
    activities = []
    for activity in version.activities:
        activities.append(
            ParsedActivity(
                name=activity.name,
                focus_area=activity.focus_area.number if activity.focus_area else None,
                parent=activity.parent.name if activity.parent else None,
                table_name=activity.table_name,
                purpose=activity.purpose,
                goals=activity.goals,
                target_group=activity.target_group,
                timeline=activity.timeline,
                responsible_text=activity.responsible_text,
                responsible=[ParsedResponsible(r.party.name, r.role) for r in activity.responsible],
                deliverables=[
                    ParsedDeliverable(d.text, d.due_text, d.due_date) for d in activity.deliverables
                ],
                measures=[m.text for m in version.measures if m.activity_id == activity.id],
                handovers=[
                    ParsedHandover(
                        h.to_party.name if h.to_party else None,
                        h.from_year,
                        h.gradual,
                        h.text,
                        h.source_location,
                        h.status,
                    )
                    for h in activity.handovers
                ],
            )
        )
    return ParsedPlan(
        partnership=version.partnership.name,
        plan_year=version.year,
        title=version.title,
        focus_areas=[ParsedFocusArea(a.number, a.name, a.description) for a in version.focus_areas],
        activities=activities,
        budget=[
            BudgetCell(
                focus_area=line.focus_area.number if line.focus_area else None,
                activity=line.label,
                year=line.year,
                amount=line.amount,
                footnote=line.footnote,
                unknown_reason=line.unknown_reason,
                source_location=line.source_location,
            )
            for line in version.budget_lines
        ],
        frame=frame,
        approvals=[ParsedApproval(a.body, a.date, a.text) for a in version.approvals],
        measures=[m.text for m in version.measures],
    )
