"""Read meetings: the list, the default choice, the window a briefing covers, and the
decision log (also per item, so a deliverable or budget line can show what was decided)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard.model import Decision, Meeting
from dashboard.model.meetings import MEETING_BODIES

# Meetings are held, and dates are read, in Copenhagen; history is stored in UTC.
LOCAL = ZoneInfo("Europe/Copenhagen")
# Where each kind of linked item lives in the app.
LINK_PAGES = {
    "deliverable": "/leverancer",
    "budget_line": "/okonomi",
    "activity": "/plan",
    "handover": "/okonomi",
}
# Those pages by the name the navigation gives them.
PAGE_NAMES = {
    "/leverancer": "Leverancer",
    "/okonomi": "Økonomi",
    "/tryghed": "Tryghed",
    "/plan": "Planen",
}


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
    agenda: list[str]

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


def local_today() -> date:
    """Today in Copenhagen, where the meetings are held (the server may run in UTC)."""
    return datetime.now(LOCAL).date()


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
        agenda=[item.title for item in meeting.agenda],
    )


def meetings(session: Session, partnership_id: int | None = None) -> list[MeetingInfo]:
    """Every meeting (of one partnership, if given), oldest first."""
    query = (
        select(Meeting)
        .options(selectinload(Meeting.agenda))
        .order_by(Meeting.date, Meeting.start_time, Meeting.id)
    )
    if partnership_id is not None:
        query = query.where(Meeting.partnership_id == partnership_id)
    return [_info(m) for m in session.scalars(query)]


def meeting(session: Session, meeting_id: int) -> MeetingInfo | None:
    found = session.get(Meeting, meeting_id)
    return None if found is None else _info(found)


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


@dataclass(frozen=True)
class DecisionLinkInfo:
    kind: str
    target_id: int | None
    label: str
    href: str


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    meeting_id: int
    meeting_date: date
    body_name: str
    text: str
    created_by: str
    links: list[DecisionLinkInfo]


def _decision_info(decision: Decision) -> DecisionInfo:
    return DecisionInfo(
        id=decision.id,
        meeting_id=decision.meeting_id,
        meeting_date=decision.meeting.date,
        body_name=MEETING_BODIES.get(decision.meeting.body, decision.meeting.body),
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


def decision_log(session: Session, partnership_id: int | None = None) -> list[DecisionInfo]:
    """Every recorded decision with what it concerns, newest meeting first."""
    query = (
        select(Decision)
        .join(Meeting)
        .options(selectinload(Decision.links), selectinload(Decision.meeting))
        .order_by(Meeting.date.desc(), Decision.position)
    )
    if partnership_id is not None:
        query = query.where(Meeting.partnership_id == partnership_id)
    return [_decision_info(d) for d in session.scalars(query)]


def link_label(kind: str, name: str, detail: str | int | None = None) -> str:
    """How a decision names what it concerns: ``Leverance: <activity>: <text>``,
    ``Budget: <line> <year>``, ``Aktivitet: <name>``, ``Forankring: <activity>``. The same
    words identify the item in a later plan revision, where its id is new."""
    if kind == "deliverable":
        return f"Leverance: {name}: {detail}"
    if kind == "budget_line":
        return f"Budget: {name} {detail}"
    if kind == "activity":
        return f"Aktivitet: {name}"
    return f"Forankring: {name}"


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
