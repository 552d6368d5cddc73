"""Read meetings: the list, the default choice, the window a briefing covers, and the
decision log (also per item, so a deliverable or budget line can show what was decided),
with Bylivspuljen's decisions in writing between meetings listed at the next meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard.clock import LOCAL
from dashboard.model import (
    Activity,
    BudgetLine,
    Decision,
    Deliverable,
    Meeting,
    MeetingNote,
    PlanVersion,
)
from dashboard.model.meetings import MEETING_BODIES, link_label
from dashboard.queries.budget import focus_area_label
from dashboard.queries.decision_info import (
    LINK_PAGES,
    DecisionInfo,
    DecisionLinkInfo,
    written_decisions,
)
from dashboard.queries.transaction_memo import per_transaction

__all__ = ["LINK_PAGES", "DecisionInfo", "DecisionLinkInfo"]


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    partnership_id: int
    body: str
    body_name: str
    date: date
    start_time: time | None
    title: str
    source: str
    version: int
    agenda: tuple[str, ...]

    @property
    def starts(self) -> datetime:
        """The moment the meeting began, in UTC; midnight when the time is unknown."""
        return _utc(self.date, self.start_time or time(0, 0))

    @property
    def ends_by(self) -> datetime:
        """What the meeting can have known: up to its start, or, without a time, the whole
        day (a same-day change then shows in the briefings both before and after it, rather
        than in neither)."""
        if self.start_time is not None:
            return self.starts
        return _utc(self.date + timedelta(days=1), time(0, 0))


def _utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=LOCAL).astimezone(UTC)


def _info(meeting: Meeting) -> MeetingInfo:
    return MeetingInfo(
        id=meeting.id,
        partnership_id=meeting.partnership_id,
        body=meeting.body,
        body_name=MEETING_BODIES.get(meeting.body, meeting.body),
        date=meeting.date,
        start_time=meeting.start_time,
        title=meeting.title,
        source=meeting.source,
        version=meeting.version,
        agenda=tuple(item.title for item in meeting.agenda),
    )


@per_transaction
def meetings(session: Session, partnership_id: int) -> tuple[MeetingInfo, ...]:
    """The partnership's meetings, oldest first."""
    query = (
        select(Meeting)
        .options(selectinload(Meeting.agenda))
        .where(Meeting.partnership_id == partnership_id)
        .order_by(Meeting.date, Meeting.start_time, Meeting.id)
    )
    return tuple(_info(m) for m in session.scalars(query))


@per_transaction
def meeting(session: Session, meeting_id: int) -> MeetingInfo | None:
    found = session.get(Meeting, meeting_id)
    return None if found is None else _info(found)


@dataclass(frozen=True)
class NoteInfo:
    text: str
    created_by: str
    created_at: datetime


def meeting_notes(session: Session, partnership_id: int, meeting_id: int) -> list[NoteInfo]:
    """The notes on one of the partnership's meetings, oldest first."""
    rows = session.scalars(
        select(MeetingNote)
        .join(Meeting, Meeting.id == MeetingNote.meeting_id)
        .where(MeetingNote.meeting_id == meeting_id, Meeting.partnership_id == partnership_id)
        .order_by(MeetingNote.id)
    )
    return [NoteInfo(n.text, n.created_by, n.created_at) for n in rows]


def default_meeting(all_meetings: list[MeetingInfo], today: date) -> MeetingInfo | None:
    """The next meeting (today or later); when none is planned, the latest one."""
    upcoming = [m for m in all_meetings if m.date >= today]
    if upcoming:
        return upcoming[0]
    return all_meetings[-1] if all_meetings else None


@dataclass(frozen=True)
class BriefingWindow:
    """The changes a briefing covers: after ``since`` (None: from the beginning) up to
    ``until``, both UTC. ``previous`` is the meeting compared with."""

    meeting: MeetingInfo
    previous: MeetingInfo | None
    since: datetime | None
    until: datetime


