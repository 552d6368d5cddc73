"""Every callback the app registers, called over HTTP without a session, with a styregruppe
and with an arbejdsgruppe session: no anonymous answer carries non-public data, and no call
without the declared role changes the database. The database has what every write acts on,
Bylivspuljen's included: a recommendation waiting for a committee meeting and a granted
project waiting for its follow-up.

The list comes from GET /_dash-dependencies, so callbacks added later are covered without
touching this file. A callback declares its audience with ``dashboard.auth.public_callback``
or ``dashboard.auth.requires_role``; one that declares nothing is treated as internal.
"""

from __future__ import annotations

import pytest

from dashboard.app import DASH_PAGES
from dashboard.model import Base
from tests import callback_sweep as sweep
from tests.accounts import add_user, login
from tests.callback_sweep import (
    AMAGER,
    BOOKKEEPING,
    LEVERANCER,
    OWNED_TABLES,
    WALKS,
    all_components,
    answer_text,
    callback_payload,
    declared,
    secret_texts,
)
from tests.conftest import dump
from tests.partnerships import SECOND, load_second_partnership

app = sweep.app  # the sweep's fixture (its users, walks and pool), used here by name


# The sweep's callers, each its own test so that pytest-xdist can run them side by side.
CALLERS = {
    "anonymous": None,
    "styregruppe": "fortrolig-styre",
    "arbejdsgruppe": "fortrolig-arbejder",
}


@pytest.mark.parametrize("role", CALLERS)
def test_every_callback_refuses_what_its_caller_may_not_have(app, loaded_db, role):
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    paths = [page.url(AMAGER) for page in DASH_PAGES]
    components = all_components(admin, paths)
    dependencies = admin.get("/_dash-dependencies").get_json()
    assert len(dependencies) >= 5  # router, login and /leverancer's callbacks at least
    secrets = secret_texts(loaded_db)

    client = app.server.test_client()
    if CALLERS[role]:
        login(client, CALLERS[role])
    checked = 0
    # The database as the last refused call left it: nothing else writes between two calls,
    # so it is also the state before the next one (a call the role allows may write: read
    # afresh after it).
    unchanged = None
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue  # runs in the browser; it has no server to ask
        access = declared(app, dep)
        for path in paths:
            payload = callback_payload(dep, components, path)
            before = unchanged if unchanged is not None else dump(loaded_db, skip=BOOKKEEPING)
            response = client.post("/_dash-update-component", json=payload)
            body = answer_text(response)
            label = f"{dep['output']} as {role} on {path}"
            unchanged = None
            if role not in getattr(access, "roles", ()):
                unchanged = dump(loaded_db, skip=BOOKKEEPING)
                assert unchanged == before, f"{label} changed the database"
            if role == "anonymous":
                if access is None or not access.public:
                    assert response.status_code == 401, f"{label} answered: {body[:300]}"
                else:
                    assert response.status_code in (200, 204), f"{label}: {body[:300]}"
                leaked = [s for s in secrets if s in body]
                assert leaked == [], f"{label} leaked {leaked[:3]}"
            checked += 1
    server_side = [d for d in dependencies if not d.get("clientside_function")]
    assert checked == len(server_side) * len(paths)  # every callback on every path


def test_the_enumeration_reaches_the_write_path_when_the_role_allows_it(app, loaded_db):
    """Guards against a test that passes because its payloads never get anywhere."""
    worker = app.server.test_client()
    login(worker, "fortrolig-arbejder")
    components = all_components(worker, [LEVERANCER])
    dependencies = worker.get("/_dash-dependencies").get_json()
    (save,) = [d for d in dependencies if d["inputs"][0]["id"] == "lev-gem"]
    before = dump(loaded_db)
    response = worker.post(
        "/_dash-update-component", json=callback_payload(save, components, LEVERANCER)
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Ændringen er gemt" in answer_text(response)
    assert dump(loaded_db) != before


def test_the_walks_status_form_reaches_the_write_for_the_responsible_party(app, loaded_db):
    worker = app.server.test_client()
    login(worker, "fortrolig-arbejder")
    components = all_components(worker, [WALKS])
    dependencies = worker.get("/_dash-dependencies").get_json()
    (save,) = [d for d in dependencies if "tv-status-besked.children" in d["output"]]
    before = dump(loaded_db)
    response = worker.post(
        "/_dash-update-component", json=callback_payload(save, components, WALKS)
    )
    assert "Handlingens status er opdateret" in answer_text(response)
    assert dump(loaded_db) != before


def _owned(url: str) -> dict:
    """The owned tables' rows, read alone (the sweep reads them after every call)."""
    others = tuple(t.name for t in Base.metadata.sorted_tables if t.name not in OWNED_TABLES)
    owned = dump(url, skip=others)
    assert set(owned) == set(OWNED_TABLES)  # a renamed table is not silently left out
    return owned


def test_a_user_of_another_party_changes_nothing_of_others_through_any_callback(app, loaded_db):
    admin = app.server.test_client()
    login(admin, "fortrolig-admin")
    paths = [page.url(AMAGER) for page in DASH_PAGES]
    components = all_components(admin, paths)
    dependencies = admin.get("/_dash-dependencies").get_json()
    other = app.server.test_client()
    login(other, "fortrolig-anden")
    before = _owned(loaded_db)
    answers = []
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        for path in paths:
            response = other.post(
                "/_dash-update-component", json=callback_payload(dep, components, path)
            )
            assert response.status_code in (200, 204), f"{dep['output']} on {path}"
            answers.append(answer_text(response))
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
    components = all_components(admin, paths)
    dependencies = admin.get("/_dash-dependencies").get_json()
    load_second_partnership(loaded_db)
    add_user(loaded_db, "fremmed-admin", "admin", partnerships=(SECOND,))
    foreign = app.server.test_client()
    login(foreign, "fremmed-admin")
    secrets = [s for s in secret_texts(loaded_db) if s != "fremmed-admin"]
    before = dump(loaded_db, skip=BOOKKEEPING)
    checked = 0
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        access = declared(app, dep)
        for path in paths:
            response = foreign.post(
                "/_dash-update-component", json=callback_payload(dep, components, path)
            )
            label = f"{dep['output']} on {path}"
            if access is None or not access.public:
                assert response.status_code == 204, f"{label}: {answer_text(response)[:300]}"
            leaked = [s for s in secrets if s in answer_text(response)]
            assert leaked == [], f"{label} leaked {leaked[:3]}"
            checked += 1
    assert dump(loaded_db, skip=BOOKKEEPING) == before
    assert checked >= len(dependencies) * len(paths) // 2
