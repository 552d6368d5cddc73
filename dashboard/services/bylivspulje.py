"""Bylivspuljen's cycle, written with history: the working group registers an application
and recommends (one recommendation may package several applications), the steering
committee decides (at a meeting, then also in the meeting's decision log, or in writing),
the working group records the follow-up.

Every write acts in one partnership: an application, recommendation or meeting of another
is refused as unknown. A refusal writes nothing (the caller's transaction is left as it
was: every check runs before the first change)."""

from __future__ import annotations

from datetime import date
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Meeting, PoolApplication, PoolChange, PoolRecommendation
from dashboard.model.base import utcnow
from dashboard.model.bylivspulje import (
    APPLICANT_KINDS,
    POOL_USES,
    RECEIVED_VIA,
    decision_text,
    pool_line,
    pool_money,
)
from dashboard.numbers import end_sentence
from dashboard.roles import EDIT_ROLES, POOL_DECISION_ROLES
from dashboard.services.bylivspulje_input import (
    MAX_ORGANISATION,
    MAX_PLACE,
    MAX_TEXT,
    MAX_TITLE,
    date_field,
    optional_point,
    pool_days,
    pool_year,
    text_field,
)
from dashboard.services.change_log import StaleEdit, flush_or_refuse, record_change
from dashboard.services.errors import InvalidEdit, require_role
from dashboard.services.kroner import kroner, parse_amount
from dashboard.services.meetings import add_decision
from dashboard.services.ownership import require_known_partnership, require_partnership

WORKING_GROUP_ONLY = "Ansøgninger, indstillinger og opfølgning registreres af arbejdsgruppen."
COMMITTEE_ONLY = "Bylivspuljens bevillinger registreres af styregruppen eller sekretariatet."


class StalePool(StaleEdit):
    """Someone changed the application or recommendation after the user opened it."""


_record = partial(record_change, PoolChange)
_flush = partial(flush_or_refuse, stale=StalePool)


APPLICATION_FIELDS = (
    "year",
    "title",
    "purpose",
    "use",
    "applicant_kind",
    "organisation",
    "amount_asked",
    "place",
    "lon",
    "lat",
    "received_on",
    "received_via",
)


def register_application(
    session: Session,
    user,
    *,
    partnership_id: int,
    year: int,
    title: str,
    purpose: str,
    use: str,
    applicant_kind: str,
    organisation: str,
    amount_asked,
    place: str | None,
    received_on: date | None,
    received_via: str,
    lon=None,
    lat=None,
) -> PoolApplication:
    """Register an application as received (state "modtaget"). Refuses a user outside
    ``EDIT_ROLES``, a use, applicant kind or channel outside the plan's lists, an
    empty, negative or absurd amount asked, a day received outside ``pool_days``, and a
    point on the map (``lon``, ``lat``: optional) given by one number only or outside the
    partnership's area."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    require_known_partnership(session, partnership_id)
    lon, lat = optional_point(session, partnership_id, lon, lat)
    values = {
        "year": pool_year(year),
        "title": text_field(title, "ansøgningens titel", MAX_TITLE, required=True),
        "purpose": text_field(purpose, "formålet", MAX_TEXT, required=True),
        "use": use,
        "applicant_kind": applicant_kind,
        "organisation": text_field(
            organisation, "organisationen", MAX_ORGANISATION, required=False
        ),
        "amount_asked": parse_amount(amount_asked, "det ansøgte beløb", allow_zero=False),
        "place": text_field(place, "stedet", MAX_PLACE, required=False) or None,
        "lon": lon,
        "lat": lat,
        "received_on": date_field(
            received_on, "modtagelsesdatoen", pool_days(session, partnership_id)
        ),
        "received_via": received_via,
    }
    if use not in POOL_USES:
        raise InvalidEdit("Vælg, hvad ansøgningen skal bruges til, blandt planens formål.")
    if applicant_kind not in APPLICANT_KINDS:
        raise InvalidEdit("Vælg ansøgertype: personale, beboer, nabo eller forening.")
    if received_via not in RECEIVED_VIA:
        raise InvalidEdit(
            "Vælg, om ansøgningen er kommet via arbejdsgruppen eller referencegruppen."
        )
    application = PoolApplication(partnership_id=partnership_id, updated_by=user.username, **values)
    session.add(application)
    _flush(session)
    _record(session, user, partnership_id, "application", application, "created", {}, values)
    _flush(session)
    return application


def _application(session: Session, application_id, partnership_id: int) -> PoolApplication:
    application = (
        session.get(PoolApplication, application_id) if isinstance(application_id, int) else None
    )
    require_partnership(
        application.partnership_id if application else None, partnership_id, "Ansøgningen"
    )
    return application


def recommend(
    session: Session,
    user,
    *,
    partnership_id: int,
    application_ids: list[int],
    in_favour: bool,
    amount,
    reason: str,
    recommended_on: date | None,
) -> PoolRecommendation:
    """Record the working group's recommendation on one application or a package of several
    (state "indstillet"). Refuses a user outside ``EDIT_ROLES``, no application, an
    application already recommended, applications of different years, an amount
    negative, absurd or (for a recommendation in favour) zero, and a day outside
    ``pool_days``."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    if not application_ids:
        raise InvalidEdit("Vælg den eller de ansøgninger, indstillingen gælder.")
    applications = [
        _application(session, i, partnership_id) for i in dict.fromkeys(application_ids)
    ]
    if any(a.recommendation_id is not None for a in applications):
        raise InvalidEdit("En af ansøgningerne er allerede indstillet.")
    years = {a.year for a in applications}
    if len(years) > 1:
        raise InvalidEdit("En pakke kan kun samle ansøgninger fra samme år.")
    if not isinstance(in_favour, bool):
        raise InvalidEdit("Vælg, om arbejdsgruppen indstiller for eller imod.")
    values = {
        "year": years.pop(),
        "in_favour": in_favour,
        "amount": parse_amount(amount, "det indstillede beløb", allow_zero=not in_favour),
        "reason": text_field(reason, "begrundelsen", MAX_TEXT, required=True),
        "recommended_on": date_field(
            recommended_on, "datoen for indstillingen", pool_days(session, partnership_id)
        ),
    }
    recommendation = PoolRecommendation(
        partnership_id=partnership_id, updated_by=user.username, **values
    )
    session.add(recommendation)
    _flush(session)
    values["applications"] = [a.id for a in applications]
    _record(session, user, partnership_id, "recommendation", recommendation, "created", {}, values)
    for application in applications:
        application.recommendation_id = recommendation.id
        application.updated_by, application.updated_at = user.username, utcnow()
    _flush(session)
    _record_each(session, user, partnership_id, applications, "recommended", "recommendation_id")
    return recommendation


