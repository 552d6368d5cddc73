"""The action taken on a safety walk's finding: the working group decides what is done, by
which party, by when (optionally paid by a Bylivspulje grant); the responsible party moves it
åben → i gang → udbedret, or turns it down (afvist) with a reason. With history, versioned."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.dates import dmy
from dashboard.model import Party, PoolApplication, Walk, WalkAction
from dashboard.model.base import utcnow
from dashboard.model.walks import ACTION_STATUSES
from dashboard.roles import EDIT_ROLES
from dashboard.services.errors import InvalidEdit, NotAllowed, require_role
from dashboard.services.ownership import covers, is_admin, require_partnership
from dashboard.services.walk_input import MAX_TEXT, check_version, flush, record, text_field
from dashboard.services.walks import WORKING_GROUP_ONLY, known_finding

NOT_YOURS = (
    "Handlingen hører til en anden aktør. Du kan opdatere handlinger, din egen organisation "
    "er ansvarlig for."
)
# The furthest ahead an action may be due, counted from the walk that found the problem: a
# finding is a repair or a change a partnership period (four years in the plans) can carry,
# so a due date further off is a typing error (31.12.9999), not a plan. Counted from the walk
# rather than from the period's end, because a walk can be recorded after the period ended
# and its actions are still due later.
MAX_YEARS_AHEAD = 5

# The moves the responsible party may make; a finished action stays finished (a follow-up
# that finds the problem again reopens it: ``services.walks.record_follow_up``).
MOVES = {
    "aaben": ("i_gang", "udbedret", "afvist"),
    "i_gang": ("udbedret", "afvist"),
    "udbedret": (),
    "afvist": (),
}


def _years_after(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def plan_action(
    session: Session,
    user,
    *,
    partnership_id: int,
    finding_id: int | None,
    what: str,
    party_id: int | None,
    due_on: date | None,
    pool_application_id: int | None = None,
    expected_version: int | None = None,
) -> WalkAction:
    """Set what is done about a finding (any working-group member), or change it (its
    responsible party or the secretariat). Refuses a user outside ``EDIT_ROLES``, a change by
    another party, an unknown finding, party or Bylivspulje application (one of another
    partnership as unknown), an application without a grant, a due date before the walk and
    a stale version."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    finding = known_finding(session, finding_id, partnership_id)
    party = session.get(Party, party_id) if isinstance(party_id, int) else None
    if party is None:
        raise InvalidEdit("Vælg den aktør, der er ansvarlig for handlingen.")
    if not isinstance(due_on, date):
        raise InvalidEdit("Angiv, hvornår handlingen skal være udført.")
    walked_on = session.scalar(select(Walk.walked_on).where(Walk.id == finding.walk_id))
    if due_on < walked_on:
        raise InvalidEdit(
            "Fristen ligger før tryghedsvandringen, der fandt stedet. Ret fristen til en dato "
            "efter vandringen."
        )
    if due_on > (latest := _years_after(walked_on, MAX_YEARS_AHEAD)):
        raise InvalidEdit(
            f"Fristen ligger mere end {MAX_YEARS_AHEAD} år efter tryghedsvandringen. Ret "
            f"fristen til senest {dmy(latest)}."
        )
    action = session.scalar(select(WalkAction).where(WalkAction.finding_id == finding.id))
    if action is not None:
        if not may_update(session, user, action.party_id):
            raise NotAllowed(NOT_YOURS)
        check_version(action, expected_version)
    kept = action is not None and pool_application_id == action.pool_application_id
    if pool_application_id is not None and not kept:
        _granted_application(session, partnership_id, pool_application_id)
    values = {
        "what": text_field(what, "hvad der skal gøres", MAX_TEXT, required=True),
        "party_id": party.id,
        "due_on": due_on,
        "pool_application_id": pool_application_id,
    }
    if action is None:
        action = WalkAction(
            partnership_id=partnership_id,
            finding_id=finding.id,
            updated_by=user.username,
            **values,
        )
        session.add(action)
        flush(session)
        record(session, user, partnership_id, "action", action, "created", {}, values)
    else:
        old = {k: getattr(action, k) for k in values}
        for key, value in values.items():
            setattr(action, key, value)
        action.updated_by, action.updated_at = user.username, utcnow()
        flush(session)
        record(session, user, partnership_id, "action", action, "changed", old, values)
    flush(session)
    return action


def _granted_application(session: Session, partnership_id: int, pool_application_id) -> None:
    """The Bylivspulje application an action is to be paid by: the partnership's own, and
    granted money. A link the action already has is kept as it is (``plan_action``)."""
    application = (
        session.get(PoolApplication, pool_application_id)
        if isinstance(pool_application_id, int)
        else None
    )
    require_partnership(
        application.partnership_id if application else None,
        partnership_id,
        "Ansøgningen til Bylivspuljen",
    )
    # Only money granted pays for anything: an application refused or not yet decided
    # would show the action as paid by the pool when nothing is (``pool_choices``).
    if not (application.amount_granted or 0) > 0:
        raise InvalidEdit(
            f"Ansøgningen »{application.title}« har ikke fået en bevilling fra "
            "Bylivspuljen. Vælg en bevilget ansøgning, eller vælg »Ingen«."
        )


def known_action(session: Session, action_id, partnership_id: int) -> WalkAction:
    action = session.get(WalkAction, action_id) if isinstance(action_id, int) else None
    require_partnership(action.partnership_id if action else None, partnership_id, "Handlingen")
    return action


def may_update(session: Session, user, party_id: int) -> bool:
    """Whether ``user`` may move on an action party ``party_id`` is responsible for: the
    secretariat, or a working-group member of that party (or an organisation above it)."""
    if getattr(user, "role", None) not in EDIT_ROLES:
        return False
    return is_admin(user) or covers(user.party_id, [session.get(Party, party_id)])


def update_action_status(
    session: Session,
    user,
    *,
    partnership_id: int,
    action_id: int | None,
    expected_version: int | None,
    status: str,
    reason: str = "",
) -> WalkAction:
    """Move an action on (``MOVES``); turning it down needs a reason. Refuses a user who is
    not of the responsible party (the secretariat may), a move the action cannot make and a
    stale version."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    action = known_action(session, action_id, partnership_id)
    if not may_update(session, user, action.party_id):
        raise NotAllowed(NOT_YOURS)
    check_version(action, expected_version)
    if status not in ACTION_STATUSES:
        raise InvalidEdit("Vælg handlingens status: åben, i gang, udbedret eller afvist.")
    if status not in MOVES[action.status]:
        raise InvalidEdit(
            f"En handling, der er »{ACTION_STATUSES[action.status].lower()}«, kan ikke "
            f"sættes til »{ACTION_STATUSES[status].lower()}«."
        )
    reason = text_field(reason, "begrundelsen for afvisningen", MAX_TEXT, required=False)
    if status == "afvist" and not reason:
        raise InvalidEdit("Skriv, hvorfor handlingen afvises.")
    values = {"status": status, "reason": reason if status == "afvist" else action.reason}
    old = {k: getattr(action, k) for k in values}
    action.status, action.reason = values["status"], values["reason"]
    action.updated_by, action.updated_at = user.username, utcnow()
    flush(session)
    record(session, user, partnership_id, "action", action, "status", old, values)
    flush(session)
    return action
