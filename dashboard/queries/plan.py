"""Read the stored plan: which versions exist, and the newest. One version as plain data is
``data_loaders.stored_plan.plan_snapshot``, shared with the loaders that compare against it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Partnership, PlanVersion


def latest_plan(session: Session, partnership_slug: str | None = None) -> PlanVersion | None:
    """The newest plan (highest year, then revision), of one partnership if a slug is given."""
    query = select(PlanVersion).order_by(
        PlanVersion.year.desc(), PlanVersion.revision.desc(), PlanVersion.id.desc()
    )
    if partnership_slug:
        query = query.join(Partnership).where(Partnership.slug == partnership_slug)
    return session.scalars(query.limit(1)).first()


def plan_versions(session: Session, partnership_id: int | None = None) -> list[PlanVersion]:
    """Every stored version, oldest first."""
    query = select(PlanVersion).order_by(PlanVersion.year, PlanVersion.revision)
    if partnership_id is not None:
        query = query.where(PlanVersion.partnership_id == partnership_id)
    return list(session.scalars(query))
