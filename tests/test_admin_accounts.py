"""Users on /admin and passwords outside Dash: a new user with a one-time password must
choose their own at first login (in Chromium); a user's own password change ends their other
sessions; an admin manages only their partnership's users."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.auth import SessionUser
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import LoginAttempt, Party, User
from dashboard.services.accounts import AccountRefused, change_role, set_active
from dashboard.services.users import MAX_FAILURES_PER_USERNAME
from tests.accounts import PASSWORD, add_user, login
from tests.admin_files import join
from tests.browser import browser_page, log_in
from tests.conftest import dump
from tests.partnerships import SECOND, load_second_partnership

AMAGER = "amager-partnerskab"
ONE_TIME = "blå-kaffekande-omvej-17"
OWN = "grøn-cykelhjelm-fjord-42"


def _app(url):
    return create_app(Config(database_url=url, secret_key="s" * 40, auto_init=False))


def _user(url, username) -> User:
    with session_scope(url) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        session.expunge(user)
        return user


def _party_id(url, short_name) -> int:
    with session_scope(url) as session:
        return session.scalars(select(Party.id).where(Party.short_name == short_name)).one()


@pytest.mark.browser
def test_a_new_user_must_replace_the_one_time_password_at_first_login(live_app, loaded_db):
    add_user(loaded_db, "sekretariat", "admin")
    join(loaded_db, "sekretariat")
    with browser_page() as page:
        log_in(page, live_app, "sekretariat", PASSWORD)
        page.goto(live_app + f"/p/{AMAGER}/admin")
        page.wait_for_selector("#ny-navn")
        page.fill("#ny-navn", "ny-kollega")
        page.select_option("#ny-rolle", "arbejdsgruppe")
        page.select_option("#ny-aktoer", str(_party_id(loaded_db, "3B")))
        page.fill("#ny-kode", ONE_TIME)
        page.click("button:has-text('Opret bruger')")
        page.locator("#admin-besked", has_text="oprettet med en engangskode").wait_for()
        assert ONE_TIME not in page.url and ONE_TIME not in page.content()
        page.locator("#bruger-tabel", has_text="ny-kollega").wait_for()
        assert "skal skifte adgangskode" in page.inner_text("#bruger-tabel")
    created = _user(loaded_db, "ny-kollega")
    assert created.role == "arbejdsgruppe" and created.must_change_password
    assert created.party_id == _party_id(loaded_db, "3B")

    with browser_page() as page:
        page.goto(live_app + "/login")
        page.fill("#login-brugernavn", "ny-kollega")
        page.fill("#login-adgangskode", ONE_TIME)
        page.click("button:has-text('Log ind')")
        page.wait_for_url(live_app + "/adgangskode")
        assert "engangskode" in page.inner_text("main")
        # Every other page leads back here until the password is changed.
        page.goto(live_app + f"/p/{AMAGER}/leverancer")
        page.wait_for_url(live_app + "/adgangskode")
        page.fill("#nuvaerende", ONE_TIME)
        page.fill("#ny", OWN)
        page.fill("#gentag", OWN)
        page.click("button:has-text('Skift adgangskode')")
        page.wait_for_selector("text=Din adgangskode er skiftet")
        assert OWN not in page.url and OWN not in page.content()
        page.goto(live_app + f"/p/{AMAGER}/leverancer")
        page.wait_for_selector("#lev-tabel tbody tr")
        assert page.console_errors == []
    assert not _user(loaded_db, "ny-kollega").must_change_password
    client = _app(loaded_db).server.test_client()
    assert "fejl=invalid" in login(client, "ny-kollega", ONE_TIME).headers["location"]
    assert "fejl" not in login(client, "ny-kollega", OWN).headers["location"]


def test_changing_ones_own_password_ends_the_other_sessions(loaded_db):
    add_user(loaded_db, "anna", "styregruppe")
    join(loaded_db, "anna")
    app = _app(loaded_db)
    here, elsewhere = app.server.test_client(), app.server.test_client()
    login(here, "anna")
    login(elsewhere, "anna")
    page = f"/p/{AMAGER}/okonomi"
    assert elsewhere.get(page).status_code == 200

    form = {"current": PASSWORD, "new": OWN, "repeat": OWN}
    for wrong, code in (
        ({"current": "forkert-kode-helt"}, "forkert"),
        ({"new": "kort", "repeat": "kort"}, "kort"),
        ({"new": "password123", "repeat": "password123"}, "svag"),
        ({"repeat": OWN + "x"}, "forskellige"),
    ):
        before = dump(loaded_db, skip=("login_attempt", "login_throttle", "user_session"))
        response = here.post("/auth/adgangskode", data={**form, **wrong})
        assert response.headers["location"] == f"/adgangskode?fejl={code}"
        assert dump(loaded_db, skip=("login_attempt", "login_throttle", "user_session")) == before
    assert "Den nuværende adgangskode er forkert" in here.get("/adgangskode?fejl=forkert").text

    response = here.post("/auth/adgangskode", data=form)
    assert response.headers["location"] == "/adgangskode?besked=skiftet"
    assert here.get(page).status_code == 200  # this browser got a new session
    assert elsewhere.get(page).status_code == 302  # the other one is logged out
    assert "fejl=invalid" in login(app.server.test_client(), "anna").headers["location"]
    with session_scope(loaded_db) as session:
        stored = session.scalars(select(User.password_hash)).all()
        attempts = session.scalars(select(LoginAttempt.username)).all()
    assert not any(OWN in h for h in stored) and "anna" in attempts


def test_wrong_current_passwords_count_as_failed_logins(loaded_db):
    """The current-password check is throttled as a login is: a refusal keeps its count
    (it was rolled back with the refusal, so guessing on /adgangskode was unlimited)."""
    add_user(loaded_db, "anna", "styregruppe")
    join(loaded_db, "anna")
    client = _app(loaded_db).server.test_client()
    login(client, "anna")
    stored = _user(loaded_db, "anna").password_hash
    wrong = {"current": "forkert-kode-helt", "new": OWN, "repeat": OWN}
    codes = [
        client.post("/auth/adgangskode", data=wrong).headers["location"].split("fejl=")[1]
        for _ in range(MAX_FAILURES_PER_USERNAME + 1)
    ]
    assert codes == ["forkert"] * MAX_FAILURES_PER_USERNAME + ["spaerret"]
    # Blocked: the right password is not even checked from here now.
    right = {"current": PASSWORD, "new": OWN, "repeat": OWN}
    assert client.post("/auth/adgangskode", data=right).headers["location"].endswith("spaerret")
    with session_scope(loaded_db) as session:
        attempts = session.scalars(select(LoginAttempt.succeeded)).all()
    assert attempts.count(False) == MAX_FAILURES_PER_USERNAME + 2
    assert _user(loaded_db, "anna").password_hash == stored
    # As with logins, the owner is not locked out elsewhere.
    elsewhere = {"environ_base": {"REMOTE_ADDR": "10.0.0.9"}}
    response = login(_app(loaded_db).server.test_client(), "anna", **elsewhere)
    assert "fejl" not in response.headers["location"]


def test_a_one_time_password_set_by_the_admin_ends_the_users_sessions(loaded_db):
    add_user(loaded_db, "sekretariat", "admin")
    add_user(loaded_db, "bo", "arbejdsgruppe", "3B")
    join(loaded_db, "sekretariat")
    join(loaded_db, "bo")
    app = _app(loaded_db)
    admin, bo = app.server.test_client(), app.server.test_client()
    login(admin, "sekretariat")
    login(bo, "bo")
    bo_id = _user(loaded_db, "bo").id
    response = admin.post(
        "/auth/brugere/engangskode", data={"slug": AMAGER, "user": bo_id, "password": ONE_TIME}
    )
    assert response.headers["location"] == f"/p/{AMAGER}/admin?besked=engangskode#brugere"
    assert bo.get(f"/p/{AMAGER}/okonomi").status_code == 302
    assert _user(loaded_db, "bo").must_change_password
    login(bo, "bo", ONE_TIME)
    assert bo.get(f"/p/{AMAGER}/okonomi").headers["location"] == "/adgangskode"
    # A callback is refused too while the password is one-time.
    assert bo.post("/_dash-update-component", json={}).status_code == 403


def test_the_user_forms_need_an_admin_of_the_partnership(loaded_db):
    add_user(loaded_db, "styre", "styregruppe")
    join(loaded_db, "styre")
    load_second_partnership(loaded_db)
    add_user(loaded_db, "anden-admin", "admin", partnerships=(SECOND,))
    app = _app(loaded_db)
    before = dump(loaded_db, skip=("login_attempt", "login_throttle", "user_session"))
    new_user = {"username": "indtrænger", "role": "admin", "password": ONE_TIME}
    anonymous = app.server.test_client()
    assert anonymous.post("/auth/brugere/ny", data={"slug": AMAGER, **new_user}).status_code == 401
    styre = app.server.test_client()
    login(styre, "styre")
    assert styre.post("/auth/brugere/ny", data={"slug": AMAGER, **new_user}).status_code == 403
    foreign = app.server.test_client()
    login(foreign, "anden-admin")
    assert foreign.post("/auth/brugere/ny", data={"slug": AMAGER, **new_user}).status_code == 404
    # In their own partnership, they may not add someone to Amager's.
    response = foreign.post(
        "/auth/brugere/ny", data={"slug": SECOND, "partnership": AMAGER, **new_user}
    )
    assert response.headers["location"].endswith("fejl=partnerskab#brugere")
    styre_id = _user(loaded_db, "styre").id
    response = foreign.post(
        "/auth/brugere/engangskode", data={"slug": SECOND, "user": styre_id, "password": ONE_TIME}
    )
    assert response.headers["location"].endswith("fejl=bruger#brugere")
    assert dump(loaded_db, skip=("login_attempt", "login_throttle", "user_session")) == before


def test_an_admin_changes_roles_and_access_of_their_partnership_only(loaded_db):
    load_second_partnership(loaded_db)
    for name, role, slug in (
        ("sekretariat", "admin", AMAGER),
        ("cecilie", "styregruppe", AMAGER),
        ("fremmed", "styregruppe", SECOND),
    ):
        add_user(loaded_db, name, role, partnerships=(slug,))
    admin = _user(loaded_db, "sekretariat")
    with session_scope(loaded_db) as session:
        from dashboard.queries.partnership import partnership_by_slug

        amager = partnership_by_slug(session, AMAGER).id
        actor = SessionUser(admin.id, admin.username, "admin", None, "", frozenset({amager}))
        cecilie = _user(loaded_db, "cecilie").id
        assert change_role(session, actor, amager, cecilie, "arbejdsgruppe").role == "arbejdsgruppe"
        assert set_active(session, actor, amager, cecilie, False).active is False
        for target in (_user(loaded_db, "fremmed").id, admin.id):
            with pytest.raises(AccountRefused):
                set_active(session, actor, amager, target, False)
        with pytest.raises(AccountRefused, match="rolle"):
            change_role(session, actor, amager, cecilie, "anonymous")