def _recommendation(session: Session, recommendation_id, partnership_id: int):
    found = (
        session.get(PoolRecommendation, recommendation_id)
        if isinstance(recommendation_id, int)
        else None
    )
    if found is None:
        raise InvalidEdit(
            "En beslutning kræver en indstilling fra arbejdsgruppen. Vælg indstillingen."
        )
    require_partnership(found.partnership_id, partnership_id, "Indstillingen")
    return found


def _package(session: Session, recommendation_id: int) -> list[PoolApplication]:
    return list(
        session.scalars(
            select(PoolApplication)
            .where(PoolApplication.recommendation_id == recommendation_id)
            .order_by(PoolApplication.id)
        )
    )


def record_decision(
    session: Session,
    user,
    *,
    partnership_id: int,
    recommendation_id: int | None,
    expected_version: int | None,
    grants: dict[int, object],
    decided_on: date | None,
    meeting_id: int | None,
    in_writing: bool = False,
    frame_raised: bool = False,
    note: str = "",
) -> PoolRecommendation:
    """Record the committee's decision on a recommendation: an amount granted for each of
    its applications (0 refuses one), at a meeting (also written to the meeting's decision
    log, linked to the year's Bylivspuljen budget line) or in writing between meetings.

    Refuses a user outside ``POOL_DECISION_ROLES``; a decision without a recommendation, or
    on one already decided; a grant missing for an application of the package, negative or
    absurd; a total above the money left unless ``frame_raised`` (then the frame is raised
    by the excess); neither a meeting nor "in writing"; a day outside ``pool_days``; a stale
    version."""
    require_role(user, POOL_DECISION_ROLES, COMMITTEE_ONLY)
    recommendation = _recommendation(session, recommendation_id, partnership_id)
    if recommendation.decided_on is not None:
        raise InvalidEdit("Indstillingen er allerede besluttet.")
    if expected_version is not None and expected_version != recommendation.version:
        raise StalePool()
    package = _package(session, recommendation.id)
    amounts = {
        a.id: parse_amount(grants.get(a.id, grants.get(str(a.id))), f"beløbet til »{a.title}«")
        for a in package
    }
    decided_on = date_field(decided_on, "beslutningens dato", pool_days(session, partnership_id))
    note = text_field(note, "bemærkningen", MAX_TEXT, required=False)
    meeting = None
    if not in_writing:
        meeting = session.get(Meeting, meeting_id) if isinstance(meeting_id, int) else None
        if meeting_id is None:
            raise InvalidEdit("Vælg mødet, hvor beslutningen er truffet, eller »skriftligt«.")
        require_partnership(meeting.partnership_id if meeting else None, partnership_id, "Mødet")
        if meeting.body != "styregruppe":
            raise InvalidEdit("Bylivspuljens bevillinger besluttes på styregruppens møder.")
    total = sum(amounts.values())
    money = pool_money(session, partnership_id, recommendation.year)
    raise_by = 0
    if money.left is not None and total > money.left:
        if not frame_raised:
            raise InvalidEdit(
                end_sentence(
                    f"Der er {kroner(money.left)} tilbage i puljen for {recommendation.year}, "
                    f"og bevillingen er på {kroner(total)}"
                )
                + " Sæt kryds ved, at styregruppen hæver rammen, hvis det er besluttet."
            )
        raise_by = total - money.left
    old = _decision_state(recommendation)
    if meeting is not None:
        line = pool_line(session, partnership_id, recommendation.year)
        decision = add_decision(
            session,
            user,
            meeting.id,
            decision_text(
                [(a.title, amounts[a.id]) for a in package], recommendation.year, raise_by, note
            ),
            [("budget_line", line.id)] if line is not None else [],
            partnership_id=partnership_id,
            roles=POOL_DECISION_ROLES,
        )
        recommendation.meeting_id, recommendation.decision_id = meeting.id, decision.id
    recommendation.decided_on, recommendation.in_writing = decided_on, bool(in_writing)
    recommendation.frame_raise, recommendation.decision_note = raise_by, note
    recommendation.updated_by, recommendation.updated_at = user.username, utcnow()
    for application in package:
        application.amount_granted = amounts[application.id]
        application.updated_by, application.updated_at = user.username, utcnow()
    _flush(session)
    new = _decision_state(recommendation)
    new["grants"] = {str(k): v for k, v in amounts.items()}
    _record(session, user, partnership_id, "recommendation", recommendation, "decided", old, new)
    _record_each(session, user, partnership_id, package, "decided", "amount_granted")
    return recommendation


