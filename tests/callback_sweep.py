"""What the callback sweep works on, shared by its test modules: the app with the users,
the walks and a Bylivspulje cycle under way, every component of the internal pages, and
the body a browser would send for each callback."""

from __future__ import annotations

import json
from datetime import date

import pytest
from dash._utils import split_callback_id
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.auth import callback_access
from dashboard.config import Config
from dashboard.dates import PLACEHOLDER as DATE_PLACEHOLDER
from dashboard.dates import dmy
from dashboard.db import session_scope
from dashboard.model import Deliverable
from dashboard.services.deliverables import set_deliverable_status
from dashboard.services.walk_actions import update_action_status
from tests.accounts import add_user, login, router_payload
from tests.partnerships import amager_id
from tests.pool_helpers import apply, decide, new_committee_meeting, package
from tests.walk_helpers import INSIDE, action, finding, walk

AMAGER = "amager-partnerskab"
LEVERANCER = f"/p/{AMAGER}/leverancer"
WALKS = f"/p/{AMAGER}/tryghedsvandringer"

SECRET_COMMENT = "FORTROLIG-KOMMENTAR-7f3a"
# Bylivspuljen's applicants are internal: the public sees granted projects, not who applied.
SECRET_ORGANISATION = "FORTROLIG-ORGANISATION-9c1d"
SECRET_DESCRIPTION = "FORTROLIG-BESKRIVELSE-5c1d"
SECRET_REASON = "FORTROLIG-BEGRUNDELSE-9e2b"
EDIT_TEXT = " (ændret af testen)"
USERS = {
    "fortrolig-admin": "admin",
    "fortrolig-styre": "styregruppe",
    "fortrolig-arbejder": "arbejdsgruppe",
    "fortrolig-anden": "arbejdsgruppe",
}
# The working group's members each belong to a party; SSP leads none of 3B's deliverables.
PARTIES = {"fortrolig-arbejder": "3B", "fortrolig-anden": "SSP"}
# A session's "last seen" moves on with its user's own requests (services.sessions): not data.
BOOKKEEPING = ("user_session",)
# What belongs to a party or to the secretariat: a user of another party changes none of it.
OWNED_TABLES = (
    "deliverable",
    "deliverable_change",
    "measurement",
    "measurement_edit",
    "meeting",
    "agenda_item",
    "decision",
    "decision_link",
    "meeting_change",
    "meeting_note",
    "walk_action",
)


@pytest.fixture
def app(loaded_db):
    for username, role in USERS.items():
        add_user(loaded_db, username, role, PARTIES.get(username))
    app = create_app(Config(database_url=loaded_db, secret_key="s" * 40, auto_init=False))
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    with session_scope(loaded_db) as session:
        d = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        editor = session_user(session, "fortrolig-arbejder")
        set_deliverable_status(
            session,
            editor,
            d.id,
            d.version,
            "delayed",
            SECRET_COMMENT,
            date(2020, 12, 31),
            partnership_id=amager_id(session),
        )
        # Safety walks' findings whose actions are 3B's: another party may not change them.
        # The first finding (the one the forms choose first) was turned down, so that a
        # follow-up on the later walk is recorded without moving the action; the second's
        # action is open, the one the status form offers.
        walk_id = walk(session, editor)
        refused = action(
            session, editor, finding(session, editor, walk_id, description=SECRET_DESCRIPTION)
        )
        update_action_status(
            session,
            editor,
            partnership_id=amager_id(session),
            action_id=refused.id,
            expected_version=refused.version,
            status="afvist",
            reason=SECRET_REASON,
        )
        action(session, editor, finding(session, editor, walk_id, point=INSIDE[1]))
        walk(session, editor, walked_on=date(2017, 9, 1))
        pool_cycle_under_way(session)
    return app


def pool_cycle_under_way(session) -> None:
    """A package waiting for the committee's meeting, a grant waiting for its follow-up and
    an application waiting for the working group's recommendation."""
    worker = session_user(session, "fortrolig-arbejder")
    secretariat = session_user(session, "fortrolig-admin")
    waiting = apply(session, worker, "Lys i stien", organisation=SECRET_ORGANISATION)
    package(session, worker, [waiting], amount="40.000")
    granted = apply(session, worker, "Lysfest", "20.000", organisation=SECRET_ORGANISATION)
    decide(
        session,
        secretariat,
        package(session, worker, [granted], amount="20.000"),
        {granted: "20.000"},
        in_writing=True,
        meeting_id=None,
    )
    new_committee_meeting(session, secretariat, date(2017, 4, 6))
    apply(session, worker, "Beskæring", "15.000", organisation=SECRET_ORGANISATION)


