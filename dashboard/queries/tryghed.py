"""Read functions behind the /tryghed page: does safety rise and crime fall, honestly told.

Built on ``dashboard.queries.indicators`` (catalogue, measurements with area breaks, baselines,
targets). ``trend_data`` is the one query per chart: the figure, its table and its download
are all made from the frame it returns, so they cannot disagree.

"Own" areas are the partnership areas and the areas inside them; every other area is a
comparison the user may add. Nothing here assumes one partnership or one plan year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.model import (
    Activity,
    Area,
    BudgetLine,
    FocusArea,
    Indicator,
    IndicatorNote,
    IndicatorNoteChange,
    Measurement,
    MeasurementEdit,
    Partnership,
    PartnershipPeriod,
    PlanVersion,
    TimelineEvent,
)
from dashboard.model.measurement_edits import REGISTERED_SOURCE
from dashboard.queries.indicators import baselines, indicator_catalogue, measurements, targets
from dashboard.queries.plan import latest_plan
from data_loaders.indicator_catalogue import normalise_name

PARTNERSHIP_AREA_KIND = "partnership_area"

# Words in a source's note that say the figure itself is in doubt (the reference file writes
# its notes in English, the working group in Danish). Such points are marked in the chart.
DOUBT_WORDS = (
    "inconsistent",
    "verify",
    "uncertain",
    "may differ",
    "usikker",
    "tvivl",
    "afviger",
    "kontrolleres",
)
EFFECTS = ("øget tryghed", "mindre kriminalitet")
CHART_KINDS = ("effect", "result", "context")

POINT_COLUMNS = [
    "indicator",
    "series",
    "area",
    "area_code",
    "own_area",
    "after_break",
    "break_note",
    "period",
    "x",
    "value",
    "unit",
    "source",
    "note",
    "doubt",
]


def has_doubt(note: str) -> bool:
    """True when a figure's note says the figure may be wrong (København 2013's crime rate)."""
    lowered = (note or "").casefold()
    return any(word in lowered for word in DOUBT_WORDS)


def period_position(start: date, kind: str) -> float:
    """Where a period sits on a year axis: ``2019`` → 2019, ``2019Q3`` → 2019.5,
    ``2014/15`` → 2014.58 (the school year starts in August)."""
    if kind == "year":
        return float(start.year)
    return round(start.year + (start.timetuple().tm_yday - 1) / 365.25, 3)


# --- areas -------------------------------------------------------------------------------


def own_area_codes(session: Session) -> set[str]:
    """Codes of the partnership areas, their successors and every area inside them."""
    rows = session.execute(
        select(Area.id, Area.code, Area.kind, Area.parent_id, Area.predecessor_id)
    ).all()
    by_id = {r.id: r for r in rows}
    own: set[str] = set()
    for row in rows:
        current, seen = row, set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.kind == PARTNERSHIP_AREA_KIND:
                own.add(row.code)
                break
            parent = current.parent_id or current.predecessor_id
            current = by_id.get(parent) if parent else None
    return own


def comparison_areas(session: Session, indicator: str) -> list[dict]:
    """The areas outside the partnership that have figures for ``indicator``, as dropdown
    options (``label``: name, ``value``: code), in the catalogue's area order."""
    own = own_area_codes(session)
    frame = measurements(session, indicators=[indicator])
    present = set(frame["area_code"]) - own
    ordered = session.execute(select(Area.code, Area.name).order_by(Area.position)).all()
    return [{"label": name, "value": code} for code, name in ordered if code in present]


# --- one chart ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPeriod:
    """A span drawn behind a chart (a partnership period) or, without ``end``, a moment."""

    start: float
    end: float | None
    label: str


@dataclass(frozen=True)
class AreaBreak:
    """Between ``before`` and ``after`` on the x axis the area changed: no line crosses it."""

    before: float
    after: float
    year: int | None
    label: str
    note: str


