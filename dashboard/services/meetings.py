"""Writes to meetings and decisions: role check, validation, a history row, in the caller's
transaction.

Only the secretariat (``ADMIN_ROLES``) adds and edits meetings and records decisions; the
steering committee and the secretariat (``MEETING_NOTE_ROLES``) add notes to a meeting.
Every applied edit leaves a ``MeetingChange`` with the fields it changed, old → new. A
meeting carries a version, so an edit made against an older version is refused
(``StaleMeeting``) rather than silently overwriting someone else's. Each write acts in one
partnership: a meeting, or a decision's link target, of another one is refused as unknown.
"""

from __future__ import annotations

import json
from datetime import date, time

from babel.dates import format_date
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dashboard.model import (
    Activity,
    AgendaItem,
    BudgetLine,
    Decision,
    DecisionLink,
    Deliverable,
    Handover,
    Meeting,
    MeetingChange,
    MeetingNote,
)
from dashboard.model.meetings import LINK_KINDS, MEETING_BODIES, link_label
from dashboard.roles import ADMIN_ROLES, MEETING_NOTE_ROLES
from dashboard.services.errors import EditRefused, InvalidEdit, require_role
from dashboard.services.ownership import (
    plan_partnership,
    require_known_partnership,
    require_partnership,
)

MAX_TITLE = 300
MAX_TEXT = 2000
MAX_AGENDA_ITEMS = 40


class StaleMeeting(EditRefused):
    def __init__(self):
        super().__init__(
            "Mødet er ændret af en anden, efter du åbnede det. Vælg mødet igen, og gem "
            "din ændring på ny."
        )


def _check_role(user) -> None:
    require_role(
        user, ADMIN_ROLES, "Møder og beslutninger skrives af sekretariatet (administrator)."
    )


def _clean_meeting(body, meeting_date, start_time, title, agenda) -> tuple:
    if body not in MEETING_BODIES:
        raise InvalidEdit("Vælg hvilket organ mødet holdes i.")
    if not isinstance(meeting_date, date):
        raise InvalidEdit("Angiv mødets dato.")
    if start_time is not None and not isinstance(start_time, time):
        raise InvalidEdit("Angiv klokkeslættet som tt:mm, eller lad feltet stå tomt.")
    title = (title or "").strip()
    if not title:
        raise InvalidEdit("Giv mødet en titel.")
    if len(title) > MAX_TITLE:
        raise InvalidEdit(f"Titlen må højst være {MAX_TITLE} tegn.")
    items = [line.strip() for line in agenda or [] if line and line.strip()]
    if len(items) > MAX_AGENDA_ITEMS:
        raise InvalidEdit(f"Dagsordenen må højst have {MAX_AGENDA_ITEMS} punkter.")
    if any(len(item) > MAX_TEXT for item in items):
        raise InvalidEdit(f"Et dagsordenspunkt må højst være {MAX_TEXT} tegn.")
    return body, meeting_date, start_time, title, items


def _meeting_state(meeting: Meeting) -> dict:
    return {
        "body": meeting.body,
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "title": meeting.title,
        "agenda": [item.title for item in meeting.agenda],
    }


def _record(session, user, meeting_id, entity, entity_id, action, old: dict, new: dict) -> None:
    changed = {k: [old.get(k), new[k]] for k in new if old.get(k) != new[k]}
    session.add(
        MeetingChange(
            meeting_id=meeting_id,
            entity=entity,
            entity_id=entity_id,
            action=action,
            changes=json.dumps(changed, ensure_ascii=False),
            changed_by=user.username,
            user_id=user.id,
        )
    )


def _refuse_duplicate(session, partnership_id, body, meeting_date, meeting_id=None) -> None:
    query = select(Meeting.id).where(
        Meeting.partnership_id == partnership_id,
        Meeting.body == body,
        Meeting.date == meeting_date,
    )
    other = session.scalar(query)
    if other is not None and other != meeting_id:
        # Services import no component, so the date is written here in the UI's long form.
        day = format_date(meeting_date, "d. MMMM y", locale="da_DK")
        raise InvalidEdit(f"Der er allerede et møde i {MEETING_BODIES[body]} den {day}.")


def create_meeting(
    session: Session,
    user,
    partnership_id: int,
    body: str,
    meeting_date: date,
    start_time: time | None,
    title: str,
    agenda: list[str] | None = None,
) -> Meeting:
    """Add a meeting with its agenda. Refuses (``NotAllowed``) a user outside
    ``ADMIN_ROLES`` and (``InvalidEdit``) an unknown partnership or body, a missing date or
    title, over-long text, or a second meeting of the same body on the same day."""
    _check_role(user)
    body, meeting_date, start_time, title, items = _clean_meeting(
        body, meeting_date, start_time, title, agenda
    )
    require_known_partnership(session, partnership_id)
    _refuse_duplicate(session, partnership_id, body, meeting_date)
    meeting = Meeting(
        partnership_id=partnership_id,
        body=body,
        date=meeting_date,
        start_time=start_time,
        title=title,
        created_by=user.username,
        agenda=[AgendaItem(position=i, title=item) for i, item in enumerate(items)],
    )
    session.add(meeting)
    session.flush()
    _record(
        session, user, meeting.id, "meeting", meeting.id, "created", {}, _meeting_state(meeting)
    )
    session.flush()
    return meeting


