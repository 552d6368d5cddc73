"""Every callback the app registers, called over HTTP without a session and with a
styregruppe session: no anonymous answer carries non-public data, and no call without the
declared role changes the database.

The list comes from GET /_dash-dependencies, so callbacks added later are covered without
touching this file. A callback declares its audience with ``dashboard.auth.public_callback``
or ``dashboard.auth.requires_role``; one that declares nothing is treated as internal.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from dash._utils import split_callback_id
from sqlalchemy import select

from dashboard.app import DASH_PAGES, create_app
from dashboard.auth import callback_access
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import Deliverable
from dashboard.services.deliverables import set_deliverable_status
from dashboard.services.walk_actions import update_action_status
from tests.accounts import add_user, login, router_payload
from tests.conftest import PG_URL, dump
from tests.partnerships import SECOND, amager_id, load_second_partnership
from tests.walk_helpers import INSIDE, action, finding, walk

AMAGER = "amager-partnerskab"
LEVERANCER = f"/p/{AMAGER}/leverancer"
WALKS = f"/p/{AMAGER}/tryghedsvandringer"

SECRET_COMMENT = "FORTROLIG-KOMMENTAR-7f3a"
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
        editor = _session_user(session, "fortrolig-arbejder")
        set_deliverable_status(
            session,
            editor,
            d.id,
            d.version,
            "delayed",
            SECRET_COMMENT,
            date.today(),
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
    return app


def _session_user(session, username):
    from dashboard.auth import SessionUser
    from dashboard.model import User

    u = session.scalars(select(User).where(User.username == username)).one()
    return SessionUser(u.id, u.username, u.role, u.party_id)


def _secrets(url: str) -> list[str]:
    """Strings that must never reach an anonymous visitor."""
    with session_scope(url) as session:
        texts = [t for t in session.scalars(select(Deliverable.text)) if len(t) >= 25]
    return [SECRET_COMMENT, SECRET_DESCRIPTION, SECRET_REASON, *USERS, *texts]


def _components(node, found: dict) -> None:
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
            _components(value, found)
    elif isinstance(node, list):
        for value in node:
            _components(value, found)


def _all_components(client, paths: list[str]) -> dict:
    """The shell and every page's layout as ``client`` sees them, with the choices the pages'
    callbacks fill in (a select's options, the versions the forms saw): the realistic prop
    values, so that a forged call names real rows and reaches the service's checks."""
    found: dict = {}
    _components(client.get("/_dash-layout").get_json(), found)
    for path in paths:
        response = client.post("/_dash-update-component", json=router_payload(path))
        _components(response.get_json(), found)
    for dep in client.get("/_dash-dependencies").get_json():
        if _fills_choices(dep):
            for path in paths:
                response = client.post("/_dash-update-component", json=_payload(dep, found, path))
                answer = response.get_json() if response.is_json else None
                for component, props in (answer or {}).get("response", {}).items():
                    found.setdefault(component, {}).update(props)
    return found


def _fills_choices(dep: dict) -> bool:
    """A callback that fills a select's options and saves nothing (no button starts it)."""
    return (
        not dep.get("clientside_function")
        and ".options" in dep["output"]
        and not any(i["property"] == "n_clicks" for i in dep["inputs"])
    )


def _plausible_value(dep: dict, components: dict, path: str):
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
    if prop == "value" and component.get("type") in ("Textarea", "Input") and value != "hidden":
        return (value or "") + EDIT_TEXT
    if prop == "value" and value is None and component.get("type") == "date":
        return date.today().isoformat()  # a date the user picked
    if prop == "value" and value is None and component.get("options"):
        first = component["options"][0]
        return first["value"] if isinstance(first, dict) else first
    return value


def _payload(dep: dict, components: dict, path: str) -> dict:
    outputs = split_callback_id(dep["output"])
    multi = isinstance(outputs, list)
    outputs = [
        {"id": o["id"], "property": o["property"].split("@")[0]}
        for o in (outputs if multi else [outputs])
    ]
    inputs = [{**i, "value": _plausible_value(i, components, path)} for i in dep["inputs"]]
    state = [{**s, "value": _plausible_value(s, components, path)} for s in dep["state"]]
    return {
        "output": dep["output"],
        "outputs": outputs if multi else outputs[0],
        "inputs": inputs,
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]],
        "state": state,
    }


