"""The meetings a plan names (its approvals: Styregruppen 24.10.2016, Økonomiudvalget
6.12.2016 …) become meetings, in the plan load's own transaction.

Idempotent: a meeting is known by partnership, body and date, so loading the plan again, or
a revision naming the same approvals, adds nothing, and a meeting the secretariat has since
edited in the app is left as they made it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import AgendaItem, Meeting, PlanVersion
from dashboard.model.meetings import MEETING_BODIES

BODY_CODES = {name.lower(): code for code, name in MEETING_BODIES.items()}


def body_code(name: str) -> str | None:
    """``"Økonomiudvalget"`` → ``"okonomiudvalget"``; None for a body we do not know."""
    name = name.strip().lower()
    if name.startswith("borgerrepræsentation"):
        name = "borgerrepræsentationen"
    return BODY_CODES.get(name)


def meetings_from_approvals(session: Session, version: PlanVersion) -> int:
    """Add a meeting for each of ``version``'s approvals not yet stored; returns how many."""
    existing = {
        (m.body, m.date)
        for m in session.scalars(
            select(Meeting).where(Meeting.partnership_id == version.partnership_id)
        )
    }
    added = 0
    for approval in version.approvals:
        code = body_code(approval.body)
        if code is None or (code, approval.date) in existing:
            continue
        meeting = Meeting(
            partnership_id=version.partnership_id,
            body=code,
            date=approval.date,
            title=f"Godkendelse af {version.title}",
            source=f"{version.source_file}: «{approval.text}»",
            plan_version_id=version.id,
            created_by="indlæsning af planen",
        )
        meeting.agenda.append(
            AgendaItem(position=0, title=f"Godkendelse af {version.title} ({approval.body})")
        )
        session.add(meeting)
        existing.add((code, approval.date))
        added += 1
    session.flush()
    return added
