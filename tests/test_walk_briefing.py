"""Safety walks in "siden sidste møde" and the meeting pack: the findings recorded since the
last meeting, and every action past its due date and not done, with its responsible party."""

from __future__ import annotations

from datetime import date, datetime

from dashboard.app import create_app
from dashboard.clock import LOCAL
from dashboard.components.briefing_text import since_last_meeting
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.services.meetings import create_meeting
from dashboard.services.walk_actions import update_action_status
from tests.accounts import add_user, login
from tests.partnerships import AMAGER, amager_id, join_partnership
from tests.walk_helpers import INSIDE, action, finding, walk, walk_people

OVERDUE = (
    "Overskredet frist hos 3B: «Udskift lamperne» ved Stien bag Hørgården (lys), "
    "frist 1. juni 2017, åben"
)


def _walk_lines(session, meeting_id) -> list[str]:
    return sorted(x.text for x in since_last_meeting(session, meeting_id) if x.kind == "walk")


def test_new_findings_and_overdue_actions_are_in_the_briefing_and_the_pack(loaded_db):
    people = walk_people(loaded_db)
    worker = people["arbejder"]
    with session_scope(loaded_db) as session:
        pid = amager_id(session)
        first = walk(session, worker)
        dark = finding(session, worker, first, INSIDE[0], "lys")
        bins = finding(session, worker, first, INSIDE[1], "affald", place="Containerpladsen")
        action(session, worker, dark)  # due 1 June 2017: long past
        done = action(session, worker, bins, what="Flyt containerne")
        update_action_status(
            session,
            worker,
            partnership_id=pid,
            action_id=done.id,
            expected_version=done.version,
            status="udbedret",
        )
        next_year = datetime.now(LOCAL).year + 1
        meeting = create_meeting(
            session, people["admin"], pid, "styregruppe", date(next_year, 1, 1), None, "Næste"
        ).id
        later = create_meeting(
            session, people["admin"], pid, "styregruppe", date(next_year, 2, 1), None, "Så"
        ).id
    with session_scope(loaded_db) as session:
        assert _walk_lines(session, meeting) == [
            "Nyt fund på tryghedsvandring: Containerpladsen (affald)",
            "Nyt fund på tryghedsvandring: Stien bag Hørgården (lys)",
            OVERDUE,
        ]
        # At the next meeting the findings are old news; the overdue action is still there.
        assert _walk_lines(session, later) == [OVERDUE]
        links = {x.link for x in since_last_meeting(session, meeting) if x.kind == "walk"}
        assert links == {"/tryghedsvandringer"}
    add_user(loaded_db, "styre-pakke", "styregruppe")
    join_partnership(loaded_db, "styre-pakke", AMAGER)
    app = create_app(Config(database_url=loaded_db, secret_key="p" * 40, auto_init=False))
    client = app.server.test_client()
    login(client, "styre-pakke")
    pack = client.get(f"/p/{AMAGER}/moede/{meeting}/pakke").get_data(as_text=True)
    assert OVERDUE.replace("«", "&laquo;") in pack or OVERDUE in pack
    assert "Tryghedsvandringer" in pack