def _text(response) -> str:
    """The answer as readable text: JSON escapes æøå, which would hide a leak from ``in``."""
    if response.is_json and response.get_data():
        return json.dumps(response.get_json(), ensure_ascii=False)
    return response.get_data(as_text=True)


def _declared(app, dep):
    return callback_access(app.callback_map[dep["output"]]["callback"])


def test_every_callback_refuses_what_its_caller_may_not_have(app, loaded_db):
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    paths = [page.url(AMAGER) for page in DASH_PAGES]
    components = _all_components(admin, paths)
    dependencies = admin.get("/_dash-dependencies").get_json()
    assert len(dependencies) >= 5  # router, login and /leverancer's callbacks at least
    secrets = _secrets(loaded_db)

    anonymous = app.server.test_client()
    styregruppe = app.server.test_client()
    login(styregruppe, "fortrolig-styre")
    checked = 0
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue  # runs in the browser; it has no server to ask
        access = _declared(app, dep)
        for path in paths:
            payload = _payload(dep, components, path)
            for who, client, role in (
                ("anonymous", anonymous, "anonymous"),
                ("styregruppe", styregruppe, "styregruppe"),
            ):
                before = dump(loaded_db)
                response = client.post("/_dash-update-component", json=payload)
                body = _text(response)
                label = f"{dep['output']} as {who} on {path}"
                if role not in getattr(access, "roles", ()):
                    assert dump(loaded_db) == before, f"{label} changed the database"
                if who == "anonymous":
                    if access is None or not access.public:
                        assert response.status_code == 401, f"{label} answered: {body[:300]}"
                    else:
                        assert response.status_code in (200, 204), f"{label}: {body[:300]}"
                    leaked = [s for s in secrets if s in body]
                    assert leaked == [], f"{label} leaked {leaked[:3]}"
                checked += 1
    assert checked >= len(dependencies) * len(paths)


def test_the_enumeration_reaches_the_write_path_when_the_role_allows_it(app, loaded_db):
    """Guards against a test that passes because its payloads never get anywhere."""
    worker = app.server.test_client()
    login(worker, "fortrolig-arbejder")
    components = _all_components(worker, [LEVERANCER])
    dependencies = worker.get("/_dash-dependencies").get_json()
    (save,) = [d for d in dependencies if "lev-gem-besked.children" in d["output"]]
    before = dump(loaded_db)
    response = worker.post("/_dash-update-component", json=_payload(save, components, LEVERANCER))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Ændringen er gemt" in _text(response)
    assert dump(loaded_db) != before


def test_the_walks_status_form_reaches_the_write_for_the_responsible_party(app, loaded_db):
    worker = app.server.test_client()
    login(worker, "fortrolig-arbejder")
    components = _all_components(worker, [WALKS])
    dependencies = worker.get("/_dash-dependencies").get_json()
    (save,) = [d for d in dependencies if "tv-status-besked.children" in d["output"]]
    before = dump(loaded_db)
    response = worker.post("/_dash-update-component", json=_payload(save, components, WALKS))
    assert "Handlingens status er opdateret" in _text(response)
    assert dump(loaded_db) != before


def _owned(url: str) -> dict:
    everything = dump(url)
    return {table: everything[table] for table in OWNED_TABLES}


def test_a_user_of_another_party_changes_nothing_of_others_through_any_callback(app, loaded_db):
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    paths = [page.url(AMAGER) for page in DASH_PAGES]
    components = _all_components(admin, paths)
    dependencies = admin.get("/_dash-dependencies").get_json()
    other = app.server.test_client()
    login(other, "fortrolig-anden")
    before = _owned(loaded_db)
    answers = []
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        for path in paths:
            response = other.post("/_dash-update-component", json=_payload(dep, components, path))
            assert response.status_code in (200, 204), f"{dep['output']} on {path}"
            answers.append(_text(response))
            assert _owned(loaded_db) == before, f"{dep['output']} on {path} changed others' data"
    # The refusals are ownership's, not payloads that never reach the service.
    assert any("hører til en anden aktør" in answer for answer in answers)
    for form in ("tv-status-besked", "tv-handling-besked"):  # the walks' actions too
        assert any(form in a and "hører til en anden aktør" in a for a in answers), form
    assert any("Opfølgningen er registreret" in answer for answer in answers)


