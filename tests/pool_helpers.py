"""Bylivspuljen for tests: users of each role and one call per step of the cycle, with the
values a working group would give (the loaded Amager plan: 233.000 kr. in 2017)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from dashboard.auth import SessionUser
from dashboard.db import session_scope
from dashboard.model import Meeting, User
from dashboard.services.bylivspulje import (
    recommend,
    record_decision,
    record_follow_up,
    register_application,
)
from dashboard.services.meetings import create_meeting
from tests.accounts import add_user
from tests.partnerships import amager_id

DAY = date(2017, 3, 1)


def pool_user(url, username, role, party: str | None = None) -> SessionUser:
    add_user(url, username, role, party)
    with session_scope(url) as session:
        u = session.scalars(select(User).where(User.username == username)).one()
        return SessionUser(u.id, u.username, u.role, u.party_id)


def pool_people(url) -> dict[str, SessionUser]:
    """One user of each role that takes part in the cycle."""
    return {
        "arbejder": pool_user(url, "puljearbejder", "arbejdsgruppe"),
        "styre": pool_user(url, "puljestyre", "styregruppe"),
        "admin": pool_user(url, "puljeadmin", "admin"),
    }


def apply(session, user, title="Lys i stien", amount="40.000", year=2017, **extra):
    fields = dict(
        partnership_id=amager_id(session),
        year=year,
        title=title,
        purpose="Stien er mørk om aftenen.",
        use="fysisk",
        applicant_kind="beboer",
        organisation="Afdelingsbestyrelsen",
        amount_asked=amount,
        place="Stien ved Urbanplanen",
        received_on=DAY,
        received_via="referencegruppe",
    )
    fields.update(extra)
    return register_application(session, user, **fields).id


def committee_meeting(session) -> int:
    return session.scalars(
        select(Meeting.id).where(
            Meeting.partnership_id == amager_id(session), Meeting.body == "styregruppe"
        )
    ).first()


def decide(session, user, rec_id, grants, **extra):
    fields = dict(
        partnership_id=amager_id(session),
        recommendation_id=rec_id,
        expected_version=None,
        grants=grants,
        decided_on=date(2017, 4, 1),
        meeting_id=committee_meeting(session),
    )
    fields.update(extra)
    return record_decision(session, user, **fields)


def new_committee_meeting(session, user, day: date, title="Styregruppemøde") -> int:
    """A steering committee meeting on ``day`` (the loaded plan has one only, before 2017)."""
    return create_meeting(session, user, amager_id(session), "styregruppe", day, None, title).id


def package(session, user, application_ids, amount="65.000", on=date(2017, 3, 15)) -> int:
    """The working group's recommendation in favour of ``application_ids``, as one package."""
    return recommend(
        session,
        user,
        partnership_id=amager_id(session),
        application_ids=list(application_ids),
        in_favour=True,
        amount=amount,
        reason="Udpeget på tryghedsvandringen.",
        recommended_on=on,
    ).id


def report(session, user, application_id: int, **extra):
    """The working group's follow-up on a granted project: carried out, most of it spent."""
    fields = dict(
        partnership_id=amager_id(session),
        application_id=application_id,
        expected_version=None,
        carried_out=True,
        amount_spent="38.000",
        report="Lamperne er sat op.",
        reported_on=date(2017, 9, 1),
    )
    fields.update(extra)
    return record_follow_up(session, user, **fields)


def granted(session, worker, committee, amounts: dict[str, str]) -> dict[str, int]:
    """Applications by title, recommended together and decided with the amount given for
    each ("0" refuses one). Returns title → application id."""
    ids = {title: apply(session, worker, title) for title in amounts}
    rec = package(session, worker, ids.values())
    decide(session, committee, rec, {ids[title]: amount for title, amount in amounts.items()})
    return ids


def decide_in_writing(session, user, rec_id, grants, day: date, note: str = ""):
    """The committee's decision on ``rec_id`` in writing between meetings, on ``day``."""
    return decide(
        session, user, rec_id, grants, decided_on=day, in_writing=True, meeting_id=None, note=note
    )
