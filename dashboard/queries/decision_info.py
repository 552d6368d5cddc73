"""The decision log's entries (``queries.meetings.decision_log``) and those of them that
no meeting recorded: Bylivspuljen's decisions in writing between meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.dates import long_day
from dashboard.model import Meeting, PoolApplication, PoolRecommendation
from dashboard.model.bylivspulje import POOL_BUDGET_LABEL, decision_text, pool_line
from dashboard.model.meetings import MEETING_BODIES, link_label

# Where each kind of linked item lives in the app.
LINK_PAGES = {
    "deliverable": "/leverancer",
    "budget_line": "/okonomi",
    "activity": "/plan",
    "handover": "/okonomi",
}


@dataclass(frozen=True)
class DecisionLinkInfo:
    kind: str
    target_id: int | None
    label: str
    href: str


@dataclass(frozen=True)
class DecisionInfo:
    """A decision as the log lists it. A decision in writing (Bylivspuljen's) has no
    ``Decision`` row: its ``id`` is its recommendation's, negated, and ``meeting_*`` is the
    committee meeting it is listed at (none yet: its own day, ``meeting_id`` None)."""

    id: int
    meeting_id: int | None
    meeting_date: date
    body_name: str
    meeting_title: str
    text: str
    created_by: str
    links: list[DecisionLinkInfo]


def written_decisions(session: Session, partnership_id: int) -> list[DecisionInfo]:
    """Bylivspuljen's decisions in writing between meetings, read from their recommendations
    (which hold them, as the page records them), each listed at the steering committee's
    first meeting after its day, where the committee is informed of it."""
    committee = session.execute(
        select(Meeting.id, Meeting.date, Meeting.title)
        .where(Meeting.partnership_id == partnership_id, Meeting.body == "styregruppe")
        .order_by(Meeting.date, Meeting.id)
    ).all()
    written = session.scalars(
        select(PoolRecommendation)
        .where(
            PoolRecommendation.partnership_id == partnership_id,
            PoolRecommendation.in_writing.is_(True),
            PoolRecommendation.decided_on.is_not(None),
        )
        .order_by(PoolRecommendation.decided_on, PoolRecommendation.id)
    )
    found = []
    for rec in written:
        grants = session.execute(
            select(PoolApplication.title, PoolApplication.amount_granted)
            .where(PoolApplication.recommendation_id == rec.id)
            .order_by(PoolApplication.id)
        ).all()
        day = long_day(rec.decided_on)
        text = decision_text([tuple(g) for g in grants], rec.year, rec.frame_raise, "")
        text = f"Skriftlig beslutning den {day}: {text} {rec.decision_note}".strip()
        told = next((m for m in committee if m.date > rec.decided_on), None)
        line = pool_line(session, partnership_id, rec.year)
        # Linked as a meeting's decision on the pool is: to the year's budget line.
        links = (
            []
            if line is None
            else [
                DecisionLinkInfo(
                    "budget_line",
                    line.id,
                    link_label("budget_line", POOL_BUDGET_LABEL, rec.year),
                    LINK_PAGES["budget_line"],
                )
            ]
        )
        found.append(
            DecisionInfo(
                id=-rec.id,
                meeting_id=told.id if told else None,
                meeting_date=told.date if told else rec.decided_on,
                body_name=MEETING_BODIES["styregruppe"],
                meeting_title=told.title if told else "Skriftligt mellem møderne",
                text=text,
                created_by=rec.updated_by,
                links=links,
            )
        )
    return found
