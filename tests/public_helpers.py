"""Helpers for the public-page tests: the app's test client, and deliverable statuses set
straight in the database (as the working group's edits would leave them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from dashboard.app import create_app
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import Activity, Deliverable, FocusArea

SECRET_COMMENT = "FORTROLIG-KOMMENTAR-91c2"
SECRET_PERSON = "fortrolig.person@kk.example"


def public_client(db_url: str):
    app = create_app(Config(database_url=db_url, secret_key="t" * 32, auto_init=False))
    return app.server.test_client()


def set_statuses(db_url: str, focus_area: int, statuses: dict[str, int]) -> None:
    """Give the first deliverables of one focus area these statuses (in order), each with an
    internal comment and the name of the person who changed it."""
    wanted = [status for status, count in statuses.items() for _ in range(count)]
    with session_scope(db_url) as session:
        deliverables = session.scalars(
            select(Deliverable)
            .join(Activity, Activity.id == Deliverable.activity_id)
            .join(FocusArea, FocusArea.id == Activity.focus_area_id)
            .where(FocusArea.number == focus_area)
            .order_by(Deliverable.id)
        ).all()
        assert len(deliverables) >= len(wanted), "the bundled plan has fewer deliverables"
        for deliverable, status in zip(deliverables, wanted, strict=False):
            deliverable.status = status
            deliverable.comment = f"{SECRET_COMMENT} om {status}"
            deliverable.updated_by = SECRET_PERSON
            deliverable.updated_at = datetime(2030, 5, 17, 12, 0)
