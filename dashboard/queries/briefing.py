"""What a steering-committee member needs before a meeting: every change since the last
meeting, and what needs attention. The page, the print view and the PDF pack all call these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard.components.format import long_date, number
from dashboard.components.summaries import change_sentence
from dashboard.components.trend_text import indicator_value
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
from dashboard.queries.budget import compare_versions, focus_area_label, handovers, year_totals
from dashboard.queries.deliverables import STATUS_LABELS, deliverable_table
from dashboard.queries.meetings import BriefingWindow, briefing_window
from dashboard.queries.plan import latest_plan

# Figures and notes with no activity of their own are about the plan's effect.
EFFECT_GROUP = "Tryghed og kriminalitet"
# A load that brings more figures than this is one line ("… 1.234 nye tal"), not a page.
MAX_FIGURES_PER_LOAD = 10


@dataclass(frozen=True)
class ChangeItem:
    """One change: ``kind`` is deliverable | measurement | note | budget | handover; ``when``
    is UTC; ``link`` is the page where the changed item lives."""

    kind: str
    focus_area: str
    when: datetime
    who: str
    text: str
    link: str


def since_last_meeting(session: Session, meeting_id: int) -> list[ChangeItem]:
    """Every change inside the meeting's briefing window (``briefing_window``), grouped by
    focus area in plan order and newest first within each."""
    window = briefing_window(session, meeting_id)
    areas = _area_lookup(session)
    items = (
        _deliverable_changes(session, window)
        + _measurement_changes(session, window, areas)
        + _note_changes(session, window, areas)
        + _plan_changes(session, window)
    )
    order = {label: i for i, label in enumerate(areas.order)}
    items.sort(key=lambda item: item.when, reverse=True)
    items.sort(key=lambda item: order.get(item.focus_area, len(order)))
    return items


def group_by_focus_area(items: list[ChangeItem]) -> list[tuple[str, list[ChangeItem]]]:
    """The items of ``since_last_meeting`` under their focus area, keeping its order."""
    groups: dict[str, list[ChangeItem]] = {}
    for item in items:
        groups.setdefault(item.focus_area, []).append(item)
    return list(groups.items())


def _in_window(column, window: BriefingWindow):
    condition = column <= window.until
    return condition if window.since is None else condition & (column > window.since)


@dataclass
class _Areas:
    """Focus-area labels in plan order, and activity name → label, from the newest plan."""

    order: list[str]
    by_activity: dict[str, str]


def _area_lookup(session: Session) -> _Areas:
    version = latest_plan(session)
    if version is None:
        return _Areas([EFFECT_GROUP], {})
    areas = session.scalars(
        select(FocusArea)
        .where(FocusArea.plan_version_id == version.id)
        .order_by(FocusArea.position)
    ).all()
    activities = session.scalars(
        select(Activity).where(Activity.plan_version_id == version.id)
    ).all()
    order = [focus_area_label(a) for a in areas] + ["Uden indsatsområde", EFFECT_GROUP]
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


def _deliverable_changes(session: Session, window: BriefingWindow) -> list[ChangeItem]:
    changes = session.scalars(
        select(DeliverableChange)
        .where(_in_window(DeliverableChange.changed_at, window))
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
    items = []
    for change in changes:
        deliverable = deliverables[change.deliverable_id]
        old = STATUS_LABELS.get(change.old_status, change.old_status)
        new = STATUS_LABELS.get(change.new_status, change.new_status)
        text = f"{deliverable.activity.name}: «{deliverable.text}»: {old} → {new}"
        if change.new_comment and change.new_comment != change.old_comment:
            text += f". Kommentar: «{change.new_comment}»"
        items.append(
            ChangeItem(
                "deliverable",
                _activity_area(deliverable.activity),
                change.changed_at,
                change.changed_by,
                text,
                "/leverancer",
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
    rows = session.execute(
        select(Measurement, Indicator, Area.name, LoadLog)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(Area, Area.id == Measurement.area_id)
        .outerjoin(LoadLog, LoadLog.id == Measurement.load_id)
        .where(
            _in_window(Measurement.updated_at, window)
            | Measurement.id.in_(set(edited) | set(reloaded))
        )
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
            value = indicator_value(measurement.value, indicator.unit)
            what = f"{indicator.name}, {area_name}, {measurement.period}"
            if earlier is None:
                text = f"Nyt tal: {what}: {value}"
            else:
                text = f"Ændret tal: {what}: {indicator_value(earlier, indicator.unit)} → {value}"
            who = edit.changed_by if edit else (load.loaded_by if load else "")
            items.append(
                ChangeItem(
                    "measurement",
                    areas.by_activity.get(indicator.activity_name or "", EFFECT_GROUP),
                    edit.changed_at if edit else measurement.updated_at,
                    who or "indlæsning",
                    text,
                    "/tryghed",
                )
            )
    return items


def _load_summary(group, reloaded) -> ChangeItem:
    load = group[0].LoadLog
    changed = sum(1 for row in group if row.Measurement.id in reloaded)
    return ChangeItem(
        "measurement",
        EFFECT_GROUP,
        max(row.Measurement.updated_at for row in group),
        (load.loaded_by if load else "") or "indlæsning",
        f"Indlæsning af {load.file_name if load else 'tal'}: "
        f"{number(len(group) - changed)} nye og {number(changed)} ændrede tal",
        "/tryghed",
    )


def _note_changes(session: Session, window: BriefingWindow, areas: _Areas):
    rows = session.execute(
        select(IndicatorNoteChange, Indicator)
        .join(IndicatorNote, IndicatorNote.id == IndicatorNoteChange.note_id)
        .join(Indicator, Indicator.id == IndicatorNote.indicator_id)
        .where(_in_window(IndicatorNoteChange.changed_at, window))
    ).all()
    return [
        ChangeItem(
            "note",
            areas.by_activity.get(indicator.activity_name or "", EFFECT_GROUP),
            change.changed_at,
            change.changed_by,
            f"{'Ny' if not change.old_text else 'Ændret'} note til {indicator.name}: "
            f"«{change.new_text}»",
            "/tryghed",
        )
        for change, indicator in rows
    ]


def _plan_changes(session: Session, window: BriefingWindow) -> list[ChangeItem]:
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
        who = who or "indlæsning"
        areas = {
            line.label: focus_area_label(line.focus_area)
            for line in session.scalars(
                select(BudgetLine).where(BudgetLine.plan_version_id == version.id)
            )
        }
        for change in compare_versions(session, previous.id, version.id):
            items.append(
                ChangeItem(
                    "budget",
                    areas.get(change.activity, "Uden indsatsområde"),
                    version.loaded_at,
                    who,
                    f"Budget: {change_sentence(change)}",
                    "/okonomi",
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
        to = handover["to"] or "en forvaltning"
        year = f" fra {handover['from_year']}" if handover["from_year"] else ""
        word = "besluttet" if status == "decided" else "gennemført"
        items.append(
            ChangeItem(
                "handover",
                activities.get(handover["activity"], "Uden indsatsområde"),
                version.loaded_at,
                who,
                f"Forankring {word}: {handover['activity']} overgår til {to}{year}",
                "/okonomi",
            )
        )
    return items


# --- needs attention ---------------------------------------------------------------------

FREQUENCY_MONTHS = {"årlig": 12, "skoleår": 12, "kvartal": 3, "kvartalsvis": 3, "månedlig": 1}
PERIOD_MONTHS = {"year": 12, "school_year": 12, "quarter": 3, "month": 1}


@dataclass(frozen=True)
class OverdueDeliverable:
    activity: str
    text: str
    due: str
    status: str
    co: str
    deliverable_id: int


@dataclass(frozen=True)
class StaleIndicator:
    name: str
    source: str
    frequency: str
    latest_period: str
    area: str

    @property
    def sentence(self) -> str:
        """ "Andel utrygge … (Tryghedsundersøgelsen): seneste tal er fra 2021 (Amager Vest)"."""
        return f"{self.name} ({self.source}): seneste tal er fra {self.latest_period} ({self.area})"


@dataclass(frozen=True)
class NeedsAttention:
    today: date
    overdue_by_party: list[tuple[str, list[OverdueDeliverable]]]
    undecided_years: list[int]
    undecided: list[tuple[int, list[str]]]  # year → labels of '?' cells
    open_handovers: list[dict]
    stale_indicators: list[StaleIndicator]
    indicators_without_figures: list[str]


def needs_attention(session: Session, plan_version_id: int, today: date) -> NeedsAttention:
    """Overdue deliverables by lead party (tovholder); budget cells still '?' for the coming
    year (for every remaining year once the plan has no coming year … and for all its years
    when its period is over); handovers without a decision; indicators with no new figure for
    longer than their frequency."""
    table = deliverable_table(session, plan_version_id, today)
    overdue = table[table["overdue"]]
    by_party: dict[str, list[OverdueDeliverable]] = {}
    for row in overdue.itertuples():
        by_party.setdefault(row.lead or "Uden tovholder", []).append(
            OverdueDeliverable(
                activity=row.activity,
                text=row.text,
                due=long_date(row.due_date) if row.due_date else row.due_text,
                status=row.status_label,
                co=row.co,
                deliverable_id=int(row.id),
            )
        )
    totals = year_totals(session, plan_version_id)
    years = [t.year for t in totals]
    later = [y for y in years if y > today.year]
    wanted = later[:1] or years
    undecided = [(t.year, t.undecided) for t in totals if t.year in wanted and t.undecided]
    stale, without = _stale_indicators(session, today)
    return NeedsAttention(
        today=today,
        overdue_by_party=sorted(by_party.items(), key=lambda item: item[0].lower()),
        undecided_years=wanted,
        undecided=undecided,
        open_handovers=[h for h in handovers(session, plan_version_id) if h["status"] == "planned"],
        stale_indicators=stale,
        indicators_without_figures=without,
    )


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _stale_indicators(session: Session, today: date):
    """Indicators with a regular frequency whose newest figure (any area) is older than
    one period plus one frequency; and those with a frequency but no figure at all."""
    indicators = session.scalars(select(Indicator).order_by(Indicator.position, Indicator.code))
    newest = {}
    for measurement, area_name in session.execute(
        select(Measurement, Area.name)
        .join(Area, Area.id == Measurement.area_id)
        .order_by(Measurement.period_start)
    ):
        newest[measurement.indicator_id] = (measurement, area_name)
    stale, without = [], []
    for indicator in indicators:
        months = FREQUENCY_MONTHS.get(indicator.frequency)
        if months is None:
            continue
        if indicator.id not in newest:
            without.append(indicator.name)
            continue
        measurement, area_name = newest[indicator.id]
        period = PERIOD_MONTHS.get(measurement.period_kind, 12)
        if _add_months(measurement.period_start, period + months) <= today:
            stale.append(
                StaleIndicator(
                    indicator.name,
                    indicator.source,
                    indicator.frequency,
                    measurement.period,
                    area_name,
                )
            )
    return stale, without
