"""Bylivspuljen as the pages, the meeting views and open data read it: applications by state
(modtaget → indstillet → besluttet → afrapporteret), the recommendations waiting for the
committee, the year's money (summed in ``dashboard.model.bylivspulje.pool_money``) and the
granted projects the public may see (no personal data: no names are stored at all)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import (
    BudgetLine,
    Meeting,
    Partnership,
    PlanVersion,
    PoolApplication,
    PoolChange,
    PoolRecommendation,
)
from dashboard.model.bylivspulje import (
    APPLICANT_KINDS,
    POOL_BUDGET_LABEL,
    POOL_USES,
    RECEIVED_VIA,
    PoolMoney,
    pool_money,
    pool_money_by_year,
)
from dashboard.queries.history import ChangeRow, newest_changes
from dashboard.queries.transaction_memo import per_transaction

# The states an application moves through, in order.
STATES = ("modtaget", "indstillet", "besluttet", "afrapporteret")

__all__ = ["PoolMoney", "STATES", "pool_money", "pool_money_by_year"]


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    version: int
    year: int
    title: str
    purpose: str
    use: str
    use_label: str
    applicant: str
    organisation: str
    amount_asked: int
    place: str | None
    received_on: date
    received_via: str
    state: str
    recommendation_id: int | None
    package: str | None  # the recommendation as users name it ("pakke 2 (2017)")
    recommended_for: bool | None
    recommended_amount: int | None
    amount_granted: int | None
    decided_on: date | None
    decided_where: str | None
    carried_out: bool | None
    amount_spent: int | None
    report: str
    lon: float | None = None
    lat: float | None = None


@dataclass(frozen=True)
class WaitingRecommendation:
    id: int
    version: int
    year: int
    in_favour: bool
    amount: int
    reason: str
    recommended_on: date
    applications: tuple[ApplicationRow, ...]
    label: str = ""  # "pakke 2 (2017)"


def package_label(number: int, year: int) -> str:
    return f"pakke {number} ({year})"


@per_transaction
def package_labels(session: Session, partnership_id: int) -> Mapping[int, str]:
    """Each of the partnership's recommendations by the name users know it by: numbered
    within its year in the order they were made, "pakke 2 (2017)" (a database id means
    nothing to them). Recommendations are never deleted, so a package keeps its number.
    Read once per transaction: the applications, the waiting packages and the history all
    name them."""
    labels: dict[int, str] = {}
    counts: dict[int, int] = {}
    rows = session.execute(
        select(PoolRecommendation.id, PoolRecommendation.year)
        .where(PoolRecommendation.partnership_id == partnership_id)
        .order_by(PoolRecommendation.id)
    )
    for rec_id, year in rows:
        counts[year] = counts.get(year, 0) + 1
        labels[rec_id] = package_label(counts[year], year)
    return MappingProxyType(labels)


def _state(application: PoolApplication, recommendation: PoolRecommendation | None) -> str:
    if application.reported_on is not None:
        return "afrapporteret"
    if recommendation is not None and recommendation.decided_on is not None:
        return "besluttet"
    return "modtaget" if recommendation is None else "indstillet"


def _where(recommendation: PoolRecommendation | None, meeting: Meeting | None) -> str | None:
    if recommendation is None or recommendation.decided_on is None:
        return None
    return meeting.title if meeting is not None else "Skriftligt mellem møderne"


def applications(
    session: Session, partnership_id: int, year: int | None = None, state: str | None = None
) -> list[ApplicationRow]:
    """The partnership's applications (of ``year``, in ``state`` when given), newest first."""
    query = (
        select(PoolApplication, PoolRecommendation, Meeting)
        .outerjoin(PoolRecommendation, PoolApplication.recommendation_id == PoolRecommendation.id)
        .outerjoin(Meeting, PoolRecommendation.meeting_id == Meeting.id)
        .where(PoolApplication.partnership_id == partnership_id)
        .order_by(PoolApplication.received_on.desc(), PoolApplication.id.desc())
    )
    if year is not None:
        query = query.where(PoolApplication.year == year)
    labels = package_labels(session, partnership_id)
    rows = [_row(a, r, m, labels) for a, r, m in session.execute(query)]
    return [row for row in rows if state is None or row.state == state]


def _row(
    a: PoolApplication, r: PoolRecommendation | None, m: Meeting | None, labels: dict[int, str]
) -> ApplicationRow:
    return ApplicationRow(
        id=a.id,
        version=a.version,
        year=a.year,
        title=a.title,
        purpose=a.purpose,
        use=a.use,
        use_label=POOL_USES.get(a.use, a.use),
        applicant=APPLICANT_KINDS.get(a.applicant_kind, a.applicant_kind),
        organisation=a.organisation,
        amount_asked=a.amount_asked,
        place=a.place,
        received_on=a.received_on,
        received_via=RECEIVED_VIA.get(a.received_via, a.received_via),
        state=_state(a, r),
        recommendation_id=r.id if r else None,
        package=labels.get(r.id) if r else None,
        recommended_for=r.in_favour if r else None,
        recommended_amount=r.amount if r else None,
        amount_granted=a.amount_granted,
        decided_on=r.decided_on if r else None,
        decided_where=_where(r, m),
        carried_out=a.carried_out,
        amount_spent=a.amount_spent,
        report=a.report,
        lon=a.lon,
        lat=a.lat,
    )


