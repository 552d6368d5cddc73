"""Writes to deliverables: the working group's status updates, with history and a version.

Two people may open the same deliverable and both press save. The database decides who
was first (``UPDATE … WHERE version = expected`` via SQLAlchemy's ``version_id_col``); the
other gets ``StaleEdit`` carrying what is stored now and who stored it, and nothing of
theirs is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dashboard import clock
from dashboard.dates import FORMAT_HINT, dmy
from dashboard.model import Deliverable, DeliverableChange, PlanVersion
from dashboard.model.base import utcnow
from dashboard.model.history import DELIVERABLE_STATUSES
from dashboard.roles import EDIT_ROLES
from dashboard.services.errors import EditRefused, InvalidEdit, require_role
from dashboard.services.ownership import (
    editable_deliverable,
    revision_in_force,
    stated_period,
)

MAX_COMMENT_LENGTH = 2000


@dataclass(frozen=True)
class StoredState:
    """What a deliverable holds now: the values a refused stale edit must be shown."""

    version: int
    status: str
    comment: str
    status_date: date | None
    updated_by: str | None
    updated_at: datetime | None


class StaleEdit(EditRefused):
    """Someone saved the deliverable after the user loaded it."""

    def __init__(self, current: StoredState):
        who = current.updated_by or "en anden"
        super().__init__(
            f"Leverancen er ændret af {who}, efter du åbnede den. "
            "Se den nye status, og gem igen, hvis din ændring stadig er rigtig."
        )
        self.current = current


def _stored_state(deliverable: Deliverable) -> StoredState:
    return StoredState(
        version=deliverable.version,
        status=deliverable.status,
        comment=deliverable.comment,
        status_date=deliverable.status_date,
        updated_by=deliverable.updated_by,
        updated_at=deliverable.updated_at,
    )


def _validate(status: str, comment: str, status_date: date | None) -> str:
    if status not in DELIVERABLE_STATUSES:
        raise InvalidEdit("Vælg en gyldig status.")
    if not isinstance(status_date, date):
        raise InvalidEdit(f"Angiv datoen for statussen. {FORMAT_HINT}")
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidEdit(f"Kommentaren må højst være {MAX_COMMENT_LENGTH} tegn.")
    return comment


def status_date_range(session: Session, plan_version_id: int) -> tuple[date, date]:
    """The days a status of the plan may be dated: from 1 January of the year before the plan
    year (plans are approved the autumn before) to today in Copenhagen, never in the future,
    and never after the last day of the plan's partnership period (what is done later is not
    the period's work). A plan that states no period runs until today."""
    plan_year = session.get(PlanVersion, plan_version_id).year
    latest = clock.today()
    if (stated := stated_period(session, plan_version_id)) is not None:
        latest = min(latest, date(stated[1], 12, 31))
    return date(plan_year - 1, 1, 1), latest


def default_status_day(session: Session, partnership_id: int) -> date:
    """The status date an edit form starts with: the latest day a save accepts, today while
    the period of the plan in force runs, its last day once it has ended (today is refused)."""
    version_id = revision_in_force(session, partnership_id)
    return status_date_range(session, version_id)[1] if version_id else clock.today()


def _plausible_date(session: Session, status_date: date, plan_version_id: int) -> None:
    earliest, latest = status_date_range(session, plan_version_id)
    if not earliest <= status_date <= latest:
        last = (
            f"i dag ({dmy(latest)})"
            if latest == clock.today()
            else f"{dmy(latest)}, partnerskabsperiodens sidste dag"
        )
        raise InvalidEdit(f"Statusdatoen skal ligge mellem {dmy(earliest)} og {last}.")


def set_deliverable_status(
    session: Session,
    user,
    deliverable_id: int,
    expected_version: int,
    status: str,
    comment: str,
    status_date: date | None,
    *,
    partnership_id: int,
) -> DeliverableChange:
    """Apply one status edit in the caller's transaction and return its history row.

    Refuses (``NotAllowed``) a user who is not an active arbejdsgruppe/admin member or whose
    party is not responsible for the deliverable, (``InvalidEdit``) an unknown deliverable
    or one of another partnership than ``partnership_id`` (in the same words), an unknown
    status, a missing date or one outside ``status_date_range``, an over-long comment, a
    deliverable of a superseded plan revision, or an edit that changes nothing, and
    (``StaleEdit``) an edit made against an older version than the stored one. A refusal
    writes nothing.
    """
    require_role(user, EDIT_ROLES, "Du har ikke adgang til at ændre leverancer.")
    comment = _validate(status, comment, status_date)
    deliverable = editable_deliverable(session, user, deliverable_id, partnership_id=partnership_id)
    _plausible_date(session, status_date, deliverable.activity.plan_version_id)
    if deliverable.version != expected_version:
        raise StaleEdit(_stored_state(deliverable))
    if (status, comment, status_date) == (
        deliverable.status,
        deliverable.comment,
        deliverable.status_date,
    ):
        raise InvalidEdit("Intet er ændret.")
    change = DeliverableChange(
        deliverable_id=deliverable.id,
        version=expected_version + 1,
        changed_by=user.username,
        user_id=user.id,
        old_status=deliverable.status,
        new_status=status,
        old_comment=deliverable.comment,
        new_comment=comment,
        old_status_date=deliverable.status_date,
        new_status_date=status_date,
    )
    deliverable.status = status
    deliverable.comment = comment
    deliverable.status_date = status_date
    deliverable.updated_by = user.username
    deliverable.updated_at = utcnow()
    try:
        # The UPDATE goes first and carries "WHERE version = <the version we read>": if
        # another transaction got there first it matches no row and SQLAlchemy raises.
        session.flush()
        # Unique (deliverable, version): a second guard should two edits claim one step.
        session.add(change)
        session.flush()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise StaleEdit(_stored_state(_reload(session, deliverable_id))) from None
    return change


def _reload(session: Session, deliverable_id: int) -> Deliverable:
    session.expire_all()
    return session.get(Deliverable, deliverable_id)