@dataclass(frozen=True)
class TimelineEntry:
    """An event the working group put on the timeline, placed on the charts' year axis."""

    id: int
    day: date
    label: str
    created_by: str
    x: float


def timeline(session: Session) -> list[TimelineEntry]:
    """The events of the current partnership that are not removed, oldest first."""
    rows = session.scalars(
        select(TimelineEvent)
        .where(
            TimelineEvent.partnership_id == current_partnership_id(session),
            TimelineEvent.removed_at.is_(None),
        )
        .order_by(TimelineEvent.event_date, TimelineEvent.id)
    )
    return [
        TimelineEntry(
            e.id, e.event_date, e.label, e.created_by, period_position(e.event_date, "day")
        )
        for e in rows
    ]


@dataclass(frozen=True)
class TrendData:
    indicator: str
    name: str
    unit: str
    direction: str
    definition: str
    points: pd.DataFrame  # POINT_COLUMNS, one row per figure, by series then period
    baselines: pd.DataFrame  # plan baselines for the areas shown, with their x span
    targets: pd.DataFrame  # plan targets for this indicator, with their x span
    periods: list[ChartPeriod]
    breaks: list[AreaBreak]
    method_note: str
    sources: list[str] = field(default_factory=list)
    events: list[TimelineEntry] = field(default_factory=list)

    @property
    def newest_period(self) -> str | None:
        if self.points.empty:
            return None
        return str(self.points.sort_values("x")["period"].iloc[-1])


def trend_data(session: Session, indicator: str, compare: Sequence[str] = ()) -> TrendData:
    """Everything one trend chart shows for ``indicator``: the partnership's own series plus
    the comparison areas in ``compare`` (area codes), the plans' baselines and targets, the
    partnership periods, the area breaks, the method note and the sources. An unknown
    indicator raises ``KeyError``."""
    catalogue = indicator_catalogue(session).set_index("code")
    info = catalogue.loc[indicator]
    own = own_area_codes(session)
    frame = measurements(session, indicators=[indicator])
    frame = frame[frame["area_code"].isin(own | set(compare))]
    points = pd.DataFrame(
        {
            "indicator": frame["indicator"],
            "series": frame["series_area"],
            "area": frame["area"],
            "area_code": frame["area_code"],
            "own_area": frame["area_code"].isin(own),
            "after_break": frame["different_area"],
            "break_note": frame["break_note"],
            "period": frame["period"],
            "x": [
                period_position(s, k)
                for s, k in zip(frame["period_start"], frame["period_kind"], strict=True)
            ],
            "value": frame["value"].astype(float),
            "unit": frame["unit"],
            "source": frame["source"],
            "note": frame["note"],
            "doubt": [has_doubt(n) for n in frame["note"]],
        },
        columns=POINT_COLUMNS,
    )
    points = points.sort_values(["own_area", "series", "x"], ascending=[False, True, True])
    points = points.reset_index(drop=True)
    shown_areas = set(points["area"])
    span = (points["x"].min(), points["x"].max()) if len(points) else (None, None)
    return TrendData(
        indicator=indicator,
        name=info["name"],
        unit=info["unit"],
        direction=info["direction"],
        definition=info["definition"],
        points=points,
        baselines=_baselines_for(session, indicator, shown_areas, span),
        targets=_targets_for(session, indicator, span),
        periods=partnership_periods(session),
        breaks=_breaks(points),
        method_note=method_note(catalogue, indicator, session),
        sources=list(dict.fromkeys(points["source"])),
        events=timeline(session),
    )


def _plan_spans(session: Session) -> dict[tuple[str, int], tuple[int, int]]:
    """(partnership name, plan year) → the first and last budget year of that plan."""
    rows = session.execute(
        select(
            Partnership.name,
            PlanVersion.year,
            func.min(BudgetLine.year),
            func.max(BudgetLine.year),
        )
        .join(PlanVersion, PlanVersion.partnership_id == Partnership.id)
        .join(BudgetLine, BudgetLine.plan_version_id == PlanVersion.id)
        .group_by(Partnership.name, PlanVersion.year)
    ).all()
    return {(name, year): (first, last) for name, year, first, last in rows}


