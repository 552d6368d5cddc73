"""Safety walks in the briefing ("siden sidste møde"): the findings recorded inside the
meeting's briefing window, and every action past its due date and not done when the window
ends (however old), with its responsible party. Facts only; the words are
``components.briefing_text``'s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.clock import LOCAL
from dashboard.model import Indicator, Party, WalkAction, WalkChange, WalkFinding
from dashboard.model.walks import (
    ACTION_STATUSES,
    CLOSED_ACTION_STATUSES,
    FINDING_CATEGORIES,
    WALK_INDICATOR,
)
from dashboard.queries.meetings import BriefingWindow


@dataclass(frozen=True)
class WalkBriefing:
    """A new finding (``due_on`` None) or an overdue action (``party``, ``what``, ``due_on``
    and ``status`` set) at ``place``."""

    place: str
    category: str
    party: str | None = None
    what: str | None = None
    due_on: date | None = None
    status: str | None = None


@dataclass(frozen=True)
class WalkItem:
    focus_area: str | None
    when: datetime
    who: str
    what: WalkBriefing


def walk_items(
    session: Session, window: BriefingWindow, area_of_activity: dict[str, str]
) -> list[WalkItem]:
    """The window's new findings and the overdue actions; their focus area is that of the
    plan activity the safety walks belong to (the catalogue's), from ``area_of_activity``."""
    partnership_id = window.meeting.partnership_id
    activity = session.scalar(
        select(Indicator.activity_name).where(Indicator.code == WALK_INDICATOR)
    )
    area = area_of_activity.get(activity or "")
    created = (
        select(WalkChange, WalkFinding)
        .join(WalkFinding, WalkFinding.id == WalkChange.entity_id)
        .where(
            WalkChange.partnership_id == partnership_id,
            WalkChange.entity == "finding",
            WalkChange.action == "created",
            WalkChange.changed_at <= window.until,
        )
        .order_by(WalkChange.id)
    )
    if window.since is not None:
        created = created.where(WalkChange.changed_at > window.since)
    items = [
        WalkItem(area, change.changed_at, change.changed_by, WalkBriefing(f.place, _category(f)))
        for change, f in session.execute(created)
    ]
    day = window.until.astimezone(LOCAL).date()
    overdue = session.execute(
        select(WalkAction, WalkFinding, Party.short_name)
        .join(WalkFinding, WalkFinding.id == WalkAction.finding_id)
        .join(Party, Party.id == WalkAction.party_id)
        .where(
            WalkAction.partnership_id == partnership_id,
            WalkAction.due_on < day,
            WalkAction.status.not_in(CLOSED_ACTION_STATUSES),
        )
        .order_by(Party.short_name, WalkAction.due_on, WalkAction.id)
    )
    items += [
        WalkItem(
            area,
            a.updated_at,
            a.updated_by,
            WalkBriefing(f.place, _category(f), party, a.what, a.due_on, ACTION_STATUSES[a.status]),
        )
        for a, f, party in overdue
    ]
    return items


def _category(finding: WalkFinding) -> str:
    return FINDING_CATEGORIES.get(finding.category, finding.category)
