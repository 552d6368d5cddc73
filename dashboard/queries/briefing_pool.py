"""Bylivspuljen in the briefing ("siden sidste møde"): the applications received inside the
meeting's briefing window, and every working-group recommendation still waiting for the
committee when the window ends, however long ago it was made. Facts only; the words are
``components.briefing_text``'s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import BudgetLine, PoolApplication, PoolChange, PoolRecommendation
from dashboard.model.bylivspulje import pool_line
from dashboard.queries.budget import focus_area_label
from dashboard.queries.bylivspulje import package_labels
from dashboard.queries.meetings import BriefingWindow


@dataclass(frozen=True)
class PoolBriefing:
    """A new application (``recommendation_id`` None) or a recommendation of the applications
    ``titles`` waiting for the committee; ``amount`` is what was asked or recommended."""

    year: int
    titles: tuple[str, ...]
    amount: int
    recommendation_id: int | None = None
    in_favour: bool | None = None
    package: str = ""  # the recommendation's name, "pakke 2 (2017)"


@dataclass(frozen=True)
class PoolItem:
    focus_area: str
    when: datetime
    who: str
    what: PoolBriefing


def pool_items(session: Session, window: BriefingWindow) -> list[PoolItem]:
    partnership_id = window.meeting.partnership_id
    created = select(PoolChange).where(
        PoolChange.partnership_id == partnership_id,
        PoolChange.action == "created",
        PoolChange.changed_at <= window.until,
    )
    new_applications = created.where(PoolChange.entity == "application")
    if window.since is not None:
        new_applications = new_applications.where(PoolChange.changed_at > window.since)
    recommendations = created.where(PoolChange.entity == "recommendation")
    decided_by_then = set(
        session.scalars(
            select(PoolChange.entity_id).where(
                PoolChange.partnership_id == partnership_id,
                PoolChange.entity == "recommendation",
                PoolChange.action == "decided",
                PoolChange.changed_at <= window.until,
            )
        )
    )
    items = []
    labels = package_labels(session, partnership_id)
    for query in (new_applications, recommendations):
        for change in session.scalars(query.order_by(PoolChange.id)):
            if change.entity == "recommendation" and change.entity_id in decided_by_then:
                continue
            what = _what(session, change, labels)
            if what is not None:
                area = _focus_area(session, partnership_id, what.year)
                items.append(PoolItem(area, change.changed_at, change.changed_by, what))
    return items


def _what(session: Session, change: PoolChange, labels: dict[int, str]) -> PoolBriefing | None:
    if change.entity == "application":
        a = session.get(PoolApplication, change.entity_id)
        return None if a is None else PoolBriefing(a.year, (a.title,), a.amount_asked)
    r = session.get(PoolRecommendation, change.entity_id)
    if r is None:
        return None
    titles = session.scalars(
        select(PoolApplication.title)
        .where(PoolApplication.recommendation_id == r.id)
        .order_by(PoolApplication.id)
    )
    return PoolBriefing(r.year, tuple(titles), r.amount, r.id, r.in_favour, labels.get(r.id, ""))


def _focus_area(session: Session, partnership_id: int, year: int) -> str:
    """The focus area of the plan's Bylivspuljen line ("2. Tryggere byliv")."""
    line = pool_line(session, partnership_id, year)
    found = session.get(BudgetLine, line.id) if line is not None else None
    return focus_area_label(found.focus_area if found is not None else None)
