"""What loading a read file would change, worked out without writing anything: the upload
preview of the administration page.

A plan (or a budget sheet on the newest plan) is compared with the partnership's current
revision, the stored plan a load would stand beside (``stored_plan.plan_snapshot``):
activities added, removed or renamed, every overview-table cell that changes, deliverables
added or removed. Figures are compared with the stored ones the way ``figure_writer``
writes them. "Unchanged" is decided by the loaders' own tests, so the preview says it
exactly when a load would store nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from dashboard.names import normalise_name
from data_loaders.figure_checks import resolve_figures
from data_loaders.figure_writer import existing_figures, hash_already_loaded, planned_writes
from data_loaders.indicator_catalogue import Catalogue
from data_loaders.indicator_file import ParsedFigures
from data_loaders.load_plan import identical_version, year_versions
from data_loaders.plan_types import ParsedActivity, ParsedPlan
from data_loaders.stored_plan import plan_snapshot

TOTAL_LABEL = "I alt"
MAX_FIGURES_SHOWN = 200


@dataclass(frozen=True)
class CellChange:
    """One overview-table cell: ``old``/``new`` None is '?' (undecided); ``kind`` "added"
    (no such cell before), "removed" (none now) or "changed"."""

    activity: str
    year: int
    kind: str
    old: int | None
    new: int | None


@dataclass
class PlanPreview:
    title: str
    plan_year: int
    partnership: str  # as the file names it
    focus_areas: list[str]
    activities: list[str]
    budget_cells: int
    deliverables: int
    frame: dict[int, int]
    base: str | None  # the current revision compared with ("… 2017, revision 1"), or None
    unchanged: bool
    activities_added: list[str] = field(default_factory=list)
    activities_removed: list[str] = field(default_factory=list)
    activities_renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new)
    cells: list[CellChange] = field(default_factory=list)
    deliverables_added: list[tuple[str, str]] = field(default_factory=list)  # (activity, text)
    deliverables_removed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plan_preview(
    session: Session, partnership_id: int, base_version_id: int | None, plan: ParsedPlan, sha: str
) -> PlanPreview:
    """``plan`` against the stored version ``base_version_id`` (the partnership's current
    revision; None when it has no plan yet)."""
    unchanged = (
        identical_version(
            session, year_versions(session, partnership_id, plan.plan_year), plan, sha
        )
        is not None
    )
    preview = PlanPreview(
        title=plan.title,
        plan_year=plan.plan_year,
        partnership=plan.partnership,
        focus_areas=[
            f"{a.number}. {a.name}" if a.number is not None else a.name for a in plan.focus_areas
        ],
        activities=[a.name for a in plan.activities],
        budget_cells=len(plan.budget),
        deliverables=sum(len(a.deliverables) for a in plan.activities),
        frame=dict(sorted(plan.frame.items())),
        base=None,
        unchanged=unchanged,
        warnings=list(plan.warnings),
    )
    if base_version_id is None:
        return preview
    old = plan_snapshot(session, base_version_id)
    preview.base = old.title
    _compare_activities(old.activities, plan.activities, preview)
    preview.cells = _cell_changes(old, plan)
    return preview


def _compare_activities(old: list[ParsedActivity], new: list[ParsedActivity], preview) -> None:
    before = {normalise_name(a.name): a for a in old}
    after = {normalise_name(a.name): a for a in new}
    removed = [a for key, a in before.items() if key not in after]
    added = [a for key, a in after.items() if key not in before]
    pairs = [(before[key], a) for key, a in after.items() if key in before]
    for gone in list(removed):
        same = next((a for a in added if _same_activity(gone, a)), None)
        if same is not None:
            removed.remove(gone)
            added.remove(same)
            preview.activities_renamed.append((gone.name, same.name))
            pairs.append((gone, same))
    preview.activities_added = [a.name for a in added]
    preview.activities_removed = [a.name for a in removed]
    for was, now in pairs:
        old_texts = [d.text for d in was.deliverables]
        new_texts = [d.text for d in now.deliverables]
        preview.deliverables_added += [(now.name, t) for t in new_texts if t not in old_texts]
        preview.deliverables_removed += [(now.name, t) for t in old_texts if t not in new_texts]
    for activity in added:
        preview.deliverables_added += [(activity.name, d.text) for d in activity.deliverables]
    for activity in removed:
        preview.deliverables_removed += [(activity.name, d.text) for d in activity.deliverables]


def _same_activity(old: ParsedActivity, new: ParsedActivity) -> bool:
    """A renamed activity: the same row of the overview table, or the same deliverables."""
    if old.table_name and new.table_name:
        if normalise_name(old.table_name) == normalise_name(new.table_name):
            return True
    texts = [d.text for d in old.deliverables]
    return bool(texts) and texts == [d.text for d in new.deliverables]


def _cell_changes(old: ParsedPlan, new: ParsedPlan) -> list[CellChange]:
    def cells(plan: ParsedPlan) -> dict[tuple[str, int], tuple[str, int | None]]:
        found = {(normalise_name(c.activity), c.year): (c.activity, c.amount) for c in plan.budget}
        for year, amount in plan.frame.items():
            found[(normalise_name(TOTAL_LABEL), year)] = (TOTAL_LABEL, amount)
        return found

    before, after = cells(old), cells(new)
    changes = []
    for key in [*after, *(k for k in before if k not in after)]:
        if key not in before:
            label, amount = after[key]
            changes.append(CellChange(label, key[1], "added", None, amount))
        elif key not in after:
            label, amount = before[key]
            changes.append(CellChange(label, key[1], "removed", amount, None))
        elif before[key][1] != after[key][1]:
            changes.append(
                CellChange(after[key][0], key[1], "changed", before[key][1], after[key][1])
            )
    # The "I alt" row last, as the table has it.
    return sorted(changes, key=lambda c: c.activity == TOTAL_LABEL)


@dataclass(frozen=True)
class FigureChange:
    indicator: str  # the catalogue's code
    area: str
    period: str
    old: float | None  # None: a new figure
    new: float


@dataclass
class FigurePreview:
    layout: str  # "long" or "wide"
    figures: int
    indicators: list[str]
    areas: list[str]
    periods: list[str]
    new: int
    changed: int
    unchanged: bool
    changes: list[FigureChange]  # the first MAX_FIGURES_SHOWN new or changed figures
    warnings: list[str]


def figure_preview(session: Session, figures: ParsedFigures, sha: str) -> FigurePreview:
    """The file's figures checked against the catalogue as a load checks them (an unknown
    indicator or area raises the loader's ``InputError``), and what a load would write."""
    catalogue = Catalogue.read(session)
    by_indicator = resolve_figures(catalogue, figures.rows, figures.file)
    codes = {i.id: i.code for i in catalogue.indicators.values()}
    areas = {a.id: a.name for a in catalogue.areas.values()}
    already = hash_already_loaded(session, "indicators", sha) is not None
    new = changed = 0
    changes: list[FigureChange] = []
    for indicator_id, rows in ({} if already else by_indicator).items():
        existing = existing_figures(session, indicator_id)
        inserts, updates = planned_writes(existing, rows)
        new += len(inserts)
        changed += len(updates)
        key_of = {old[0]: key for key, old in existing.items()}
        for (_, area_id, period, _source), _p, value, *_ in inserts:
            changes.append(FigureChange(codes[indicator_id], areas[area_id], period, None, value))
        for old, value, *_ in updates:
            area_id, period, _source = key_of[old[0]]
            changes.append(FigureChange(codes[indicator_id], areas[area_id], period, old[1], value))
    used = [key for rows in by_indicator.values() for key in rows]
    return FigurePreview(
        layout=figures.layout,
        figures=len(figures.rows),
        indicators=sorted({codes[k[0]] for k in used}),
        areas=sorted({areas[k[1]] for k in used}),
        periods=sorted({k[2] for k in used}),
        new=new,
        changed=changed,
        unchanged=already or new == changed == 0,
        changes=changes[:MAX_FIGURES_SHOWN],
        warnings=list(figures.warnings),
    )
