"""The committee's decision on Bylivspuljen taken at a meeting (recorded from /moede, or on
/bylivspuljen with a meeting chosen): dated the meeting's day and written to its decision
log, through ``record_decision``. A decision in writing between meetings goes to
``record_decision`` directly."""

from __future__ import annotations

from babel.dates import format_date
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.model import Meeting, PoolRecommendation
from dashboard.roles import POOL_DECISION_ROLES
from dashboard.services.bylivspulje import COMMITTEE_ONLY, record_decision
from dashboard.services.errors import InvalidEdit, require_role
from dashboard.services.ownership import require_partnership


def _day(value) -> str:
    return format_date(value, "d. MMMM y", locale="da_DK")


def decide_at_meeting(
    session: Session,
    user,
    *,
    partnership_id: int,
    meeting_id: int | None,
    recommendation_id: int | None,
    expected_version: int | None,
    grants: dict[int, object],
    frame_raised: bool = False,
    note: str = "",
) -> PoolRecommendation:
    """Record the decision on a recommendation taken at the steering committee's meeting
    ``meeting_id``: dated the meeting's day, in the meeting's decision log.

    Refuses what ``record_decision`` refuses (a user outside ``POOL_DECISION_ROLES``, a
    meeting of another body or partnership, a grant above what is left unless the frame is
    raised, a stale version …), and also a meeting that has not been held yet and a
    recommendation made after the meeting: a decision cannot come before either."""
    require_role(user, POOL_DECISION_ROLES, COMMITTEE_ONLY)
    meeting = session.get(Meeting, meeting_id) if isinstance(meeting_id, int) else None
    if meeting_id is None:
        raise InvalidEdit("Vælg mødet, hvor beslutningen er truffet.")
    require_partnership(meeting.partnership_id if meeting else None, partnership_id, "Mødet")
    if meeting.date > clock.today():
        raise InvalidEdit(
            f"Mødet er {_day(meeting.date)} og er ikke holdt endnu. Registrér beslutningen "
            "på mødedagen eller senere."
        )
    recommendation = (
        session.get(PoolRecommendation, recommendation_id)
        if isinstance(recommendation_id, int)
        else None
    )
    if (
        recommendation is not None
        and recommendation.partnership_id == partnership_id
        and recommendation.recommended_on > meeting.date
    ):
        raise InvalidEdit(
            f"Indstillingen er fra {_day(recommendation.recommended_on)}, efter mødet "
            f"{_day(meeting.date)}. Vælg det møde, hvor den er besluttet."
        )
    return record_decision(
        session,
        user,
        partnership_id=partnership_id,
        recommendation_id=recommendation_id,
        expected_version=expected_version,
        grants=grants,
        decided_on=meeting.date,
        meeting_id=meeting.id,
        frame_raised=frame_raised,
        note=note,
    )
