"""The load log as the administration page shows it: every load of a partnership's plan and
budget, and of the figures all partnerships share, from the browser and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from dashboard.model import LoadLog, PlanVersion


@dataclass(frozen=True)
class LoadEntry:
    id: int
    kind: str  # "plan", "budget", "indicators", "dst", …
    file_name: str
    sha256: str
    loaded_by: str
    loaded_at: datetime
    rows: int
    outcome: str  # "loaded", "unchanged" or "failed"
    message: str  # a failed load's reason; a figure load's counts
    warnings: tuple[str, ...]


def partnership_loads(session: Session, partnership_id: int, limit: int = 100) -> list[LoadEntry]:
    """The newest ``limit`` loads the partnership sees, newest first: its own (by the load's
    partnership or its plan version's) and the shared ones that belong to no partnership."""
    own_plans = select(PlanVersion.id).where(PlanVersion.partnership_id == partnership_id)
    query = (
        select(LoadLog)
        .where(
            or_(
                LoadLog.partnership_id == partnership_id,
                LoadLog.plan_version_id.in_(own_plans),
                LoadLog.partnership_id.is_(None) & LoadLog.plan_version_id.is_(None),
            )
        )
        .order_by(LoadLog.id.desc())
        .limit(limit)
    )
    return [
        LoadEntry(
            log.id,
            log.kind,
            log.file_name,
            log.sha256,
            log.loaded_by,
            log.loaded_at,
            log.rows,
            log.outcome,
            log.message or "",
            tuple(w for w in (log.warnings or "").split("\n") if w),
        )
        for log in session.scalars(query)
    ]