def test_a_user_of_another_partnership_gets_nothing_and_changes_nothing(app, loaded_db):
    """The secretariat of another partnership (the strongest role there) sends every callback
    as Amager's pages would, with Amager's slug: every internal one is refused, the public
    ones show nothing of Amager's, and the database is the same afterwards."""
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    paths = [page.url(AMAGER) for page in DASH_PAGES]
    components = _all_components(admin, paths)
    dependencies = admin.get("/_dash-dependencies").get_json()
    load_second_partnership(loaded_db)
    add_user(loaded_db, "fremmed-admin", "admin", partnerships=(SECOND,))
    foreign = app.server.test_client()
    login(foreign, "fremmed-admin")
    secrets = [s for s in _secrets(loaded_db) if s != "fremmed-admin"]
    before = dump(loaded_db)
    checked = 0
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        access = _declared(app, dep)
        for path in paths:
            response = foreign.post("/_dash-update-component", json=_payload(dep, components, path))
            label = f"{dep['output']} on {path}"
            if access is None or not access.public:
                assert response.status_code == 204, f"{label}: {_text(response)[:300]}"
            leaked = [s for s in secrets if s in _text(response)]
            assert leaked == [], f"{label} leaked {leaked[:3]}"
            checked += 1
    assert dump(loaded_db) == before
    assert checked >= len(dependencies) * len(paths) // 2


def test_every_internal_callback_acts_in_a_partnership(app):
    """Every callback that is not public takes the page's partnership (``auth.Scope``), so
    membership is checked in each of them, not only when the page was opened."""
    unscoped = [
        output
        for output, entry in app.callback_map.items()
        if "callback" in entry  # a clientside callback runs in the browser only
        and (access := callback_access(entry["callback"])) is not None
        and not access.public
        and not access.scoped
    ]
    assert unscoped == []


# Values no browser control sends: "²" (``str.isdigit`` takes it, ``int`` refuses it), an
# id beyond an id column, a number of 5,000 digits (``int`` refuses the text), one beyond a
# float.
FORGED = {"superscript": "²", "over-int4": "99999999999", "5000-digits": "9" * 5000}
FORGED_NUMBERS = {**FORGED, "1e400": "1e400", "10**400": 10**400}


def _forged_answers(app, forged, wanted) -> list[str]:
    """Every callback as the admin's pages would send it, with ``forged`` in each control
    ``wanted(component)`` picks: the outputs of those answered with a 500."""
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    paths = [page.url(AMAGER) for page in DASH_PAGES]
    components = _all_components(admin, paths)
    chosen = {key for key, component in components.items() if wanted(component)}
    failed = []
    for dep in admin.get("/_dash-dependencies").get_json():
        if dep.get("clientside_function"):
            continue
        payload = _payload(dep, components, paths[0])
        for item in payload["inputs"] + payload["state"]:
            if item["id"] in chosen and item["property"] == "value":
                item["value"] = [forged] if isinstance(item["value"], list) else forged
        if admin.post("/_dash-update-component", json=payload).status_code == 500:
            failed.append(dep["output"])
    return failed


# Open on PostgreSQL (integer out of range, a 500): the deliverable callbacks on
# /leverancer take ``deliverable_id: int`` unbounded, and a Bylivspulje recommendation id
# reaches ``session.get`` unbounded. Strict: the mark must go when they are fixed.
OPEN_ON_POSTGRESQL = pytest.mark.xfail(
    PG_URL is not None, reason="ids beyond PostgreSQL's integer reach the database", strict=True
)


@pytest.mark.parametrize(
    "forged",
    [
        pytest.param(value, id=name, marks=OPEN_ON_POSTGRESQL if name == "over-int4" else ())
        for name, value in FORGED.items()
    ],
)
def test_no_callback_fails_on_a_select_value_no_row_can_have(app, forged):
    """A select's value is an id the page offered; a forged one is no row, never a 500."""
    assert _forged_answers(app, forged, lambda c: c.get("options") is not None) == []


@pytest.mark.parametrize("forged", FORGED_NUMBERS.values(), ids=FORGED_NUMBERS.keys())
def test_no_callback_fails_on_a_forged_number_or_text_field(app, forged):
    def field(component):
        return component.get("options") is None and component.get("type") in (
            "text",
            "number",
            "Textarea",
            "Input",
        )

    assert _forged_answers(app, forged, field) == []
