"""Read deliverables for the /leverancer page, its downloads and its tests.

One row per deliverable with its activity, focus area, responsible parties (lead and co),
due date, overdue flag, status, last change and comment; counts per party × role × status
and per status (the only place they are made); the history of one deliverable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from dashboard import clock
from dashboard.model import (
    Activity,
    Deliverable,
    DeliverableChange,
    DeliverableResponsible,
    Party,
    PlanVersion,
)
from dashboard.model.history import CLOSED_STATUSES, DELIVERABLE_STATUSES

STATUS_LABELS = {
    "not_started": "ikke startet",
    "in_progress": "i gang",
    "delayed": "forsinket",
    "done": "afsluttet",
    "dropped": "opgivet",
}
assert set(STATUS_LABELS) == set(DELIVERABLE_STATUSES)

COLUMNS = [
    "id",
    "version",
    "focus_area",
    "activity",
    "text",
    "lead",
    "co",
    "party_ids",
    "due_text",
    "due_date",
    "overdue",
    "status",
    "status_label",
    "status_date",
    "comment",
    "updated_by",
    "updated_at",
]


def is_overdue(due_date: date | None, status: str, today: date) -> bool:
    """Due before today and neither done nor dropped."""
    return due_date is not None and due_date < today and status not in CLOSED_STATUSES


def _focus_area_label(activity: Activity) -> str:
    area = activity.focus_area or (activity.parent.focus_area if activity.parent else None)
    if area is None:
        return "Uden indsatsområde"
    return f"{area.number}. {area.name}" if area.number is not None else area.name


def deliverable_table(
    session: Session, plan_version_id: int, today: date | None = None
) -> pd.DataFrame:
    """One row per deliverable of the plan version, in plan order (columns: ``COLUMNS``).
    ``lead``/``co`` are party short names joined by ", "; ``party_ids`` lists all of them."""
    today = today or clock.today()
    deliverables = session.scalars(
        select(Deliverable)
        .join(Activity)
        .where(Activity.plan_version_id == plan_version_id)
        .order_by(Activity.position, Deliverable.position)
        .options(
            selectinload(Deliverable.activity).options(
                selectinload(Activity.focus_area),
                selectinload(Activity.parent).selectinload(Activity.focus_area),
            ),
            selectinload(Deliverable.responsible).selectinload(DeliverableResponsible.party),
        )
    )
    rows = []
    for d in deliverables:
        rows.append(
            {
                "id": d.id,
                "version": d.version,
                "focus_area": _focus_area_label(d.activity),
                "activity": d.activity.name,
                "text": d.text,
                "lead": ", ".join(r.party.short_name for r in d.responsible if r.role == "lead"),
                "co": ", ".join(r.party.short_name for r in d.responsible if r.role != "lead"),
                "party_ids": [r.party_id for r in d.responsible],
                "due_text": d.due_text,
                "due_date": d.due_date,
                "overdue": is_overdue(d.due_date, d.status, today),
                "status": d.status,
                "status_label": STATUS_LABELS.get(d.status, d.status),
                "status_date": d.status_date,
                "comment": d.comment,
                "updated_by": d.updated_by,
                "updated_at": d.updated_at,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


@dataclass(frozen=True)
class EditableState:
    """What the edit form starts from: the stored status, comment and version."""

    status: str
    comment: str
    version: int


def editable_state(
    session: Session, plan_version_id: int, deliverable_id: int
) -> EditableState | None:
    """The status, comment and version of a deliverable of the plan version; None for one
    of another version or none at all (the form is then left empty)."""
    row = session.execute(
        select(Deliverable.status, Deliverable.comment, Deliverable.version)
        .join(Activity, Deliverable.activity_id == Activity.id)
        .where(Deliverable.id == deliverable_id, Activity.plan_version_id == plan_version_id)
    ).first()
    return None if row is None else EditableState(*row)


@dataclass(frozen=True)
class DeliverableFilter:
    """The page's filters; ``None``/empty means "all"."""

    focus_area: str | None = None
    activity: str | None = None
    party_id: int | None = None
    status: str | None = None
    overdue_only: bool = False


def filter_deliverables(table: pd.DataFrame, f: DeliverableFilter) -> pd.DataFrame:
    """The rows of ``deliverable_table`` that pass every filter that is set."""
    mask = pd.Series(True, index=table.index)
    if f.focus_area:
        mask &= table["focus_area"] == f.focus_area
    if f.activity:
        mask &= table["activity"] == f.activity
    if f.party_id is not None:
        mask &= table["party_ids"].apply(lambda ids: f.party_id in ids)
    if f.status:
        mask &= table["status"] == f.status
    if f.overdue_only:
        mask &= table["overdue"]
    return table[mask]