def update_meeting(
    session: Session,
    user,
    meeting_id: int,
    expected_version: int,
    body: str,
    meeting_date: date,
    start_time: time | None,
    title: str,
    agenda: list[str] | None = None,
    *,
    partnership_id: int,
) -> Meeting:
    """Change a meeting's body, date, time, title and agenda. Refuses like ``create_meeting``,
    plus (``InvalidEdit``) an unknown meeting or one of another partnership than
    ``partnership_id``, (``StaleMeeting``) an edit against an older version and
    (``InvalidEdit``) one that changes nothing."""
    _check_role(user)
    body, meeting_date, start_time, title, items = _clean_meeting(
        body, meeting_date, start_time, title, agenda
    )
    meeting = _meeting(session, meeting_id, partnership_id)
    _refuse_duplicate(session, meeting.partnership_id, body, meeting_date, meeting.id)
    old = _meeting_state(meeting)
    _claim_version(session, meeting, expected_version)
    meeting.body, meeting.date, meeting.start_time, meeting.title = (
        body,
        meeting_date,
        start_time,
        title,
    )
    if [a.title for a in meeting.agenda] != items:
        meeting.agenda = [AgendaItem(position=i, title=item) for i, item in enumerate(items)]
    new = _meeting_state(meeting)
    if new == old:
        session.rollback()
        raise InvalidEdit("Intet er ændret.")
    _record(session, user, meeting.id, "meeting", meeting.id, "changed", old, new)
    session.flush()
    return meeting


def _claim_version(session: Session, meeting: Meeting, expected_version: int) -> None:
    """Compare-and-set on the version: of two edits of the same version only the first
    matches a row (the database decides, also across workers); the other is refused."""
    claimed = session.execute(
        update(Meeting)
        .where(Meeting.id == meeting.id, Meeting.version == expected_version)
        .values(version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise StaleMeeting()
    meeting.version = expected_version + 1


def _meeting(session: Session, meeting_id: int, partnership_id: int) -> Meeting:
    """The meeting, if it is one of the partnership's; refused as unknown otherwise."""
    meeting = session.get(Meeting, meeting_id)
    require_partnership(meeting.partnership_id if meeting else None, partnership_id, "Mødet")
    return meeting


def _plan_version_of(kind: str, item) -> int:
    """The plan revision a link target is part of (a deliverable and a handover through
    their activity)."""
    if kind in ("deliverable", "handover"):
        return item.activity.plan_version_id
    return item.plan_version_id


def _link(session: Session, kind: str, target_id: int, partnership_id: int) -> DecisionLink:
    """A link with a label that stays readable after the item is superseded by a revision;
    an item of another partnership is refused as unknown."""
    if kind not in LINK_KINDS:
        raise InvalidEdit("Ukendt type af henvisning.")
    model = {
        "deliverable": Deliverable,
        "budget_line": BudgetLine,
        "activity": Activity,
        "handover": Handover,
    }[kind]
    item = session.get(model, target_id)
    found = plan_partnership(session, _plan_version_of(kind, item)) if item else None
    require_partnership(found, partnership_id, "Det, beslutningen henviser til,")
    if kind == "deliverable":
        label = link_label(kind, item.activity.name, item.text)
    elif kind == "budget_line":
        label = link_label(kind, item.label, item.year)
    elif kind == "activity":
        label = link_label(kind, item.name)
    else:
        label = link_label(kind, item.activity.name)
    return DecisionLink(kind=kind, label=label, **{f"{kind}_id": target_id})


def _decision_state(decision: Decision) -> dict:
    return {"text": decision.text, "links": [link.label for link in decision.links]}


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidEdit("Skriv beslutningen.")
    if len(text) > MAX_TEXT:
        raise InvalidEdit(f"Beslutningen må højst være {MAX_TEXT} tegn.")
    return text


def add_decision(
    session: Session,
    user,
    meeting_id: int,
    text: str,
    links: list[tuple[str, int]] | None = None,
    *,
    partnership_id: int,
    roles: tuple[str, ...] = ADMIN_ROLES,
) -> Decision:
    """Record a decision at a meeting, linked to the deliverables, budget lines, activities
    or handovers it concerns (``(kind, id)`` pairs). Refuses a user outside ``roles`` (the
    secretariat's; a service that records a decision of its own kind, Bylivspuljen's grants,
    names the roles that kind allows), an empty or over-long text, an unknown meeting or link
    target, and a meeting or link target of another partnership than ``partnership_id`` (as
    unknown)."""
    if roles == ADMIN_ROLES:
        _check_role(user)
    else:
        require_role(user, roles, "Du har ikke adgang til at registrere beslutningen.")
    text = _clean_text(text)
    meeting = _meeting(session, meeting_id, partnership_id)
    decision = Decision(
        text=text,
        position=len(meeting.decisions),
        created_by=user.username,
        links=[
            _link(session, kind, target, partnership_id)
            for kind, target in dict.fromkeys(links or [])
        ],
    )
    meeting.decisions.append(decision)
    session.flush()
    _record(
        session, user, meeting.id, "decision", decision.id, "created", {}, _decision_state(decision)
    )
    session.flush()
    return decision


def add_meeting_note(
    session: Session, user, meeting_id: int, text: str, *, partnership_id: int
) -> MeetingNote:
    """Add a note to a meeting. Refuses (``NotAllowed``) a user outside ``MEETING_NOTE_ROLES`` and
    (``InvalidEdit``) an empty or over-long text, an unknown meeting or one of another
    partnership than ``partnership_id`` (as unknown)."""
    require_role(
        user, MEETING_NOTE_ROLES, "Noter til møder skrives af styregruppen og sekretariatet."
    )
    text = (text or "").strip()
    if not text:
        raise InvalidEdit("Skriv noten.")
    if len(text) > MAX_TEXT:
        raise InvalidEdit(f"Noten må højst være {MAX_TEXT} tegn.")
    meeting = _meeting(session, meeting_id, partnership_id)
    note = MeetingNote(text=text, created_by=user.username)
    meeting.notes.append(note)
    session.flush()
    _record(session, user, meeting.id, "note", note.id, "created", {}, {"text": text})
    session.flush()
    return note