def partnership_periods(session: Session) -> list[ChartPeriod]:
    """The partnership periods the plans state ("den første periode fra 2013-2016"); for a
    partnership whose plans state none, the budget years of its plans. One band per span."""
    stated = session.execute(
        select(Partnership.name, PartnershipPeriod.first_year, PartnershipPeriod.last_year).join(
            PartnershipPeriod.__table__, PartnershipPeriod.partnership_id == Partnership.id
        )
    ).all()
    spans = {(name, first, last) for name, first, last in stated}
    named = {name for name, _first, _last in spans}
    spans |= {
        (name, first, last)
        for (name, _year), (first, last) in _plan_spans(session).items()
        if name not in named
    }
    return [
        ChartPeriod(first - 0.5, last + 0.5, f"{name} {first}–{last}")
        for name, first, last in sorted(spans, key=lambda span: (span[1], span[2], span[0]))
    ]


def _valid_until(plan_year: int, later_years: list[int], span_end: int | None) -> float:
    """A plan's baseline or target holds until the next plan year states a new one."""
    following = [y for y in later_years if y > plan_year]
    if following:
        return min(following) - 0.5
    return (span_end if span_end is not None else plan_year) + 0.5


def _baselines_for(session, indicator: str, areas: set[str], span) -> pd.DataFrame:
    frame = baselines(session)
    frame = frame[(frame["indicator"] == indicator) & frame["area"].isin(areas)].copy()
    plan_spans = _plan_spans(session)
    years = sorted(set(frame["plan_year"]))
    frame["from_x"] = [
        float(p[:4]) if isinstance(p, str) and p[:4].isdigit() else float(y)
        for p, y in zip(frame["period"], frame["plan_year"], strict=True)
    ]
    frame["to_x"] = [
        _valid_until(y, years, plan_spans.get((n, y), (None, span[1]))[1])
        for n, y in zip(frame["partnership_name"], frame["plan_year"], strict=True)
    ]
    return frame.reset_index(drop=True)


def _targets_for(session, indicator: str, span) -> pd.DataFrame:
    frame = targets(session)
    frame = frame[frame["indicator"] == indicator].copy()
    plan_spans = _plan_spans(session)
    years = sorted(set(frame["plan_year"]))
    frame["from_x"] = frame["plan_year"].astype(float) - 0.5
    frame["to_x"] = [
        _valid_until(y, years, plan_spans.get((n, y), (None, y))[1])
        for n, y in zip(frame["partnership_name"], frame["plan_year"], strict=True)
    ]
    return frame.reset_index(drop=True)


def _breaks(points: pd.DataFrame) -> list[AreaBreak]:
    result = []
    for _series, rows in points.groupby("series", sort=False):
        rows = rows.sort_values("x")
        previous = None
        for row in rows.itertuples():
            if previous is not None and row.area_code != previous.area_code:
                year = int(row.x)
                verb = "udvidet" if "udvid" in row.break_note.casefold() else "ændret"
                result.append(
                    AreaBreak(
                        before=previous.x,
                        after=row.x,
                        year=year,
                        label=f"Området {verb} i {year} – ikke sammenligneligt",
                        note=row.break_note,
                    )
                )
            previous = row
    return result


def method_note(catalogue: pd.DataFrame, indicator: str, session: Session) -> str:
    """When the survey asks the other way round (share *trygge* instead of *utrygge*), the
    two are separate indicators; say so, and from when the other one has figures."""
    if "utrygge" in indicator:
        other = indicator.replace("utrygge", "trygge")
    elif "trygge" in indicator:
        other = indicator.replace("trygge", "utrygge")
    else:
        return ""
    if other not in catalogue.index:
        return ""
    periods = measurements(session, indicators=[other])["period"]
    since = f" (tal fra {min(periods)})" if len(periods) else ""
    return (
        f"Målemetoden: undersøgelsen opgør også andelen, der svarer det modsatte – se "
        f"»{catalogue.loc[other, 'name']}«{since}. Andelen trygge er ikke 100 minus andelen "
        "utrygge (nogle svarer hverken-eller), så de to vises som hver sin indikator og "
        "kædes ikke sammen."
    )


