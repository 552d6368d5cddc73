"""Sessions the server can end, login limits nobody can turn against a user, and password
rules: the attacks of the security review, each as a test."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.cli import main
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import PlanVersion, User, UserSession
from dashboard.model.base import utcnow
from dashboard.services.sessions import (
    ABSOLUTE_LIFETIME,
    IDLE_TIMEOUT,
    resume_session,
    start_session,
)
from dashboard.services.users import (
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_USERNAME,
    AccountError,
    check_password_strength,
)
from tests.accounts import PASSWORD, add_user, login

LEVERANCER = "/p/amager-partnerskab/leverancer"

KEY = "k" * 40


def _app(url: str):
    return create_app(Config(database_url=url, secret_key=KEY, auto_init=False))


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def _internal_callback(url: str) -> dict:
    """The request /okonomi's first callback makes: internal data (the budget summary)."""
    with session_scope(url) as session:
        version = session.scalars(select(PlanVersion.id)).first()
    return {
        "output": "..okonomi-resume.children...okonomi-graf.children...ikke-besluttet.children..."
        "okonomi-tabel.children...okonomi-forankring.children...okonomi-grid.children..."
        "okonomi-omraade.options...okonomi-omraade.value..",
        "outputs": [
            {"id": i, "property": p}
            for i, p in (
                ("okonomi-resume", "children"),
                ("okonomi-graf", "children"),
                ("ikke-besluttet", "children"),
                ("okonomi-tabel", "children"),
                ("okonomi-forankring", "children"),
                ("okonomi-grid", "children"),
                ("okonomi-omraade", "options"),
                ("okonomi-omraade", "value"),
            )
        ],
        "inputs": [{"id": "okonomi-version", "property": "value", "value": str(version)}],
        "changedPropIds": ["okonomi-version.value"],
        "state": [{"id": "partnerskab", "property": "data", "value": "amager-partnerskab"}],
    }


@pytest.fixture
def member(loaded_db):
    add_user(loaded_db, "styre", "styregruppe")
    return loaded_db


def _cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_cookie_replayed_after_logout_gets_nothing(member):
    app = _app(member)
    client = app.server.test_client()
    login(client, "styre")
    saved = _cookie(client)
    callback = _internal_callback(member)
    assert client.post("/_dash-update-component", json=callback).status_code == 200
    assert client.post("/auth/logout").status_code == 303

    attacker = app.server.test_client()
    attacker.set_cookie("session", saved)
    response = attacker.post("/_dash-update-component", json=callback)
    assert response.status_code == 401
    assert "1.200.000" not in response.get_data(as_text=True)
    page = attacker.get(LEVERANCER)
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    "command",
    [
        (["users", "set-password", "styre", "--password-stdin"], "et-helt-nyt-kodeord-7\n"),
        (["users", "set-role", "styre", "arbejdsgruppe"], None),
        (["users", "disable", "styre"], None),
    ],
    ids=["password", "role", "disable"],
)
def test_password_role_change_and_disable_end_every_session(member, command):
    app = _app(member)
    phone, laptop = app.server.test_client(), app.server.test_client()
    login(phone, "styre")
    login(laptop, "styre")
    assert phone.get(LEVERANCER).status_code == 200
    args, stdin = command
    result = CliRunner().invoke(main, args, input=stdin, env={"DATABASE_URL": member})
    assert result.exit_code == 0, result.output
    assert phone.get(LEVERANCER).status_code == 302
    assert laptop.get(LEVERANCER).status_code == 302


def test_a_new_password_works_and_the_old_one_no_longer_does(member):
    runner = CliRunner()
    args = ["users", "set-password", "styre", "--password-stdin"]
    result = runner.invoke(
        main, args, input="et-helt-nyt-kodeord-7\n", env={"DATABASE_URL": member}
    )
    assert result.exit_code == 0, result.output
    client = _app(member).server.test_client()
    assert "fejl=invalid" in login(client, "styre").headers["Location"]
    assert login(client, "styre", password="et-helt-nyt-kodeord-7").headers["Location"] == "/"


def test_a_disabled_user_can_be_enabled_again(member):
    env = {"DATABASE_URL": member}
    assert CliRunner().invoke(main, ["users", "disable", "styre"], env=env).exit_code == 0
    client = _app(member).server.test_client()
    assert "fejl=invalid" in login(client, "styre").headers["Location"]
    result = CliRunner().invoke(main, ["users", "enable", "styre"], env=env)
    assert result.exit_code == 0, result.output
    assert login(client, "styre").headers["Location"] == "/"
    assert client.get(LEVERANCER).status_code == 200


def test_a_session_ends_after_its_lifetime_and_when_idle(member):
    with session_scope(member) as session:
        user = session.scalars(select(User)).one()
        start = utcnow()
        token = start_session(session, user, now=start)
    with session_scope(member) as session:
        # In use all day: still valid until the absolute lifetime, then not.
        moment = start
        while moment + timedelta(minutes=30) < start + ABSOLUTE_LIFETIME:
            moment += timedelta(minutes=30)
            assert resume_session(session, token, now=moment) is not None
        assert resume_session(session, token, now=start + ABSOLUTE_LIFETIME + timedelta(1)) is None
    with session_scope(member) as session:
        user = session.scalars(select(User)).one()
        token = start_session(session, user, now=start)
    with session_scope(member) as session:
        assert resume_session(session, token, now=start + IDLE_TIMEOUT - timedelta(minutes=1))
    with session_scope(member) as session:
        late = start + 2 * IDLE_TIMEOUT
        assert resume_session(session, token, now=late) is None
        assert session.scalars(select(UserSession)).all()  # kept: who was logged in, when


def test_a_stranger_cannot_lock_the_owner_out(member):
    app = _app(member)
    stranger, owner = app.server.test_client(), app.server.test_client()
    for _ in range(MAX_FAILURES_PER_USERNAME + 3):
        login(stranger, "styre", password="forkert-forkert", **_from("203.0.113.9"))
    blocked = login(stranger, "styre", **_from("203.0.113.9"))
    assert "fejl=blocked" in blocked.headers["Location"]  # even the right password, there
    assert login(owner, "styre", **_from("198.51.100.4")).headers["Location"] == "/"


def test_one_address_is_limited_across_usernames(member):
    client = _app(member).server.test_client()
    for number in range(MAX_FAILURES_PER_ADDRESS):
        login(client, f"gæt{number}", password="forkert-forkert", **_from("203.0.113.7"))
    blocked = login(client, "styre", **_from("203.0.113.7"))
    assert "fejl=blocked" in blocked.headers["Location"]


def test_parallel_guesses_get_no_more_password_checks_than_the_limit(member):
    app = _app(member)

    def guess(_):
        client = app.server.test_client()
        response = login(client, "styre", password="forkert-forkert", **_from("203.0.113.5"))
        return response.headers["Location"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(guess, range(40)))
    assert sum("fejl=invalid" in o for o in outcomes) == MAX_FAILURES_PER_USERNAME
    assert sum("fejl=blocked" in o for o in outcomes) == 40 - MAX_FAILURES_PER_USERNAME


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaa", "password12", "adgangskode1", "styre12345", "1234567890"]
)
def test_weak_and_common_passwords_are_refused(password):
    with pytest.raises(AccountError):
        check_password_strength(password, "styre")


def test_a_good_passphrase_is_accepted():
    check_password_strength(PASSWORD, "styre")
    check_password_strength("a-long-password", "anna")  # the README's example
