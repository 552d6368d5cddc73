"""Login, roles, cookies, rate limiting, production key, and the users CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.cli import main
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import LoginAttempt, User
from dashboard.services.users import MAX_FAILURES_PER_USERNAME
from tests.accounts import PASSWORD, add_user, login

# An internal page of the bundled partnership (the old "/leverancer" redirects here).
LEVERANCER = "/p/amager-partnerskab/leverancer"

KEY = "k" * 40


def make_app(url: str, **config):
    return create_app(Config(database_url=url, secret_key=KEY, auto_init=False, **config))


@pytest.fixture
def client(loaded_db):
    add_user(loaded_db, "arbejder", "arbejdsgruppe", "3B")
    return make_app(loaded_db).server.test_client()


def _session_cookie(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_password_is_stored_as_a_scrypt_hash_never_in_clear(loaded_db):
    add_user(loaded_db, "arbejder", "arbejdsgruppe")
    with session_scope(loaded_db) as session:
        stored = session.scalars(select(User.password_hash)).one()
    assert stored.startswith("scrypt:")
    assert PASSWORD not in stored


def test_login_sets_an_httponly_lax_cookie_and_a_new_session(client):
    # A visitor session exists before login (the login page's layout is read with it).
    with client.session_transaction() as before:
        before["planted"] = "by an attacker"
    response = login(client, "arbejder", next_path=LEVERANCER)
    assert response.status_code == 303
    assert response.headers["Location"] == LEVERANCER
    cookie = _session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # only in production
    with client.session_transaction() as after:
        assert "planted" not in after  # nothing from before login survives
        assert after["_user_id"]
    assert client.get(LEVERANCER).status_code == 200


def test_anonymous_full_page_load_of_internal_page_goes_to_login(client):
    response = client.get(LEVERANCER)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next={LEVERANCER}"
    assert client.get("/").status_code == 200
    assert client.get("/login").status_code == 200


def test_login_never_redirects_to_another_site(client):
    # A tab is dropped by browsers ("//evil.example"); a line break cannot be a header.
    for target in (
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "/\r\nSet-Cookie: x=1",
    ):
        response = login(client, "arbejder", next_path=target)
        assert response.headers["Location"] == "/"


def test_a_login_sent_before_the_form_knew_its_next_still_goes_to_the_page(client):
    # The form's hidden "next" is filled by a callback; a quick login comes without it.
    page = f"http://localhost/login?next={LEVERANCER}"
    response = login(client, "arbejder", next_path="", headers={"Referer": page})
    assert response.headers["Location"] == LEVERANCER
    for referer in (
        "http://localhost/login?next=//evil.example",  # the page's own next, but off-site
        f"https://evil.example/login?next={LEVERANCER}",  # another site's login page
        f"http://localhost/plan?next={LEVERANCER}",  # not the login page
        "http://[::1/",  # no URL
    ):
        response = login(client, "arbejder", next_path="", headers={"Referer": referer})
        assert response.headers["Location"] == "/", referer


def _login_message(client, search: str) -> tuple[str, str]:
    """What the login page says for the query ``search`` (its Dash callback, as the browser
    calls it)."""
    body = {
        "output": "..login-next.value...login-melding.children...login-melding.className..",
        "outputs": [
            {"id": "login-next", "property": "value"},
            {"id": "login-melding", "property": "children"},
            {"id": "login-melding", "property": "className"},
        ],
        "inputs": [{"id": "url", "property": "search", "value": search}],
        "changedPropIds": ["url.search"],
        "state": [],
    }
    answer = client.post("/_dash-update-component", json=body).get_json()["response"]
    return answer["login-melding"]["children"], answer["login-melding"]["className"]


def test_the_login_page_says_why_when_an_internal_page_sent_the_visitor_there(client):
    message, kind = _login_message(client, "?next=/p/amager-partnerskab/okonomi")
    assert message.startswith("Siden, du ville åbne, er kun for partnerskabets styregruppe")
    assert kind == "alert alert-info"
    assert _login_message(client, "") == ("", "")  # went to /login on purpose
    message, kind = _login_message(client, "?fejl=invalid&next=/p/amager-partnerskab/okonomi")
    assert kind == "alert alert-danger" and not message.startswith("Siden, du ville")


def test_wrong_password_is_refused_with_a_message_code(client):
    response = login(client, "arbejder", password="forkert-forkert")
    assert response.status_code == 303
    assert "fejl=invalid" in response.headers["Location"]
    assert client.get(LEVERANCER).status_code == 302


def test_too_many_failures_block_that_address_for_the_name_in_every_worker(loaded_db):
    add_user(loaded_db, "arbejder", "arbejdsgruppe")
    # Two apps on one database stand for two gunicorn workers.
    worker_a = make_app(loaded_db).server.test_client()
    worker_b = make_app(loaded_db).server.test_client()
    for _ in range(MAX_FAILURES_PER_USERNAME):
        login(worker_a, "arbejder", password="forkert-forkert")
    response = login(worker_b, "arbejder")
    assert "fejl=blocked" in response.headers["Location"]
    assert worker_b.get(LEVERANCER).status_code == 302
    with session_scope(loaded_db) as session:
        attempts = session.scalars(select(LoginAttempt)).all()
    assert len(attempts) == MAX_FAILURES_PER_USERNAME + 1
    assert not any(a.succeeded for a in attempts)


def test_disabled_user_loses_an_open_session(client, loaded_db):
    login(client, "arbejder")
    assert client.get(LEVERANCER).status_code == 200
    result = CliRunner().invoke(main, ["users", "disable", "arbejder"], env=_env(loaded_db))
    assert result.exit_code == 0, result.output
    assert client.get(LEVERANCER).status_code == 302


def test_logout_ends_the_session(client):
    login(client, "arbejder")
    assert client.post("/auth/logout").status_code == 303
    assert client.get(LEVERANCER).status_code == 302


def test_production_refuses_to_start_without_a_real_secret_key(db_url):
    for weak in ("", "short"):
        config = Config(database_url=db_url, secret_key=weak, production=True, auto_init=False)
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            create_app(config)


def test_production_cookie_is_secure(loaded_db):
    add_user(loaded_db, "arbejder", "arbejdsgruppe")
    client = make_app(loaded_db, production=True).server.test_client()
    # Production serves HTTPS only (plain HTTP is redirected), so log in over HTTPS.
    response = client.post(
        "/auth/login",
        data={"username": "arbejder", "password": PASSWORD, "next": "/"},
        base_url="https://localhost",
    )
    cookie = _session_cookie(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def _env(url: str) -> dict[str, str]:
    return {"DATABASE_URL": url}


def test_users_cli_adds_lists_changes_role_and_disables(loaded_db, cli_env):
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["users", "add", "Mette", "--role", "arbejdsgruppe", "--party", "3B", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["users", "set-role", "mette", "styregruppe"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["users", "disable", "mette"])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(main, ["users", "list"]).output
    assert listing.split() == ["mette", "styregruppe", "3B", "disabled", "amager-partnerskab"]
    client = make_app(loaded_db).server.test_client()
    assert "fejl=invalid" in login(client, "mette").headers["Location"]


def test_users_cli_refuses_bad_input_with_exit_1(loaded_db, cli_env):
    runner = CliRunner()
    add = ["users", "add", "ole", "--role", "admin", "--password-stdin"]
    result = runner.invoke(main, add, input="kort\n")
    assert result.exit_code == 1 and "at least" in result.output
    result = runner.invoke(main, [*add, "--party", "Findes Ikke"], input=PASSWORD + "\n")
    assert result.exit_code == 1 and "no party" in result.output
    result = runner.invoke(main, ["users", "set-role", "ingen", "admin"])
    assert result.exit_code == 1 and "no user" in result.output
    assert runner.invoke(main, ["users", "set-role", "ole", "konge"]).exit_code == 2
