"""Read deliverables for the /leverancer page, its downloads and its tests.

One row per deliverable with its activity, focus area, responsible parties (lead and co),
due date, overdue flag, status, last change and comment; counts per party × role × status
and per status (the only place they are made); the history of one deliverable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from dashboard import clock
from dashboard.model import (
    Activity,
    Deliverable,
    DeliverableChange,
    DeliverableResponsible,
    FocusArea,
    Party,
    PlanVersion,
)
from dashboard.model.history import CLOSED_STATUSES, DELIVERABLE_STATUSES
from dashboard.queries.budget import NO_AREA, area_label
from dashboard.queries.period import plan_period

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
    "unfinished_at_end",
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


def _table_rows():
    """The SELECT behind ``deliverable_table``: a row per deliverable and responsible party
    (one row with NULL party for a deliverable without any), in plan order. Built once:
    making the statement object costs more than running it on the plan's few rows."""
    parent = aliased(Activity)
    own_area, parent_area = aliased(FocusArea), aliased(FocusArea)
    return (
        select(
            Deliverable.id,
            Deliverable.version,
            Deliverable.text,
            Deliverable.due_text,
            Deliverable.due_date,
            Deliverable.status,
            Deliverable.status_date,
            Deliverable.comment,
            Deliverable.updated_by,
            Deliverable.updated_at,
            Activity.name.label("activity"),
            own_area.id.label("area_id"),
            own_area.number.label("area_number"),
            own_area.name.label("area_name"),
            parent_area.id.label("parent_area_id"),
            parent_area.number.label("parent_area_number"),
            parent_area.name.label("parent_area_name"),
            DeliverableResponsible.party_id,
            DeliverableResponsible.role,
            Party.short_name,
        )
        .join(Activity, Deliverable.activity_id == Activity.id)
        .outerjoin(own_area, Activity.focus_area_id == own_area.id)
        .outerjoin(parent, Activity.parent_id == parent.id)
        .outerjoin(parent_area, parent.focus_area_id == parent_area.id)
        .outerjoin(DeliverableResponsible, DeliverableResponsible.deliverable_id == Deliverable.id)
        .outerjoin(Party, DeliverableResponsible.party_id == Party.id)
        .where(Activity.plan_version_id == bindparam("plan_version_id"))
        .order_by(
            Activity.position, Deliverable.position, Deliverable.id, DeliverableResponsible.position
        )
    )


_TABLE_ROWS = _table_rows()


def deliverable_table(
    session: Session, plan_version_id: int, today: date | None = None
) -> pd.DataFrame:
    """One row per deliverable of the plan version, in plan order (columns: ``COLUMNS``).
    ``lead``/``co`` are party short names joined by ", "; ``party_ids`` lists all of them.

    One SELECT of plain rows, folded here: the ORM object graph this used to load cost
    ~25 ms of every /leverancer callback.

    ``overdue`` is judged on the plan period's ``judged_on`` day (today while it runs, the
    day after its end once it is over); ``unfinished_at_end`` marks a deliverable neither
    done nor dropped when the period is over."""
    period = plan_period(session, plan_version_id, today or clock.today())
    finished = period is not None and period.finished
    judged_on = period.judged_on if period is not None else (today or clock.today())
    rows = session.execute(_TABLE_ROWS, {"plan_version_id": plan_version_id}).all()
    records: list[dict] = []
    for row in rows:
        if not records or records[-1]["id"] != row.id:
            records.append(
                {
                    "id": row.id,
                    "version": row.version,
                    "focus_area": _focus_area_label(row),
                    "activity": row.activity,
                    "text": row.text,
                    "lead": [],
                    "co": [],
                    "party_ids": [],
                    "due_text": row.due_text,
                    "due_date": row.due_date,
                    "overdue": is_overdue(row.due_date, row.status, judged_on),
                    "unfinished_at_end": finished and row.status not in CLOSED_STATUSES,
                    "status": row.status,
                    "status_label": STATUS_LABELS.get(row.status, row.status),
                    "status_date": row.status_date,
                    "comment": row.comment,
                    "updated_by": row.updated_by,
                    "updated_at": row.updated_at,
                }
            )
        if row.party_id is not None:
            record = records[-1]
            record["lead" if row.role == "lead" else "co"].append(row.short_name)
            record["party_ids"].append(row.party_id)
    for record in records:
        record["lead"], record["co"] = ", ".join(record["lead"]), ", ".join(record["co"])
    return pd.DataFrame(records, columns=COLUMNS)


def _focus_area_label(row) -> str:
    """The activity's own focus area, else its parent activity's (a delaktivitet's)."""
    if row.area_id is not None:
        return area_label(row.area_number, row.area_name)
    if row.parent_area_id is not None:
        return area_label(row.parent_area_number, row.parent_area_name)
    return NO_AREA


@dataclass(frozen=True)
class EditableState:
    """What the edit form starts from: the stored status, comment and version, and the
    deliverable's text (the dialog's title)."""

    status: str
    comment: str
    version: int
    text: str = ""


def editable_state(
    session: Session, plan_version_id: int, deliverable_id: int
) -> EditableState | None:
    """The status, comment and version of a deliverable of the plan version; None for one
    of another version or none at all (the form is then left empty)."""
    row = session.execute(
        select(Deliverable.status, Deliverable.comment, Deliverable.version, Deliverable.text)
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
    only_ids: frozenset[int] | None = None  # e.g. "Mine leverancer": the user's party's


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
    if f.only_ids is not None:
        mask &= table["id"].isin(f.only_ids)
    return table[mask]


def _status_count_rows(
    session: Session, plan_version_id: int, deliverable_ids: list[int] | None
) -> list[tuple[str, str, str, int]]:
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
    # Sorted here, not in SQL, so the order is the same whatever the database's collation.
    return sorted(tuple(row) for row in session.execute(query))


def status_counts_by_party(
    session: Session, plan_version_id: int, deliverable_ids: list[int] | None = None
) -> pd.DataFrame:
    """Deliverables per responsible party × role (lead/co) × status.

    Columns ``party``, ``role``, ``status``, ``count``; one row for every combination that
    occurs. A deliverable counts once for each party responsible for it, under that
    party's role, so the ``lead`` rows alone add up to deliverables with a lead.
    ``deliverable_ids`` restricts the count (the page's filters); None counts them all."""
    rows = _status_count_rows(session, plan_version_id, deliverable_ids)
    return pd.DataFrame(rows, columns=["party", "role", "status", "count"]).astype(
        {"count": "int64"}
    )


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
    counts = _status_count_rows(session, plan_version_id, deliverable_ids)
    cells = {(party, role, status): count for party, role, status, count in counts}
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
    unfinished_at_end: int = 0  # neither done nor dropped when the plan's period is over


def status_summary(table: pd.DataFrame) -> StatusSummary:
    """The totals of rows of ``deliverable_table`` (e.g. those ``filter_deliverables`` kept)."""
    found = table["status"].value_counts()
    return StatusSummary(
        deliverables=len(table),
        by_status={code: int(found[code]) for code in STATUS_LABELS if code in found},
        overdue=int(table["overdue"].sum()),
        unfinished_at_end=int(table["unfinished_at_end"].sum()),
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