def waiting_recommendations(
    session: Session,
    partnership_id: int,
    year: int | None = None,
    *,
    recommended_by: date | None = None,
) -> list[WaitingRecommendation]:
    """Recommendations the committee has not decided yet, oldest first, each with its
    package of applications; with ``recommended_by`` only those made on or before that day
    (what a meeting that day can decide)."""
    query = (
        select(PoolRecommendation)
        .where(
            PoolRecommendation.partnership_id == partnership_id,
            PoolRecommendation.decided_on.is_(None),
        )
        .order_by(PoolRecommendation.recommended_on, PoolRecommendation.id)
    )
    if year is not None:
        query = query.where(PoolRecommendation.year == year)
    if recommended_by is not None:
        query = query.where(PoolRecommendation.recommended_on <= recommended_by)
    found = []
    labels = package_labels(session, partnership_id)
    for rec in session.scalars(query):
        package = session.scalars(
            select(PoolApplication)
            .where(PoolApplication.recommendation_id == rec.id)
            .order_by(PoolApplication.id)
        )
        found.append(
            WaitingRecommendation(
                id=rec.id,
                version=rec.version,
                year=rec.year,
                in_favour=rec.in_favour,
                amount=rec.amount,
                reason=rec.reason,
                recommended_on=rec.recommended_on,
                applications=tuple(_row(a, rec, None, labels) for a in package),
                label=labels.get(rec.id, ""),
            )
        )
    return found


def pool_years(session: Session, partnership_id: int) -> list[int]:
    """Years the pool has a budget line in any of the partnership's plan revisions, or an
    application: the years the page offers."""
    lines = session.scalars(
        select(BudgetLine.year)
        .join(PlanVersion, BudgetLine.plan_version_id == PlanVersion.id)
        .where(PlanVersion.partnership_id == partnership_id, BudgetLine.label == POOL_BUDGET_LABEL)
    )
    applied = session.scalars(
        select(PoolApplication.year).where(PoolApplication.partnership_id == partnership_id)
    )
    return sorted(set(lines) | set(applied))


def pool_history(session: Session, partnership_id: int, limit: int = 50) -> list[ChangeRow]:
    """The newest changes of the partnership's pool (who, when, what, old → new); the
    package a change is about named as ``package_labels`` names it, as the page names the
    packages the changes' ids point to."""
    rows = newest_changes(session, PoolChange, partnership_id, limit)
    applied = {r.entity_id for r in rows if r.entity == "application"}
    titles = {
        row.id: row.title
        for row in session.execute(
            select(PoolApplication.id, PoolApplication.title).where(PoolApplication.id.in_(applied))
        )
    }
    labels = package_labels(session, partnership_id)
    return [
        ChangeRow.of(
            r,
            f"»{titles.get(r.entity_id, '')}«"
            if r.entity == "application"
            else labels.get(r.entity_id, ""),
        )
        for r in rows
    ]


# The public list's columns, in order; open data adds ``partnership`` first.
PUBLIC_COLUMNS = ("year", "title", "use", "amount", "place", "lon", "lat")


# A resident's application may point at the door of their stairway: the public gets the
# point to three decimals (about 100 m by 60 m here), enough to find the place on a map.
PUBLIC_DEGREE_DECIMALS = 3


def _public_degree(value: float | None) -> float | None:
    return None if value is None else round(value, PUBLIC_DEGREE_DECIMALS)


def granted_projects(session: Session, partnership_id: int | None = None) -> list[dict]:
    """Projects granted money (amount above 0) by a decision, for the public: title, use,
    amount, place (and its point on the map rounded to about 100 m, or None) and year, and
    the partnership's slug. Applicant kind, organisation, purpose and reports stay
    internal."""
    query = (
        select(PoolApplication, Partnership.slug)
        .join(Partnership, PoolApplication.partnership_id == Partnership.id)
        .join(PoolRecommendation, PoolApplication.recommendation_id == PoolRecommendation.id)
        .where(PoolRecommendation.decided_on.is_not(None), PoolApplication.amount_granted > 0)
        .order_by(Partnership.slug, PoolApplication.year, PoolApplication.id)
    )
    if partnership_id is not None:
        query = query.where(PoolApplication.partnership_id == partnership_id)
    return [
        {
            "partnership": slug,
            "year": a.year,
            "title": a.title,
            "use": POOL_USES.get(a.use, a.use),
            "amount": a.amount_granted,
            "place": a.place or "",
            "lon": _public_degree(a.lon),
            "lat": _public_degree(a.lat),
        }
        for a, slug in session.execute(query)
    ]