# --- indicator cards ---------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorCard:
    indicator: str
    name: str
    unit: str
    direction: str
    effect: str
    area: str | None  # the area of the newest figure
    latest_period: str | None
    latest_value: float | None
    start_label: str  # "udgangspunkt i Tryghedsplan 2017" or "første måling"
    start_period: str | None
    start_value: float | None
    end_period: str | None  # the last figure comparable with the start
    end_value: float | None
    after_break: bool  # the newest figure is for a changed area
    break_note: str
    targets: list[str]
    sources: list[str]


def indicator_cards(session: Session) -> list[IndicatorCard]:
    """One card per effect indicator (øget tryghed, mindre kriminalitet) that has figures or a
    plan baseline: the newest figure of the partnership's own series (else of the nearest
    area that has figures), and the change since the plan's baseline or the first figure,
    counted only within comparable figures."""
    catalogue = indicator_catalogue(session)
    catalogue = catalogue[catalogue["effect"].isin(EFFECTS)]
    own = own_area_codes(session)
    nearness = _area_nearness(session)
    all_points = measurements(session, indicators=list(catalogue["code"]))
    plan_baselines = baselines(session)
    plan_targets = targets(session)
    cards = []
    for info in catalogue.itertuples():
        frame = all_points[all_points["indicator"] == info.code]
        stated = plan_baselines[plan_baselines["indicator"] == info.code]
        if frame.empty and stated.empty:
            continue
        cards.append(_card(info, frame, stated, plan_targets, own, nearness))
    return cards


def _area_nearness(session: Session) -> dict[str, int]:
    """Area name → rank: the partnership areas first, then their parents outwards."""
    rows = session.execute(
        select(Area.id, Area.name, Area.kind, Area.parent_id).order_by(Area.position)
    ).all()
    by_id = {r.id: r for r in rows}
    ranks: dict[str, int] = {}
    for row in rows:
        if row.kind != PARTNERSHIP_AREA_KIND:
            continue
        current, depth = row, 0
        while current is not None:
            ranks[current.name] = min(ranks.get(current.name, depth), depth)
            current, depth = by_id.get(current.parent_id), depth + 1
    return ranks


def _card(info, frame, stated, plan_targets, own, nearness) -> IndicatorCard:
    series = _card_series(frame, own, nearness)
    comparable = series[~series["different_area"]] if len(series) else series
    root = series["series_area"].iloc[0] if len(series) else None
    baseline = stated[stated["area"] == root] if root else stated
    if not baseline.empty:
        first = baseline.sort_values("plan_year").iloc[0]
        start_label = f"udgangspunkt i Tryghedsplan {first['plan_year']}"
        start_period, start_value = first["period"], float(first["value"])
        end = comparable.iloc[-1] if len(comparable) else None
    else:
        # Without a stated baseline the first comparable figure is the starting point, and
        # a change needs a second one.
        start_label = "første måling"
        start = comparable.iloc[0] if len(comparable) else None
        start_period = start["period"] if start is not None else None
        start_value = float(start["value"]) if start is not None else None
        end = comparable.iloc[-1] if len(comparable) > 1 else None
    latest = series.iloc[-1] if len(series) else None
    wanted = plan_targets[plan_targets["indicator"] == info.code]
    return IndicatorCard(
        indicator=info.code,
        name=info.name,
        unit=info.unit,
        direction=info.direction,
        effect=info.effect,
        area=latest["area"]
        if latest is not None
        else (baseline["area"].iloc[0] if len(baseline) else None),
        latest_period=latest["period"] if latest is not None else None,
        latest_value=float(latest["value"]) if latest is not None else None,
        start_label=start_label,
        start_period=start_period,
        start_value=start_value,
        end_period=end["period"] if end is not None else None,
        end_value=float(end["value"]) if end is not None else None,
        after_break=bool(latest["different_area"]) if latest is not None else False,
        break_note=latest["break_note"] if latest is not None else "",
        targets=[f"{t.text} (Tryghedsplan {t.plan_year})" for t in wanted.itertuples()],
        sources=list(dict.fromkeys(series["source"])) if len(series) else [],
    )