def status_counts_by_party(
    session: Session, plan_version_id: int, deliverable_ids: list[int] | None = None
) -> pd.DataFrame:
    """Deliverables per responsible party × role (lead/co) × status.

    Columns ``party``, ``role``, ``status``, ``count``; one row for every combination that
    occurs. A deliverable counts once for each party responsible for it, under that
    party's role, so the ``lead`` rows alone add up to deliverables with a lead.
    ``deliverable_ids`` restricts the count (the page's filters); None counts them all."""
    query = (
        select(Party.short_name, DeliverableResponsible.role, Deliverable.status, func.count())
        .select_from(DeliverableResponsible)
        .join(Party, DeliverableResponsible.party_id == Party.id)
        .join(Deliverable, DeliverableResponsible.deliverable_id == Deliverable.id)
        .join(Activity, Deliverable.activity_id == Activity.id)
        .where(Activity.plan_version_id == plan_version_id)
        .group_by(Party.short_name, DeliverableResponsible.role, Deliverable.status)
    )
    if deliverable_ids is not None:
        query = query.where(Deliverable.id.in_(deliverable_ids))
    frame = pd.DataFrame(
        session.execute(query).all(), columns=["party", "role", "status", "count"]
    ).astype({"count": "int64"})
    # Sorted here, not in SQL, so the order is the same whatever the database's collation.
    return frame.sort_values(["party", "role", "status"], ignore_index=True)


@dataclass(frozen=True)
class StatusRow:
    """One party in one role: its deliverables per status, in ``STATUS_LABELS`` order, and
    in all."""

    party: str
    role: str  # lead | co
    counts: list[int]
    total: int


@dataclass(frozen=True)
class StatusMatrix:
    """The party × role × status table that /leverancer and the meeting pack show."""

    rows: list[StatusRow]  # by party, then role
    by_party: dict[str, list[int]]  # lead and co together, per status: the chart's bars


def status_matrix(
    session: Session, plan_version_id: int, deliverable_ids: list[int] | None = None
) -> StatusMatrix:
    """``status_counts_by_party`` as a table: a row per party and role that occurs, a count
    for every status (0 where none), the row's total, and each party's counts over both
    roles. ``deliverable_ids`` restricts it like there."""
    counts = status_counts_by_party(session, plan_version_id, deliverable_ids)
    cells = {(r.party, r.role, r.status): int(r.count) for r in counts.itertuples()}
    rows = []
    by_party: dict[str, list[int]] = {}
    for party, role in sorted({(party, role) for party, role, _status in cells}):
        row = [cells.get((party, role, status), 0) for status in STATUS_LABELS]
        rows.append(StatusRow(party, role, row, sum(row)))
        both = by_party.setdefault(party, [0] * len(row))
        by_party[party] = [a + b for a, b in zip(both, row, strict=True)]
    return StatusMatrix(rows, by_party)


@dataclass(frozen=True)
class StatusSummary:
    """Deliverables (each once, whoever answers for it) in all, per status that occurs (in
    ``STATUS_LABELS`` order) and how many are overdue."""

    deliverables: int
    by_status: dict[str, int]
    overdue: int


def status_summary(table: pd.DataFrame) -> StatusSummary:
    """The totals of rows of ``deliverable_table`` (e.g. those ``filter_deliverables`` kept)."""
    found = table["status"].value_counts()
    return StatusSummary(
        deliverables=len(table),
        by_status={code: int(found[code]) for code in STATUS_LABELS if code in found},
        overdue=int(table["overdue"].sum()),
    )


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: datetime
    changed_by: str
    old_status: str
    new_status: str
    old_comment: str
    new_comment: str
    old_status_date: date | None
    new_status_date: date | None


def deliverable_history(
    session: Session, partnership_id: int, deliverable_id: int
) -> list[HistoryEntry]:
    """Every applied edit of one of the partnership's deliverables, newest first (none for a
    deliverable of another partnership)."""
    changes = session.scalars(
        select(DeliverableChange)
        .join(Deliverable, Deliverable.id == DeliverableChange.deliverable_id)
        .join(Activity, Activity.id == Deliverable.activity_id)
        .join(PlanVersion, PlanVersion.id == Activity.plan_version_id)
        .where(
            DeliverableChange.deliverable_id == deliverable_id,
            PlanVersion.partnership_id == partnership_id,
        )
        .order_by(DeliverableChange.version.desc())
    )
    return [
        HistoryEntry(
            c.changed_at,
            c.changed_by,
            c.old_status,
            c.new_status,
            c.old_comment,
            c.new_comment,
            c.old_status_date,
            c.new_status_date,
        )
        for c in changes
    ]


@dataclass(frozen=True)
class ResponsibleParty:
    id: int
    short_name: str
    name: str


def responsible_parties(session: Session, plan_version_id: int) -> list[ResponsibleParty]:
    """Parties responsible for at least one deliverable of the plan version, by short name."""
    links = session.scalars(
        select(DeliverableResponsible)
        .join(Deliverable, DeliverableResponsible.deliverable_id == Deliverable.id)
        .join(Activity, Deliverable.activity_id == Activity.id)
        .where(Activity.plan_version_id == plan_version_id)
        .options(selectinload(DeliverableResponsible.party))
    )
    parties = {link.party.id: link.party for link in links}
    return sorted(
        (ResponsibleParty(p.id, p.short_name, p.name) for p in parties.values()),
        key=lambda p: p.short_name.lower(),
    )
