"""Every change since the last meeting, as data: what changed (ids, names, old and new
values), where, when and by whom. ``components.briefing_text`` writes it in Danish for /moede,
the print view and the PDF pack alike; ``queries.attention`` has what needs attention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard.model import (
    Activity,
    Area,
    BudgetLine,
    Deliverable,
    DeliverableChange,
    FocusArea,
    Indicator,
    IndicatorNote,
    IndicatorNoteChange,
    LoadLog,
    Measurement,
    MeasurementChange,
    MeasurementEdit,
    PlanVersion,
)
from dashboard.queries.areas import other_partnerships_areas
from dashboard.queries.briefing_pool import PoolBriefing, pool_items
from dashboard.queries.briefing_walks import WalkBriefing, walk_items
from dashboard.queries.budget import BudgetChange, compare_versions, focus_area_label, handovers
from dashboard.queries.meetings import BriefingWindow, briefing_window
from dashboard.queries.plan import latest_plan

# A load that brings more figures than this is one change ("… 1.234 nye tal"), not a page.
MAX_FIGURES_PER_LOAD = 10


@dataclass(frozen=True)
class StatusChange:
    """A deliverable's net change in the window: the status before its first edit and after
    its last, ``comment`` the last comment when the edits changed it, ``edits`` how many
    there were (the history on /leverancer has each one)."""

    deliverable_id: int
    activity: str
    text: str
    old_status: str
    new_status: str
    comment: str | None
    edits: int = 1


@dataclass(frozen=True)
class FigureChange:
    """A new figure (``old`` None) or a changed one."""

    indicator: str
    area: str
    period: str
    unit: str
    old: float | None
    new: float


@dataclass(frozen=True)
class LoadChange:
    """A load too big to list figure by figure: how many figures it added and changed."""

    file_name: str | None
    added: int
    changed: int


@dataclass(frozen=True)
class NoteChange:
    indicator: str
    is_new: bool
    text: str


@dataclass(frozen=True)
class HandoverChange:
    """A forankring the newer plan version marks decided or done."""

    activity: str
    to: str | None
    from_year: int | None
    status: str  # decided | done


@dataclass(frozen=True)
class Change:
    """One change: ``kind`` deliverable | measurement | note | budget | handover | pool | walk;
    ``focus_area`` its area's label, None for figures and notes about the plan's effect (no
    activity of their own); ``when`` UTC; ``who`` "" for a load nobody signed; ``link`` the
    page where the changed item lives; ``what`` the change itself."""

    kind: str
    focus_area: str | None
    when: datetime
    who: str
    link: str
    what: (
        StatusChange
        | FigureChange
        | LoadChange
        | NoteChange
        | BudgetChange
        | HandoverChange
        | PoolBriefing
        | WalkBriefing
    )


def changes_since_last_meeting(session: Session, meeting_id: int) -> list[Change]:
    """Every change inside the meeting's briefing window (``briefing_window``), grouped by
    focus area in plan order (the plan's effect last) and newest first within each. Raises
    ``LookupError`` for an unknown meeting."""
    window = briefing_window(session, meeting_id)
    areas = _area_lookup(session, window.meeting.partnership_id)
    items = (
        _deliverable_changes(session, window)
        + _measurement_changes(session, window, areas)
        + _note_changes(session, window, areas)
        + _plan_changes(session, window)
        + [
            Change("pool", i.focus_area, i.when, i.who, "/bylivspuljen", i.what)
            for i in pool_items(session, window)
        ]
        + [
            Change("walk", i.focus_area, i.when, i.who, "/tryghedsvandringer", i.what)
            for i in walk_items(session, window, areas.by_activity)
        ]
    )
    order = {label: i for i, label in enumerate(areas.order)}
    items.sort(key=lambda item: item.when, reverse=True)
    items.sort(key=lambda item: order.get(item.focus_area, len(order)))
    return items


def _in_window(column, window: BriefingWindow):
    condition = column <= window.until
    return condition if window.since is None else condition & (column > window.since)


@dataclass
class _Areas:
    """Focus-area labels in plan order (None, the plan's effect, last), and activity name →
    label, from the newest plan."""

    order: list[str | None]
    by_activity: dict[str, str]


def _area_lookup(session: Session, partnership_id: int) -> _Areas:
    version = latest_plan(session, partnership_id)
    if version is None:
        return _Areas([None], {})
    areas = session.scalars(
        select(FocusArea)
        .where(FocusArea.plan_version_id == version.id)
        .order_by(FocusArea.position)
    ).all()
    activities = session.scalars(
        select(Activity).where(Activity.plan_version_id == version.id)
    ).all()
    order = [focus_area_label(a) for a in areas] + [focus_area_label(None), None]
    by_activity = {}
    for activity in activities:
        label = _activity_area(activity)
        by_activity[activity.name] = label
        if activity.table_name:
            by_activity[activity.table_name] = label
    return _Areas(order, by_activity)


def _activity_area(activity: Activity) -> str:
    area = activity.focus_area or (activity.parent.focus_area if activity.parent else None)
    return focus_area_label(area)


def _deliverable_changes(session: Session, window: BriefingWindow) -> list[Change]:
    """Status changes of the meeting's partnership's deliverables (another partnership's are
    not its business)."""
    changes = session.scalars(
        select(DeliverableChange)
        .join(Deliverable, Deliverable.id == DeliverableChange.deliverable_id)
        .join(Activity, Activity.id == Deliverable.activity_id)
        .join(PlanVersion, PlanVersion.id == Activity.plan_version_id)
        .where(
            _in_window(DeliverableChange.changed_at, window),
            PlanVersion.partnership_id == window.meeting.partnership_id,
        )
        .order_by(DeliverableChange.changed_at)
    ).all()
    deliverables = {
        d.id: d
        for d in session.scalars(
            select(Deliverable)
            .where(Deliverable.id.in_({c.deliverable_id for c in changes}))
            .options(selectinload(Deliverable.activity).selectinload(Activity.parent))
        )
    }
    by_deliverable: dict[int, list[DeliverableChange]] = {}
    for change in changes:  # oldest first
        by_deliverable.setdefault(change.deliverable_id, []).append(change)
    items = []
    for deliverable_id, edits in by_deliverable.items():
        deliverable = deliverables[deliverable_id]
        first, last = edits[0], edits[-1]
        comment = last.new_comment
        items.append(
            Change(
                "deliverable",
                _activity_area(deliverable.activity),
                last.changed_at,
                ", ".join(dict.fromkeys(e.changed_by for e in edits)),
                "/leverancer",
                StatusChange(
                    deliverable.id,
                    deliverable.activity.name,
                    deliverable.text,
                    first.old_status,
                    last.new_status,
                    comment if comment and comment != first.old_comment else None,
                    len(edits),
                ),
            )
        )
    return items


def _measurement_changes(session: Session, window: BriefingWindow, areas: _Areas):
    edited = {
        e.measurement_id: e
        for e in session.scalars(
            select(MeasurementEdit)
            .where(_in_window(MeasurementEdit.changed_at, window))
            .order_by(MeasurementEdit.changed_at)
        )
    }
    reloaded = {
        c.measurement_id: c
        for c in session.scalars(
            select(MeasurementChange)
            .where(_in_window(MeasurementChange.changed_at, window))
            .order_by(MeasurementChange.changed_at.desc())  # the earliest old value wins
        )
    }
    theirs = other_partnerships_areas(session, window.meeting.partnership_id)
    rows = session.execute(
        select(Measurement, Indicator, Area.name, LoadLog)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(Area, Area.id == Measurement.area_id)
        .outerjoin(LoadLog, LoadLog.id == Measurement.load_id)
        .where(
            _in_window(Measurement.updated_at, window)
            | Measurement.id.in_(set(edited) | set(reloaded))
        )
        .where(Area.code.not_in(tuple(theirs)))
        .order_by(Measurement.updated_at)
    ).all()
    by_load: dict[int | None, list] = {}
    for row in rows:
        key = None if row.Measurement.id in edited else row.Measurement.load_id
        by_load.setdefault(key, []).append(row)
    items = []
    for load_id, group in by_load.items():
        if load_id is not None and len(group) > MAX_FIGURES_PER_LOAD:
            items.append(_load_summary(group, reloaded))
            continue
        for measurement, indicator, area_name, load in group:
            edit = edited.get(measurement.id)
            earlier = edit.old_value if edit else None
            if earlier is None and measurement.id in reloaded:
                earlier = reloaded[measurement.id].old_value
            items.append(
                Change(
                    "measurement",
                    areas.by_activity.get(indicator.activity_name or ""),
                    edit.changed_at if edit else measurement.updated_at,
                    edit.changed_by if edit else (load.loaded_by if load else ""),
                    "/tryghed",
                    FigureChange(
                        indicator.name,
                        area_name,
                        measurement.period,
                        indicator.unit,
                        earlier,
                        measurement.value,
                    ),
                )
            )
    return items


def _load_summary(group, reloaded) -> Change:
    load = group[0].LoadLog
    changed = sum(1 for row in group if row.Measurement.id in reloaded)
    return Change(
        "measurement",
        None,
        max(row.Measurement.updated_at for row in group),
        load.loaded_by if load else "",
        "/tryghed",
        LoadChange(load.file_name if load else None, len(group) - changed, changed),
    )


def _note_changes(session: Session, window: BriefingWindow, areas: _Areas):
    rows = session.execute(
        select(IndicatorNoteChange, Indicator)
        .join(IndicatorNote, IndicatorNote.id == IndicatorNoteChange.note_id)
        .join(Indicator, Indicator.id == IndicatorNote.indicator_id)
        .where(
            _in_window(IndicatorNoteChange.changed_at, window),
            IndicatorNote.partnership_id == window.meeting.partnership_id,
        )
    ).all()
    return [
        Change(
            "note",
            areas.by_activity.get(indicator.activity_name or ""),
            change.changed_at,
            change.changed_by,
            "/tryghed",
            NoteChange(indicator.name, not change.old_text, change.new_text),
        )
        for change, indicator in rows
    ]


def _plan_changes(session: Session, window: BriefingWindow) -> list[Change]:
    """Budget and forankring changes of each plan version loaded in the window, compared
    with the version of the same partnership loaded before it."""
    versions = session.scalars(
        select(PlanVersion)
        .where(PlanVersion.partnership_id == window.meeting.partnership_id)
        .order_by(PlanVersion.loaded_at, PlanVersion.id)
    ).all()
    items = []
    for previous, version in zip(versions, versions[1:], strict=False):
        if not _stamp_in_window(version.loaded_at, window):
            continue
        who = session.scalar(
            select(LoadLog.loaded_by).where(
                LoadLog.plan_version_id == version.id, LoadLog.outcome == "loaded"
            )
        )
        who = who or ""
        areas = {
            line.label: focus_area_label(line.focus_area)
            for line in session.scalars(
                select(BudgetLine).where(BudgetLine.plan_version_id == version.id)
            )
        }
        for change in compare_versions(session, previous.id, version.id):
            items.append(
                Change(
                    "budget",
                    areas.get(change.activity, focus_area_label(None)),
                    version.loaded_at,
                    who,
                    "/okonomi",
                    change,
                )
            )
        items += _decided_handovers(session, previous.id, version, who)
    return items


def _stamp_in_window(stamp: datetime, window: BriefingWindow) -> bool:
    stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=window.until.tzinfo)
    return stamp <= window.until and (window.since is None or stamp > window.since)


def _decided_handovers(session, previous_id: int, version: PlanVersion, who: str):
    before = {(h["activity"], h["to"]): h["status"] for h in handovers(session, previous_id)}
    activities = {
        a.name: _activity_area(a)
        for a in session.scalars(select(Activity).where(Activity.plan_version_id == version.id))
    }
    items = []
    for handover in handovers(session, version.id):
        status = handover["status"]
        if status == "planned" or before.get((handover["activity"], handover["to"])) == status:
            continue
        items.append(
            Change(
                "handover",
                activities.get(handover["activity"], focus_area_label(None)),
                version.loaded_at,
                who,
                "/okonomi",
                HandoverChange(handover["activity"], handover["to"], handover["from_year"], status),
            )
        )
    return items