def session_user(session, username):
    from dashboard.auth import SessionUser
    from dashboard.model import User

    u = session.scalars(select(User).where(User.username == username)).one()
    return SessionUser(u.id, u.username, u.role, u.party_id)


def secret_texts(url: str) -> list[str]:
    """Strings that must never reach an anonymous visitor."""
    with session_scope(url) as session:
        texts = [t for t in session.scalars(select(Deliverable.text)) if len(t) >= 25]
    return [SECRET_COMMENT, SECRET_ORGANISATION, SECRET_DESCRIPTION, SECRET_REASON, *USERS, *texts]


def collect_components(node, found: dict) -> None:
    """Collect every component with an id (and its props) from a layout as JSON."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "id" in props and "type" in node:
            key = (
                json.dumps(props["id"], sort_keys=True)
                if isinstance(props["id"], dict)
                else props["id"]
            )
            found[key] = {"type": node["type"], **props}
        for value in node.values():
            collect_components(value, found)
    elif isinstance(node, list):
        for value in node:
            collect_components(value, found)


def all_components(client, paths: list[str]) -> dict:
    """The shell and every page's layout as ``client`` sees them, with the choices the pages'
    callbacks fill in (a select's options, the versions the forms saw): the realistic prop
    values, so that a forged call names real rows and reaches the service's checks."""
    found: dict = {}
    collect_components(client.get("/_dash-layout").get_json(), found)
    for path in paths:
        response = client.post("/_dash-update-component", json=router_payload(path))
        collect_components(response.get_json(), found)
    for dep in client.get("/_dash-dependencies").get_json():
        if fills_choices(dep):
            for path in paths:
                response = client.post(
                    "/_dash-update-component", json=callback_payload(dep, found, path)
                )
                answer = response.get_json() if response.is_json else None
                for component, props in (answer or {}).get("response", {}).items():
                    found.setdefault(component, {}).update(props)
    return found


def fills_choices(dep: dict) -> bool:
    """A callback that fills a select's options and saves nothing (no button starts it)."""
    return (
        not dep.get("clientside_function")
        and ".options" in dep["output"]
        and not any(i["property"] == "n_clicks" for i in dep["inputs"])
    )


def plausible_value(dep: dict, components: dict, path: str):
    """What the browser would send: the layout's value, made to look like a user acted."""
    prop = dep["property"]
    if dep["id"].startswith("{"):  # a pattern (ALL): the browser sends one value per match
        return []
    component = components.get(dep["id"], {})
    value = component.get(prop)
    if prop == "pathname":
        return path
    if prop == "search":
        return f"?next={path}&fejl=invalid"
    if prop == "n_clicks":
        return 1
    if prop == "value" and component.get("placeholder") == DATE_PLACEHOLDER:
        # A date the user typed, as the field shows it: a day every date rule accepts, in the
        # bundled period 2017–2020 and less than five years after the walks (actions' due).
        return value or dmy(date(2020, 6, 1))
    if prop == "value" and component.get("type") in ("Textarea", "Input") and value != "hidden":
        return (value or "") + EDIT_TEXT
    if prop == "value" and value is None and component.get("type") == "date":
        return date.today().isoformat()  # a date the user picked
    if prop == "value" and value is None and component.get("options"):
        first = component["options"][0]
        return first["value"] if isinstance(first, dict) else first
    return value


def callback_payload(dep: dict, components: dict, path: str) -> dict:
    outputs = split_callback_id(dep["output"])
    multi = isinstance(outputs, list)
    outputs = [
        {"id": o["id"], "property": o["property"].split("@")[0]}
        for o in (outputs if multi else [outputs])
    ]
    inputs = [{**i, "value": plausible_value(i, components, path)} for i in dep["inputs"]]
    state = [{**s, "value": plausible_value(s, components, path)} for s in dep["state"]]
    return {
        "output": dep["output"],
        "outputs": outputs if multi else outputs[0],
        "inputs": inputs,
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]],
        "state": state,
    }


def answer_text(response) -> str:
    """The answer as readable text: JSON escapes æøå, which would hide a leak from ``in``."""
    if response.is_json and response.get_data():
        return json.dumps(response.get_json(), ensure_ascii=False)
    return response.get_data(as_text=True)


def declared(app, dep):
    return callback_access(app.callback_map[dep["output"]]["callback"])