def briefing_window(session: Session, meeting_id: int) -> BriefingWindow:
    """The window for ``meeting_id``: since the previous meeting of the same body (or, if that
    body has met before only in another form, the previous meeting of any body)."""
    chosen = meeting(session, meeting_id)
    if chosen is None:
        raise LookupError(f"no meeting {meeting_id}")
    earlier = [m for m in meetings(session, chosen.partnership_id) if m.starts < chosen.starts]
    same_body = [m for m in earlier if m.body == chosen.body]
    previous = (same_body or earlier or [None])[-1]
    since = None if previous is None else previous.starts
    return BriefingWindow(chosen, previous, since, chosen.ends_by)


# --- the decision log --------------------------------------------------------------------


def _decision_info(decision: Decision) -> DecisionInfo:
    return DecisionInfo(
        id=decision.id,
        meeting_id=decision.meeting_id,
        meeting_date=decision.meeting.date,
        body_name=MEETING_BODIES.get(decision.meeting.body, decision.meeting.body),
        meeting_title=decision.meeting.title,
        text=decision.text,
        created_by=decision.created_by,
        links=[
            DecisionLinkInfo(
                kind=link.kind,
                target_id=getattr(link, f"{link.kind}_id"),
                label=link.label,
                href=LINK_PAGES.get(link.kind, "/moede"),
            )
            for link in decision.links
        ],
    )


def decision_log(session: Session, partnership_id: int) -> list[DecisionInfo]:
    """The partnership's recorded decisions with what they concern, newest meeting first;
    Bylivspuljen's decisions in writing after the decisions of the committee meeting they
    are listed at (``decision_info.written_decisions``)."""
    query = (
        select(Decision)
        .join(Meeting)
        .options(selectinload(Decision.links), selectinload(Decision.meeting))
        .where(Meeting.partnership_id == partnership_id)
        .order_by(Meeting.date.desc(), Decision.position)
    )
    found = [_decision_info(d) for d in session.scalars(query)] + written_decisions(
        session, partnership_id
    )
    # Stable: a meeting's own decisions first, then those in writing it is told of.
    return sorted(found, key=lambda d: d.meeting_date, reverse=True)


def decisions_by_item(decisions: list[DecisionInfo]) -> dict[tuple, list[DecisionInfo]]:
    """The decisions about each item, under ``(kind, id)`` and ``(kind, label)``; look them
    up with ``decisions_about``."""
    found: dict[tuple, list[DecisionInfo]] = {}
    for decision in decisions:
        for link in decision.links:
            keys = {(link.kind, link.label)}
            if link.target_id is not None:
                keys.add((link.kind, link.target_id))
            for key in keys:
                found.setdefault(key, []).append(decision)
    return found


def decisions_about(index: dict, kind: str, item_id: int, label: str) -> list[DecisionInfo]:
    """What a deliverable's row, a budget line or an activity shows as "Besluttet": the
    decisions linked to this very item, or to the same item in an earlier plan revision."""
    return list(
        {d.id: d for d in index.get((kind, item_id), []) + index.get((kind, label), [])}.values()
    )


@dataclass(frozen=True)
class ItemDecision:
    """A decision as an item shows it; ``about`` names the items (of those asked for) that
    it concerns, e.g. ``["Leverance: …", "Aktivitet: …"]``."""

    decision: DecisionInfo
    about: list[str]


def decisions_on_items(
    decisions: list[DecisionInfo], items: list[tuple[str, int, str]]
) -> list[ItemDecision]:
    """The decisions about any of ``items`` (``(kind, id, label)``), each once, in the
    log's order (newest meeting first)."""
    index = decisions_by_item(decisions)
    about: dict[int, list[str]] = {}
    for kind, item_id, label in items:
        for found in decisions_about(index, kind, item_id, label):
            labels = about.setdefault(found.id, [])
            if label not in labels:
                labels.append(label)
    return [ItemDecision(d, about[d.id]) for d in decisions if d.id in about]


