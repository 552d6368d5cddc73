"""Public summary queries: the only reads behind the public pages (/, /p/<slug>/, /data) and
the open data. Each takes the partnership it speaks for; ``None`` where a query allows it means
"every partnership" (the open data without ``?partnerskab=``).

Everything here is safe to publish. Deliberately left out: deliverable texts, comments and who
changed what, responsible people, unknown-reason notes and which file a figure was loaded from.

Small-number suppression (``suppressed``, the one rule every public reader applies): a count
of persons below 5 (reports of crime, charged children, participants, young people in a job
scheme, walk participants) is published as ``UNDER_5``, so that nobody can be recognised in
it. Which indicators count persons is the catalogue's ``counts_people``; an indicator it does
not classify counts persons. Counts of things (safety walks held, newsletters, activities)
and of work items (deliverables) are published as they are: no person can be recognised in
how many walks were held, and hiding them would hide what the partnership delivered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.frames import row_tuples
from dashboard.model import Activity, Deliverable, FocusArea, Measurement, PlanVersion
from dashboard.queries.budget import budget_lines, focus_area_label, year_totals
from dashboard.queries.deliverables import STATUS_LABELS as DELIVERABLE_LABELS
from dashboard.queries.plan import latest_plan

UNDER_5 = "under 5"
SMALLEST_PUBLISHED_COUNT = 5
COUNT_UNITS = {"antal"}


def suppressed(value: float, unit: str, counts_people: bool) -> bool:
    """Whether a figure is published as ``UNDER_5``: a count (unit ``antal``) of persons below
    5. Shares and rates are not counts; a count of things is never suppressed."""
    return counts_people and unit in COUNT_UNITS and value < SMALLEST_PUBLISHED_COUNT


# Order is the order the public sees: not started first, done and dropped last.
DELIVERABLE_STATUSES = ["not_started", "in_progress", "delayed", "done", "dropped"]
# The internal pages' status words, capitalised for a column header: one set of words for
# the public and the working group ("afsluttet" on both, never "færdig" on one).
STATUS_LABELS = {code: label.capitalize() for code, label in DELIVERABLE_LABELS.items()}

# --- the plan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicActivity:
    name: str
    purpose: str  # "" when the plan states none (a part of an activity often has none)
    target_group: str  # "" when the plan states none
    parent: str | None


@dataclass(frozen=True)
class PublicFocusArea:
    number: int | None
    name: str
    label: str
    description: str
    activities: list[PublicActivity]


@dataclass(frozen=True)
class PublicPlan:
    id: int
    partnership: str
    partnership_slug: str
    title: str
    year: int
    focus_areas: list[PublicFocusArea]


def public_plan(session: Session, partnership_id: int) -> PublicPlan | None:
    """The partnership's newest plan's public face: partnership, title, focus areas and their
    activities (name, purpose and target group: the plan's own public words). None when it has
    no plan."""
    version = latest_plan(session, partnership_id)
    if version is None:
        return None
    areas = session.scalars(
        select(FocusArea)
        .where(FocusArea.plan_version_id == version.id)
        .order_by(FocusArea.position)
    ).all()
    activities = session.scalars(
        select(Activity).where(Activity.plan_version_id == version.id).order_by(Activity.position)
    ).all()
    return PublicPlan(
        id=version.id,
        partnership=version.partnership.name,
        partnership_slug=version.partnership.slug,
        title=version.title,
        year=version.year,
        focus_areas=[
            PublicFocusArea(
                number=area.number,
                name=area.name,
                label=focus_area_label(area),
                description=area.description,
                activities=[
                    PublicActivity(
                        name=activity.name,
                        purpose=activity.purpose.strip(),
                        target_group=activity.target_group.strip(),
                        parent=activity.parent.name if activity.parent else None,
                    )
                    for activity in activities
                    if activity.focus_area_id == area.id
                ],
            )
            for area in areas
        ],
    )


# --- money -------------------------------------------------------------------------------


def budget_per_activity(session: Session, plan_version_id: int) -> list[dict]:
    """One row per budget line and year: focus area, activity, amount (None when the plan says
    '?', i.e. not decided: never 0), whether it is decided, and the plan's footnote."""
    lines = budget_lines(session, plan_version_id)
    return [
        {
            "year": int(row.year),
            "focus_area": None if row.focus_area is None else int(row.focus_area),
            "focus_area_name": row.focus_area_label,
            "activity": row.activity,
            "amount": None if row.amount is None else int(row.amount),
            "decided": row.amount is not None,
            "footnote": row.footnote,
        }
        for row in row_tuples(lines.sort_values(["year"], kind="stable"))
    ]


def budget_per_year(session: Session, plan_version_id: int) -> list[dict]:
    """Per year: the frame, the known (allocated) sum, the not yet allocated rest and how many
    amounts are undecided, straight from ``year_totals`` (the one place totals are made)."""
    return [
        {
            "year": totals.year,
            "frame": totals.frame,
            "known": totals.known,
            "unallocated": totals.unallocated,
            "undecided_count": len(totals.undecided),
            "undecided_activities": list(totals.undecided),
        }
        for totals in year_totals(session, plan_version_id)
    ]


# --- deliverables ------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliverableProgress:
    """One focus area's deliverables, counted by status (every status, zeros too)."""

    focus_area: int | None
    focus_area_name: str
    total: int
    by_status: dict[str, int]
    # Share done of the deliverables not dropped, in percent; None when every one is dropped
    # (then ``share_text`` says so in words).
    share_done: float | None
    share_text: str


def deliverable_progress(session: Session, plan_version_id: int) -> list[DeliverableProgress]:
    """Deliverable status counts per focus area. Reads only the status column: no texts, no
    comments, no names."""
    rows = session.execute(
        select(FocusArea.number, FocusArea.name, FocusArea.position, Deliverable.status)
        .select_from(Deliverable)
        .join(Activity, Activity.id == Deliverable.activity_id)
        .outerjoin(FocusArea, FocusArea.id == Activity.focus_area_id)
        .where(Activity.plan_version_id == plan_version_id)
    ).all()
    groups: dict[tuple, Counter] = {}
    for number, name, position, status in rows:
        key = (position if position is not None else 999, number, name)
        groups.setdefault(key, Counter())[status] += 1
    result = []
    for (_, number, name), counts in sorted(groups.items(), key=lambda item: item[0][0]):
        label = f"{number}. {name}" if number is not None else (name or "Uden indsatsområde")
        result.append(_progress(number, label, counts))
    return result


def _progress(number: int | None, label: str, counts: Counter) -> DeliverableProgress:
    total = sum(counts.values())
    by_status = {status: counts.get(status, 0) for status in DELIVERABLE_STATUSES}
    kept = total - by_status["dropped"]
    if kept:
        share = round(100 * by_status["done"] / kept, 0)
        text = f"{share:.0f} % afsluttet"
    else:
        share, text = None, "alle er opgivet"
    return DeliverableProgress(number, label, total, by_status, share, text)


# --- freshness ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    updated: date | None  # when the newest data was loaded or changed
    newest_period: str | None  # the latest period any figure describes


def freshness(session: Session, partnership_id: int | None) -> Freshness:
    """ "Senest opdateret": the newest of the partnership's plan loads and deliverable updates
    (every partnership's with None) and of the figure loads (shared by all partnerships: the
    city's figures are on every overview)."""
    plans = select(PlanVersion.id)
    if partnership_id is not None:
        plans = plans.where(PlanVersion.partnership_id == partnership_id)
    stamps: list[datetime] = [
        stamp
        for stamp in (
            session.scalar(
                select(func.max(PlanVersion.loaded_at)).where(PlanVersion.id.in_(plans))
            ),
            session.scalar(select(func.max(Measurement.updated_at))),
            session.scalar(
                select(func.max(Deliverable.updated_at))
                .join(Activity, Activity.id == Deliverable.activity_id)
                .where(Activity.plan_version_id.in_(plans))
            ),
        )
        if stamp is not None
    ]
    newest = session.execute(
        select(Measurement.period).order_by(Measurement.period_start.desc()).limit(1)
    ).scalar()
    return Freshness(updated=max(stamps).date() if stamps else None, newest_period=newest)
