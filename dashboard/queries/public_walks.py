"""The safety walks as the public sees them: how many walks were held, the findings fixed and
open by category, the fixed ones on the map, and the open-data rows of every finding
(category, status, place, dates). No names are stored at all; the description, the action,
the responsible party and a refusal's reason stay internal."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Partnership
from dashboard.model.walks import FINDING_CATEGORIES
from dashboard.queries.public import UNDER_5, suppressed
from dashboard.queries.walks import FindingRow, findings, walks

# Findings neither fixed nor turned down count as open.
OPEN_STATUSES = ("aaben", "i_gang")


@dataclass(frozen=True)
class CategoryCount:
    category: str
    fixed: int
    open: int


@dataclass(frozen=True)
class WalkSummary:
    walks: int  # walks held: a count of things, published as it is
    participants: int | str  # persons: UNDER_5 below 5
    by_category: list[CategoryCount]
    fixed: list[FindingRow]  # renumbered 1, 2 … for the public map and its list


def walk_summary(session: Session, partnership_id: int) -> WalkSummary:
    rows = findings(session, partnership_id)
    held = walks(session, partnership_id)
    participants = sum(w.participants for w in held)
    counts = [
        CategoryCount(
            label,
            sum(1 for r in rows if r.category == code and r.status == "udbedret"),
            sum(1 for r in rows if r.category == code and r.status in OPEN_STATUSES),
        )
        for code, label in FINDING_CATEGORIES.items()
    ]
    fixed = [r for r in rows if r.status == "udbedret"]
    return WalkSummary(
        walks=len(held),
        participants=UNDER_5
        if suppressed(participants, "antal", counts_people=True)
        else participants,
        by_category=[c for c in counts if c.fixed or c.open],
        fixed=[replace(r, number=n) for n, r in enumerate(fixed, start=1)],
    )


# The open data's columns, in order; ``partnership`` last.
PUBLIC_COLUMNS = ("category", "status", "place", "found_on", "fixed_on", "partnership")


def public_findings(session: Session, partnership_id: int | None = None) -> list[dict]:
    """Every finding, with its category, status and place in words and its dates (ISO)."""
    query = select(Partnership.id, Partnership.slug).order_by(Partnership.slug)
    if partnership_id is not None:
        query = query.where(Partnership.id == partnership_id)
    return [
        {
            "category": r.category_label,
            "status": r.status_label,
            "place": r.place,
            "found_on": r.walked_on.isoformat(),
            "fixed_on": r.fixed_on.isoformat() if r.fixed_on else None,
            "partnership": slug,
        }
        for pid, slug in session.execute(query)
        for r in findings(session, pid)
    ]
