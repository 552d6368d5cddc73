"""Load a budget sheet as a new revision of the newest plan: same activities, new money."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import session_scope
from dashboard.model import PlanVersion
from dashboard.names import normalise_name
from data_loaders.budget_sheet import parse_budget_file_with_frame
from data_loaders.errors import InputError
from data_loaders.files import read_bytes, sha256
from data_loaders.load_plan import LoadResult, load_plan
from data_loaders.partnerships import choose_partnership
from data_loaders.plan.reconcile import reconcile_columns
from data_loaders.plan_types import ParsedPlan
from data_loaders.stored_plan import plan_snapshot


def load_budget_file(
    url: str,
    path: Path,
    *,
    loaded_by: str = "",
    partnership_slug: str | None = None,
    strict: bool = False,
) -> LoadResult:
    """Replace the newest plan's overview table with the sheet's, as a new plan revision.

    Refuses rows whose activity the plan does not know, and with ``strict`` a sheet whose
    year columns disagree with its "I alt"; an unchanged sheet changes nothing. The plan is
    that of ``partnership_slug``, or of the only partnership (``choose_partnership``).
    """
    digest = sha256(read_bytes(path))
    plan, slug = _budget_revision(url, path, partnership_slug)
    return load_plan(
        url,
        plan,
        file_name=path.name,
        sha256=digest,
        loaded_by=loaded_by,
        partnership_slug=slug,
        kind="budget",
        strict=strict,
    )


def budget_revision(url: str, path: Path, partnership_slug: str | None) -> ParsedPlan:
    """The newest plan with the sheet's overview table: what loading the sheet stores (its
    ``warnings`` the sheet's). Reads only."""
    return _budget_revision(url, path, partnership_slug)[0]


def _budget_revision(url: str, path: Path, partnership_slug: str | None) -> tuple[ParsedPlan, str]:
    """``budget_revision`` and the slug of the partnership whose plan it revises."""
    cells, frame = parse_budget_file_with_frame(path)
    warnings: list[str] = []
    reconcile_columns(cells, frame, warnings)
    with session_scope(url) as session:
        partnership = choose_partnership(session, partnership_slug)
        plan_version = _newest_plan(session, partnership.id) if partnership else None
        if plan_version is None:
            raise InputError(str(path), "no plan is loaded yet; load a Tryghedsplan first")
        plan = plan_snapshot(session, plan_version.id)
        slug = partnership.slug
    labels = {
        normalise_name(a.table_name or a.name): a.table_name or a.name for a in plan.activities
    }
    labels |= {normalise_name(c.activity): c.activity for c in plan.budget}
    for cell in cells:
        label = labels.get(normalise_name(cell.activity))
        if label is None:
            raise InputError(
                str(path),
                f"unknown activity '{cell.activity}'; the plan has: " + ", ".join(labels.values()),
                row=cell.row,
                column="Aktivitet",
            )
        cell.activity = label
    plan.budget = cells
    plan.frame = frame or plan.frame
    plan.warnings = warnings
    return plan, slug


def _newest_plan(session: Session, partnership_id: int) -> PlanVersion | None:
    """The version a sheet revises: the partnership's highest year, then revision."""
    query = select(PlanVersion).where(PlanVersion.partnership_id == partnership_id)
    order = (PlanVersion.year.desc(), PlanVersion.revision.desc(), PlanVersion.id.desc())
    return session.scalars(query.order_by(*order).limit(1)).first()