def _partnership_of(session: Session, plan_version_id: int) -> int | None:
    return session.scalar(
        select(PlanVersion.partnership_id).where(PlanVersion.id == plan_version_id)
    )


def deliverable_decisions(
    session: Session, partnership_id: int, deliverable_id: int
) -> list[ItemDecision]:
    """What /leverancer shows beside one of the partnership's deliverables: the decisions
    about it and about its activity and the activity that one is part of (also when they were
    linked to the same item in an earlier plan revision). None for another partnership's."""
    deliverable = session.get(Deliverable, deliverable_id)
    if deliverable is None:
        return []
    activity = deliverable.activity
    if _partnership_of(session, activity.plan_version_id) != partnership_id:
        return []
    items = [
        ("deliverable", deliverable.id, link_label("deliverable", activity.name, deliverable.text))
    ]
    concerned, seen = activity, set()
    while concerned is not None and concerned.id not in seen:  # the activity it is part of too
        seen.add(concerned.id)
        items.append(("activity", concerned.id, link_label("activity", concerned.name)))
        concerned = concerned.parent
    return decisions_on_items(decision_log(session, partnership_id), items)


def budget_decisions(
    session: Session, plan_version_id: int, area_label: str | None = None
) -> list[ItemDecision]:
    """What /okonomi shows for a plan version's budget, or for one focus area of it
    (``area_label`` as ``queries.budget.focus_area_label`` writes it): the decisions about its
    budget lines, its activities and their forankring."""
    lines = session.scalars(
        select(BudgetLine)
        .options(selectinload(BudgetLine.focus_area))
        .where(BudgetLine.plan_version_id == plan_version_id)
        .order_by(BudgetLine.position)
    ).all()
    activities = session.scalars(
        select(Activity)
        .options(selectinload(Activity.focus_area), selectinload(Activity.handovers))
        .where(Activity.plan_version_id == plan_version_id)
        .order_by(Activity.position)
    ).all()
    if area_label is not None:
        lines = [line for line in lines if focus_area_label(line.focus_area) == area_label]
        funded = {line.activity_id for line in lines}
        activities = [
            a
            for a in activities
            if a.id in funded
            or (a.focus_area is not None and focus_area_label(a.focus_area) == area_label)
        ]
    items = [
        ("budget_line", line.id, link_label("budget_line", line.label, line.year)) for line in lines
    ]
    for activity in activities:
        items.append(("activity", activity.id, link_label("activity", activity.name)))
        items.extend(
            ("handover", h.id, link_label("handover", activity.name)) for h in activity.handovers
        )
    partnership_id = _partnership_of(session, plan_version_id)
    return decisions_on_items(decision_log(session, partnership_id), items)


def decision_link_options(session: Session, plan_version_id: int) -> list[tuple[str, int, str]]:
    """Everything of a plan version a decision can concern, as ``(kind, id, label)``: each
    activity, then its deliverables and forankring, in plan order; then the budget lines."""
    activities = session.scalars(
        select(Activity)
        .options(
            selectinload(Activity.deliverables),
            selectinload(Activity.handovers),
        )
        .where(Activity.plan_version_id == plan_version_id)
        .order_by(Activity.position)
    )
    options = []
    for activity in activities:
        options.append(("activity", activity.id, link_label("activity", activity.name)))
        options += [
            ("deliverable", d.id, link_label("deliverable", activity.name, d.text))
            for d in activity.deliverables
        ]
        options += [
            ("handover", h.id, link_label("handover", activity.name)) for h in activity.handovers
        ]
    lines = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.plan_version_id == plan_version_id)
        .order_by(BudgetLine.position)
    )
    options += [
        ("budget_line", line.id, link_label("budget_line", line.label, line.year)) for line in lines
    ]
    return options
