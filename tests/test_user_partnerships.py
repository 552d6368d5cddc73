"""Which partnerships a user's role holds in: given with ``users add``, the only one by
default, required once there are several (or ``--all-partnerships`` for an admin), changed
with ``users set-partnerships``, which ends the user's sessions."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.cli import main
from dashboard.db import session_scope
from dashboard.model import UserSession
from dashboard.services.sessions import resume_session, start_session
from dashboard.services.users import find_user
from tests.accounts import PASSWORD
from tests.conftest import FIXTURES

TINGBJERG = FIXTURES / "plans" / "tryghedsplan-tingbjerg-husum.txt"


def run(*args, password: bool = False):
    return CliRunner().invoke(
        main, list(args), input=PASSWORD + "\n" if password else None, catch_exceptions=False
    )


def add(name: str, role: str, *options: str):
    return run("users", "add", name, "--role", role, "--password-stdin", *options, password=True)


def listing() -> dict[str, list[str]]:
    lines = run("users", "list").stdout.splitlines()
    return {line.split("\t")[0]: line.split("\t")[1:] for line in lines}


@pytest.fixture
def two(loaded_db, cli_env):
    result = run("load", "plan", str(TINGBJERG), "--partnership", "tingbjerg-husum")
    assert result.exit_code == 0, result.stderr
    return loaded_db


def test_with_one_partnership_a_new_user_belongs_to_it(loaded_db, cli_env):
    result = add("Mette", "arbejdsgruppe", "--party", "3B")
    assert result.exit_code == 0, result.stderr
    assert "amager-partnerskab" in result.stdout
    assert listing()["mette"] == ["arbejdsgruppe", "3B", "active", "amager-partnerskab"]


def test_with_several_the_partnerships_are_required_and_checked(two):
    missing = add("ole", "arbejdsgruppe")
    assert missing.exit_code == 2
    assert "give --partnership" in missing.stderr
    assert "amager-partnerskab, tingbjerg-husum" in missing.stderr
    unknown = add("ole", "arbejdsgruppe", "--partnership", "tingbjerg")
    assert unknown.exit_code == 1 and "no partnership 'tingbjerg'" in unknown.stderr
    not_admin = add("ole", "arbejdsgruppe", "--all-partnerships")
    assert not_admin.exit_code == 1 and "only an admin" in not_admin.stderr
    assert "ole" not in listing()
    both = ("--partnership", "tingbjerg-husum", "--partnership", "amager-partnerskab")
    assert add("ole", "arbejdsgruppe", *both).exit_code == 0
    assert add("sekretariat", "admin", "--all-partnerships").exit_code == 0
    users = listing()
    assert users["ole"][-1] == "amager-partnerskab,tingbjerg-husum"
    assert users["sekretariat"][-1] == "all partnerships"


def test_set_partnerships_replaces_them_and_ends_the_sessions(two, db_url):
    assert add("ole", "admin", "--partnership", "amager-partnerskab").exit_code == 0
    with session_scope(db_url) as session:
        token = start_session(session, find_user(session, "ole"))
    assert run("users", "set-partnerships", "ole").exit_code == 2
    result = run("users", "set-partnerships", "ole", "--partnership", "tingbjerg-husum")
    assert result.exit_code == 0 and "tingbjerg-husum" in result.stdout
    assert listing()["ole"][-1] == "tingbjerg-husum"
    with session_scope(db_url) as session:
        assert resume_session(session, token) is None
        reasons = session.scalars(select(UserSession.end_reason)).all()
    assert reasons == ["partnerships"]
    # the same set again changes nothing and ends nothing
    with session_scope(db_url) as session:
        token = start_session(session, find_user(session, "ole"))
    assert (
        run("users", "set-partnerships", "ole", "--partnership", "tingbjerg-husum").exit_code == 0
    )
    with session_scope(db_url) as session:
        assert resume_session(session, token) is not None
    assert run("users", "set-partnerships", "ole", "--all-partnerships").exit_code == 0
    assert listing()["ole"][-1] == "all partnerships"


def test_an_admin_of_all_partnerships_keeps_the_role_until_given_partnerships(two):
    assert add("sekretariat", "admin", "--all-partnerships").exit_code == 0
    refused = run("users", "set-role", "sekretariat", "styregruppe")
    assert refused.exit_code == 1 and "set-partnerships" in refused.stderr
    assert run("users", "set-partnerships", "sekretariat", "--partnership", "folehaven").exit_code
    assert (
        run("users", "set-partnerships", "sekretariat", "--partnership", "tingbjerg-husum")
    ).exit_code == 0
    assert run("users", "set-role", "sekretariat", "styregruppe").exit_code == 0
    assert listing()["sekretariat"][0::3] == ["styregruppe", "tingbjerg-husum"]