def _record_each(session, user, partnership_id: int, applications, action: str, field: str):
    """One history row per application of a package: ``field`` from empty to its value."""
    for application in applications:
        _record(
            session,
            user,
            partnership_id,
            "application",
            application,
            action,
            {field: None},
            {field: getattr(application, field)},
        )
    _flush(session)


def _decision_state(recommendation: PoolRecommendation) -> dict:
    return {
        "decided_on": recommendation.decided_on,
        "in_writing": recommendation.in_writing,
        "meeting_id": recommendation.meeting_id,
        "decision_id": recommendation.decision_id,
        "frame_raise": recommendation.frame_raise,
        "decision_note": recommendation.decision_note,
    }


def record_follow_up(
    session: Session,
    user,
    *,
    partnership_id: int,
    application_id: int | None,
    expected_version: int | None,
    carried_out: bool,
    amount_spent,
    report: str,
    reported_on: date | None,
) -> PoolApplication:
    """Record what became of a granted project (state "afrapporteret"): carried out or not,
    the amount spent and a short report. Refuses a user outside ``EDIT_ROLES``, an
    application not granted anything, a negative or absurd amount, a day outside
    ``pool_days`` and a stale version."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    application = _application(session, application_id, partnership_id)
    if expected_version is not None and expected_version != application.version:
        raise StalePool()
    if not application.amount_granted:
        raise InvalidEdit("Der kan kun følges op på en ansøgning, der har fået en bevilling.")
    if not isinstance(carried_out, bool):
        raise InvalidEdit("Angiv, om projektet er gennemført.")
    values = {
        "carried_out": carried_out,
        "amount_spent": parse_amount(amount_spent, "det forbrugte beløb"),
        "report": text_field(report, "en kort afrapportering", MAX_TEXT, required=True),
        "reported_on": date_field(
            reported_on, "datoen for afrapporteringen", pool_days(session, partnership_id)
        ),
    }
    old = {k: getattr(application, k) for k in values}
    for key, value in values.items():
        setattr(application, key, value)
    application.updated_by, application.updated_at = user.username, utcnow()
    _flush(session)
    _record(session, user, partnership_id, "application", application, "reported", old, values)
    _flush(session)
    return application
