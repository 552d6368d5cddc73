"""Forged callback requests, as the sweep in ``test_callback_authorisation`` sends them with
its fixture's database: a row's "Ret" forged for another party's or partnership's
deliverable, select and text values no browser control sends (never a 500), and every
internal callback scoped to a partnership."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from dashboard.app import DASH_PAGES
from dashboard.auth import callback_access
from dashboard.db import session_scope
from dashboard.model import Deliverable
from tests import callback_sweep as sweep
from tests.accounts import login
from tests.callback_sweep import AMAGER, all_components, callback_payload
from tests.partnerships import load_second_partnership

app = sweep.app  # the sweep's fixture (its users, walks and pool), used here by name


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


def _open_row(client, kind: str, deliverable_id: int):
    """The request a click on a row's "Ret"/"Vis" button makes (or a forged one)."""
    dependencies = client.get("/_dash-dependencies").get_json()
    (dep,) = [d for d in dependencies if "lev-valgt.value" in d["output"]]
    button = {"id": {"index": deliverable_id, "type": kind}, "property": "n_clicks", "value": 1}
    payload = {
        "output": dep["output"],
        "outputs": [
            {"id": "lev-valgt", "property": "value"},
            {"id": "lev-dialog", "property": "is_open"},
            {"id": "lev-dialog-titel", "property": "children"},
            {"id": "lev-rediger", "property": "hidden"},
        ],
        "inputs": [
            [button] if kind == "lev-ret" else [],
            [button] if kind == "lev-vis" else [],  # the other pattern empty, as sent
        ],
        "changedPropIds": [json.dumps(button["id"], sort_keys=True).replace(" ", "") + ".n_clicks"],
        "state": [{"id": "partnerskab", "property": "data", "value": AMAGER}],
    }
    return client.post("/_dash-update-component", json=payload)


def test_opening_a_row_shows_the_form_only_to_its_owner_whatever_the_button(app, loaded_db):
    """The dialog's form follows the ownership rule on the server: a "Ret" forged for another
    party's deliverable opens it without the form, and a deliverable of another partnership
    opens nothing."""
    with session_scope(loaded_db) as session:
        first = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        target, text = first.id, first.text  # 3B's (the fixture's editor saved it)
    owner, other = app.server.test_client(), app.server.test_client()
    login(owner, "fortrolig-arbejder")
    login(other, "fortrolig-anden")
    answer = _open_row(owner, "lev-ret", target).get_json()["response"]
    assert answer["lev-dialog"] == {"is_open": True}
    assert answer["lev-dialog-titel"] == {"children": text}
    assert answer["lev-rediger"] == {"hidden": False}
    forged = _open_row(other, "lev-ret", target).get_json()["response"]
    assert forged["lev-dialog-titel"] == {"children": text}
    assert forged["lev-rediger"] == {"hidden": True}
    load_second_partnership(loaded_db)
    with session_scope(loaded_db) as session:
        foreign = max(session.scalars(select(Deliverable.id)))
    assert _open_row(owner, "lev-ret", foreign).get_json()["response"] == {}  # nothing opens


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
    components = all_components(admin, paths)
    chosen = {key for key, component in components.items() if wanted(component)}
    failed = []
    for dep in admin.get("/_dash-dependencies").get_json():
        if dep.get("clientside_function"):
            continue
        payload = callback_payload(dep, components, paths[0])
        for item in payload["inputs"] + payload["state"]:
            if item["id"] in chosen and item["property"] == "value":
                item["value"] = [forged] if isinstance(item["value"], list) else forged
        if admin.post("/_dash-update-component", json=payload).status_code == 500:
            failed.append(dep["output"])
    return failed


@pytest.mark.parametrize("forged", FORGED.values(), ids=FORGED.keys())
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