def _card_series(frame: pd.DataFrame, own: set[str], nearness: dict[str, int]) -> pd.DataFrame:
    """The series a card tells: the partnership's own if there is one, else the nearest
    enclosing area's, else the area with most figures. One figure per period."""
    if frame.empty:
        return frame
    mine = frame[frame["area_code"].isin(own)]
    if mine.empty:
        ranked = sorted(
            frame["series_area"].unique(),
            key=lambda s: (nearness.get(s, 99), -int((frame["series_area"] == s).sum())),
        )
        mine = frame[frame["series_area"] == ranked[0]]
    else:
        counts = mine["series_area"].value_counts()
        mine = mine[mine["series_area"] == counts.index[0]]
    return mine.drop_duplicates(subset=["period", "area_code"], keep="first").reset_index(drop=True)


# --- outputs of the activities -----------------------------------------------------------

OUTPUT_COLUMNS = [
    "indicator",
    "indicator_name",
    "activity",
    "target_text",
    "plan_year",
    "period",
    "min_value",
    "max_value",
    "per",
    "measured",
    "status",
    "version",
    "source",
]


def output_progress(session: Session) -> pd.DataFrame:
    """Each output target the plans set, per year it applies to (a ``per`` "plan" target once
    for the plan's whole period), against what was registered. ``status`` is
    ``not_measured`` (nothing registered: never read as 0), ``below``, ``above`` or ``met``;
    ``version`` is the registered figure's edit count, for a correction of it."""
    wanted = targets(session)
    catalogue = indicator_catalogue(session).set_index("code")
    wanted = wanted[wanted["indicator"].map(catalogue["kind"]) == "output"]
    spans = _plan_spans(session)
    figures = _output_figures(session, list(wanted["indicator"].unique()))
    rows = []
    for target in wanted.itertuples():
        later = sorted(
            set(
                wanted[
                    (wanted["indicator"] == target.indicator)
                    & (wanted["per"] == target.per)
                    & (wanted["partnership_name"] == target.partnership_name)
                ]["plan_year"]
            )
        )
        last = int(_valid_until(target.plan_year, later, _span_end(spans, target)) - 0.5)
        years = list(range(int(target.plan_year), last + 1))
        if target.per == "plan":
            groups = [(f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]), years)]
        else:
            groups = [(str(y), [y]) for y in years]
        for label, group_years in groups:
            found = [
                figures[(target.indicator, str(y))]
                for y in group_years
                if (target.indicator, str(y)) in figures
            ]
            measured = sum(f[0] for f in found) if found else None
            single = found[0] if len(found) == 1 and len(group_years) == 1 else None
            rows.append(
                {
                    "indicator": target.indicator,
                    "indicator_name": catalogue.loc[target.indicator, "name"],
                    "activity": target.activity_name,
                    "target_text": target.text,
                    "plan_year": int(target.plan_year),
                    "period": label,
                    "min_value": _or_none(target.min_value),
                    "max_value": _or_none(target.max_value),
                    "per": target.per,
                    "measured": measured,
                    "status": target_status(measured, target.min_value, target.max_value),
                    "version": single[1] if single else 0,
                    "source": target.source,
                }
            )
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)


def _span_end(spans, target) -> int:
    span = spans.get((target.partnership_name, target.plan_year))
    return span[1] if span else int(target.plan_year)


