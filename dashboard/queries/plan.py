"""Read the stored plan: which versions exist, and the newest. One version as plain data is
``data_loaders.stored_plan.plan_snapshot``, shared with the loaders that compare against it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import PlanVersion
from dashboard.numbers import form_id
from dashboard.queries.transaction_memo import per_transaction


@per_transaction
def latest_plan(session: Session, partnership_id: int) -> PlanVersion | None:
    """The partnership's newest plan (highest year, then revision)."""
    query = (
        select(PlanVersion)
        .where(PlanVersion.partnership_id == partnership_id)
        .order_by(PlanVersion.year.desc(), PlanVersion.revision.desc(), PlanVersion.id.desc())
    )
    return session.scalars(query.limit(1)).first()


def plan_versions(session: Session, partnership_id: int) -> list[PlanVersion]:
    """The partnership's stored versions, oldest first."""
    query = (
        select(PlanVersion)
        .where(PlanVersion.partnership_id == partnership_id)
        .order_by(PlanVersion.year, PlanVersion.revision)
    )
    return list(session.scalars(query))


def partnership_version_id(session: Session, partnership_id: int, value: object) -> int | None:
    """``value`` (a plan version id as a form sends it) if it is one of the partnership's
    versions, else None: a callback never reads another partnership's plan by its id."""
    version_id = form_id(str(value or ""))
    if version_id is None:
        return None
    return session.scalar(
        select(PlanVersion.id).where(
            PlanVersion.id == version_id, PlanVersion.partnership_id == partnership_id
        )
    )
