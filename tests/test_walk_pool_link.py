"""An action's payment by a Bylivspulje grant: a link it already has is kept as it is, and a
party that may not change the action is told so before anything about the grant."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from dashboard.db import session_scope
from dashboard.model import WalkAction
from dashboard.services.errors import NotAllowed
from dashboard.services.walk_actions import NOT_YOURS
from tests.pool_helpers import apply
from tests.walk_helpers import action, finding, walk, walk_people


def _action_paid_by_an_undecided_application(url, people) -> tuple[int, int, int]:
    """An action linked, as the app once allowed, to an application not yet decided."""
    with session_scope(url) as session:
        found = finding(session, people["arbejder"], walk(session, people["arbejder"]))
        planned = action(session, people["arbejder"], found)
        undecided = apply(session, people["arbejder"], "Ikke besluttet endnu")
        session.execute(
            update(WalkAction)
            .where(WalkAction.id == planned.id)
            .values(pool_application_id=undecided)
        )
        return found, undecided, planned.id


def test_an_action_keeps_the_link_it_has(loaded_db):
    people = walk_people(loaded_db)
    found, undecided, action_id = _action_paid_by_an_undecided_application(loaded_db, people)
    with session_scope(loaded_db) as session:
        kept = action(
            session, people["arbejder"], found, what="Nye lamper", pool_application_id=undecided,
            expected_version=session.get(WalkAction, action_id).version,
        )  # fmt: skip
        assert (kept.what, kept.pool_application_id) == ("Nye lamper", undecided)


def test_another_party_is_told_it_may_not_change_the_action(loaded_db):
    people = walk_people(loaded_db)
    found, undecided, _ = _action_paid_by_an_undecided_application(loaded_db, people)
    with session_scope(loaded_db) as session, pytest.raises(NotAllowed) as refused:
        action(session, people["sof"], found, party="SOF", pool_application_id=undecided + 1)
    assert str(refused.value) == NOT_YOURS