def _or_none(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def target_status(measured: float | None, low, high) -> str:
    """``not_measured`` when nothing is registered, else ``below``/``above``/``met``."""
    if measured is None:
        return "not_measured"
    if _or_none(low) is not None and measured < low:
        return "below"
    if _or_none(high) is not None and measured > high:
        return "above"
    return "met"


def _output_figures(session: Session, codes: list[str]) -> dict[tuple[str, str], tuple]:
    """(indicator, year) → (value, edit count). A figure registered in the app wins over a
    loaded one for the same year; loaded figures of one year are not added up."""
    frame = measurements(session, indicators=codes)
    edit_counts = dict(
        (((code, period), count))
        for code, period, count in session.execute(
            select(Indicator.code, Measurement.period, func.count(MeasurementEdit.id))
            .join(Measurement, Measurement.indicator_id == Indicator.id)
            .join(MeasurementEdit, MeasurementEdit.measurement_id == Measurement.id)
            .where(Measurement.source == REGISTERED_SOURCE)
            .group_by(Indicator.code, Measurement.period)
        )
    )
    result: dict[tuple[str, str], tuple] = {}
    registered_first = frame.sort_values(
        "source", key=lambda s: s != REGISTERED_SOURCE, kind="stable"
    )
    for row in registered_first.itertuples():
        key = (row.indicator, row.period[:4])
        if key not in result:
            count = edit_counts.get((row.indicator, row.period), 0)
            result[key] = (float(row.value), count if row.source == REGISTERED_SOURCE else 0)
    return result


@dataclass(frozen=True)
class FigureEdit:
    period: str
    old_value: float | None
    new_value: float
    old_note: str
    new_note: str
    changed_by: str
    changed_at: datetime
    unit: str


def output_history(session: Session, indicator: str) -> list[FigureEdit]:
    """Every registration and correction of ``indicator``'s figures in the app, newest first."""
    rows = session.execute(
        select(Measurement.period, Indicator.unit, MeasurementEdit)
        .join(MeasurementEdit, MeasurementEdit.measurement_id == Measurement.id)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(Indicator.code == indicator)
        .order_by(MeasurementEdit.changed_at.desc(), MeasurementEdit.id.desc())
    ).all()
    return [
        FigureEdit(
            p, e.old_value, e.new_value, e.old_note, e.new_note, e.changed_by, e.changed_at, unit
        )
        for p, unit, e in rows
    ]


# --- the story behind the curve ----------------------------------------------------------


@dataclass(frozen=True)
class NoteView:
    text: str
    version: int  # 0 when nothing is written yet
    updated_by: str | None
    updated_at: datetime | None


@dataclass(frozen=True)
class NoteEdit:
    version: int
    old_text: str
    new_text: str
    changed_by: str
    changed_at: datetime


def _note_row(session: Session, indicator: str, partnership_id: int):
    return session.scalars(
        select(IndicatorNote)
        .join(Indicator, Indicator.id == IndicatorNote.indicator_id)
        .where(Indicator.code == indicator, IndicatorNote.partnership_id == partnership_id)
    ).first()


def indicator_note(session: Session, indicator: str, partnership_id: int) -> NoteView:
    """The working group's current note on ``indicator`` (empty, version 0, if none)."""
    note = _note_row(session, indicator, partnership_id)
    if note is None:
        return NoteView("", 0, None, None)
    return NoteView(note.text, note.version, note.updated_by, note.updated_at)


def note_history(session: Session, indicator: str, partnership_id: int) -> list[NoteEdit]:
    """Every saved wording of the note, newest first."""
    note = _note_row(session, indicator, partnership_id)
    if note is None:
        return []
    changes = session.scalars(
        select(IndicatorNoteChange)
        .where(IndicatorNoteChange.note_id == note.id)
        .order_by(IndicatorNoteChange.version.desc())
    )
    return [
        NoteEdit(c.version, c.old_text, c.new_text, c.changed_by, c.changed_at) for c in changes
    ]


def current_partnership_id(session: Session) -> int | None:
    """The partnership of the newest plan: the one the page speaks for."""
    plan = latest_plan(session)
    return plan.partnership_id if plan else None


# --- theory of change --------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityLink:
    name: str
    measured_by: list[str]  # output or result indicators naming this activity


@dataclass(frozen=True)
class FocusAreaLink:
    label: str
    activities: list[ActivityLink]


@dataclass(frozen=True)
class EffectPath:
    effect: str
    indicators: list[str]
    focus_areas: list[FocusAreaLink]


def theory_of_change(session: Session) -> list[EffectPath]:
    """From each effect (øget tryghed, mindre kriminalitet) to the indicators that measure
    it and the newest plan's focus areas and activities meant to contribute to it. The plan
    lets every focus area work towards both effects, so each effect lists them all."""
    catalogue = indicator_catalogue(session)
    plan = latest_plan(session)
    areas: list[FocusAreaLink] = []
    if plan is not None:
        measured: dict[str, list[str]] = {}
        for row in catalogue[catalogue["activity_name"].notna()].itertuples():
            measured.setdefault(_name_key(row.activity_name), []).append(row.name)
        focus = session.scalars(
            select(FocusArea)
            .where(FocusArea.plan_version_id == plan.id)
            .order_by(FocusArea.position)
        ).all()
        activities = session.scalars(
            select(Activity).where(Activity.plan_version_id == plan.id).order_by(Activity.position)
        ).all()
        for area in focus:
            label = f"{area.number}. {area.name}" if area.number else area.name
            links = [
                ActivityLink(
                    a.name,
                    measured.get(
                        _name_key(a.name), measured.get(_name_key(a.table_name or ""), [])
                    ),
                )
                for a in activities
                if a.focus_area_id == area.id
            ]
            areas.append(FocusAreaLink(label, links))
    return [
        EffectPath(
            effect=effect,
            indicators=list(catalogue[catalogue["effect"] == effect]["name"]),
            focus_areas=areas,
        )
        for effect in EFFECTS
    ]


def _name_key(name: str) -> str:
    return normalise_name(name.split("(")[0]) if name else ""


@dataclass(frozen=True)
class RegisteredFigure:
    value: float | None
    note: str
    version: int  # 0 when nothing is registered yet


def registered_figure(session: Session, indicator: str, period: str) -> RegisteredFigure:
    """What the app holds for ``indicator`` in ``period`` (registered by the working group),
    with the version a correction must expect."""
    figure = session.execute(
        select(Measurement.id, Measurement.value, Measurement.note)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(
            Indicator.code == indicator,
            Measurement.period == period,
            Measurement.source == REGISTERED_SOURCE,
        )
    ).first()
    if figure is None:
        return RegisteredFigure(None, "", 0)
    edits = session.scalar(
        select(func.count(MeasurementEdit.id)).where(MeasurementEdit.measurement_id == figure.id)
    )
    return RegisteredFigure(figure.value, figure.note, edits)


def output_indicators(session: Session) -> list[dict]:
    """The activities' output indicators as dropdown options (label: name and activity)."""
    catalogue = indicator_catalogue(session)
    outputs = catalogue[catalogue["kind"] == "output"]
    return [
        {"label": f"{r.name} ({r.activity_name})" if r.activity_name else r.name, "value": r.code}
        for r in outputs.itertuples()
    ]


def chart_indicators(session: Session) -> list[dict]:
    """Indicators that can be drawn (effect, result, context) and have figures, as options."""
    catalogue = indicator_catalogue(session)
    with_figures = set(
        session.scalars(
            select(Indicator.code).join(Measurement, Measurement.indicator_id == Indicator.id)
        )
    )
    chosen = catalogue[catalogue["kind"].isin(CHART_KINDS) & catalogue["code"].isin(with_figures)]
    return [{"label": r.name, "value": r.code} for r in chosen.itertuples()]
