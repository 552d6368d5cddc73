"""Test helpers: users with known passwords, and logging in through the real login route."""

from __future__ import annotations

from dashboard.db import session_scope
from dashboard.services.users import create_user

PASSWORD = "korrekt-hest-batteri"


def add_user(
    url: str,
    username: str,
    role: str,
    party: str | None = None,
    partnerships: tuple[str, ...] = (),
    all_partnerships: bool = False,
) -> None:
    with session_scope(url) as session:
        create_user(session, username, PASSWORD, role, party, partnerships, all_partnerships)


def login(client, username: str, password: str = PASSWORD, next_path: str = "/", **options):
    """POST the login form with a Flask test client (``options`` go to its ``post``, e.g.
    ``environ_base`` for the caller's address); returns the response."""
    return client.post(
        "/auth/login",
        data={"username": username, "password": password, "next": next_path},
        **options,
    )


def router_payload(path: str) -> dict:
    """The Dash request the page router makes when the browser goes to ``path``."""
    return {
        "output": (
            "..indhold.children...login-redirect.href...side-titel.data"
            "...sidehoved.children...sidefod.children.."
        ),
        "outputs": [
            {"id": "indhold", "property": "children"},
            {"id": "login-redirect", "property": "href"},
            {"id": "side-titel", "property": "data"},
            {"id": "sidehoved", "property": "children"},
            {"id": "sidefod", "property": "children"},
        ],
        "inputs": [{"id": "url", "property": "pathname", "value": path}],
        "changedPropIds": ["url.pathname"],
        "state": [],
    }


OKONOMI_VERSION_OUTPUTS = (
    ("okonomi-resume", "children"),
    ("okonomi-graf", "children"),
    ("okonomi-graf-note", "children"),
    ("ikke-besluttet", "children"),
    ("okonomi-tabel", "children"),
    ("okonomi-forankring", "children"),
    ("okonomi-grid", "children"),
    ("okonomi-omraade", "options"),
    ("okonomi-omraade", "value"),
)


def okonomi_version_payload(version_id: int) -> dict:
    """The Dash request /okonomi's version select makes when plan version ``version_id`` is
    chosen (Amager); the answer is under ``response[component][property]``."""
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in OKONOMI_VERSION_OUTPUTS) + "..",
        "outputs": [{"id": i, "property": p} for i, p in OKONOMI_VERSION_OUTPUTS],
        "inputs": [{"id": "okonomi-version", "property": "value", "value": str(version_id)}],
        "changedPropIds": ["okonomi-version.value"],
        "state": [{"id": "partnerskab", "property": "data", "value": "amager-partnerskab"}],
    }
