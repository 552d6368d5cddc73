"""The users section: the partnership's users, a new user, role changes, disabling and
enabling, and one-time passwords.

Anything that carries a password (a new user's one-time password, a new one-time password)
is a plain form posting to a Flask route (``dashboard.account``), so no password passes
through a callback; the route redirects back here with a fixed message code in the URL.
Role changes and disabling carry none and are callbacks, each checked on the server.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, html, no_update

from dashboard.account import NEW_USER_POST, ONE_TIME_POST
from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.callback_guard import RowId
from dashboard.components.tables import Column, data_table
from dashboard.db import request_session
from dashboard.queries.accounts import partnership_users, party_choices
from dashboard.queries.partnership import partnerships
from dashboard.roles import ADMIN_ROLES
from dashboard.services.accounts import (
    ASSIGNABLE_ROLES,
    MESSAGES,
    AccountRefused,
    change_role,
    set_active,
)

DONE = {
    "oprettet": "Brugeren er oprettet med en engangskode, som skal skiftes ved første login.",
    "engangskode": (
        "Engangskoden er sat. Brugerens åbne sessioner er afsluttet, og koden skal skiftes ved "
        "næste login."
    ),
}
ROLE_LABELS = {"styregruppe": "Styregruppe", "arbejdsgruppe": "Arbejdsgruppe", "admin": "Admin"}
ROLE_OPTIONS = [{"label": ROLE_LABELS[r], "value": r} for r in ASSIGNABLE_ROLES]


def layout(scope: Scope):
    with request_session() as session:
        users = partnership_users(session, scope.id)
        parties = party_choices(session)
        mine = [p for p in partnerships(session) if scope.user.member_of(p.id)]
    choices = _user_options(users, scope)
    return html.Section(
        [
            html.H2("Brugere", className="mt-4"),
            html.Div(id="admin-besked", role="status"),
            html.Div(_table(users), id="bruger-tabel"),
            html.Div(
                [
                    html.H3("Rolle og adgang", className="h4 mt-3"),
                    dbc.Label("Bruger", html_for="bruger-valgt"),
                    dbc.Select(id="bruger-valgt", options=choices, value=_first(choices)),
                    dbc.Label("Rolle", html_for="bruger-rolle", className="mt-2"),
                    dbc.Select(id="bruger-rolle", options=ROLE_OPTIONS, value="arbejdsgruppe"),
                    html.Div(
                        [
                            html.Button(
                                "Skift rolle",
                                id="bruger-gem-rolle",
                                className="btn btn-primary me-2",
                            ),
                            html.Button(
                                "Spær", id="bruger-spaer", className="btn btn-outline-danger me-2"
                            ),
                            html.Button(
                                "Genåbn", id="bruger-aabn", className="btn btn-outline-secondary"
                            ),
                        ],
                        className="mt-2",
                    ),
                    html.Div(id="bruger-svar", role="status", className="mt-2"),
                ],
                # As wide as the forms below it: a select of a user name needs no 1,250 px.
                style={"maxWidth": "32rem"},
            ),
            _one_time_form(scope, choices),
            _new_user_form(scope, parties, mine),
        ],
        id="brugere",
    )


def _first(options: list[dict]) -> str | None:
    return options[0]["value"] if options else None


def _user_options(users, scope: Scope) -> list[dict]:
    # Only whom this admin may change: not themselves, not an admin of every partnership.
    return [
        {"label": u.username, "value": str(u.id)}
        for u in users
        if u.id != scope.user.id and (scope.user.all_partnerships or not u.all_partnerships)
    ]


def _table(users):
    rows = [
        {
            "name": u.username,
            "role": ROLE_LABELS.get(u.role, u.role),
            "party": u.party or "–",
            "partnerships": "alle" if u.all_partnerships else ", ".join(u.partnerships),
            "state": ("aktiv" if u.active else "spærret")
            + (" · skal skifte adgangskode" if u.must_change_password else ""),
        }
        for u in users
    ]
    columns = [
        Column("name", "Brugernavn"),
        Column("role", "Rolle"),
        Column("party", "Aktør"),
        Column("partnerships", "Partnerskaber"),
        Column("state", "Status"),
    ]
    return data_table("Partnerskabets brugere", columns, rows, stack=True, empty="Ingen brugere.")


def _hidden_slug(scope: Scope):
    return dbc.Input(type="hidden", name="slug", value=scope.slug)


def _one_time_form(scope: Scope, choices: list[dict]):
    return html.Form(
        [
            html.H3("Engangskode", className="h4 mt-4"),
            html.P(
                "Giv en bruger en engangskode, fx når den har glemt sin adgangskode. Brugeren "
                "skal vælge sin egen ved næste login, og alle brugerens åbne sessioner afsluttes."
            ),
            _hidden_slug(scope),
            dbc.Label("Bruger", html_for="engang-bruger"),
            dbc.Select(id="engang-bruger", name="user", options=choices, value=_first(choices)),
            *_one_time_password_field("engang-kode"),
            html.Button("Sæt engangskode", type="submit", className="btn btn-primary mt-2"),
        ],
        action=ONE_TIME_POST,
        method="post",
        style={"maxWidth": "32rem"},
    )


def _one_time_password_field(field_id: str) -> list:
    """The field a one-time password is typed in: never filled in, never offered again."""
    return [
        dbc.Label("Engangskode", html_for=field_id, className="mt-2"),
        dbc.Input(
            id=field_id,
            name="password",
            type="password",
            autoComplete="new-password",
            required=True,
            minLength=10,
        ),
    ]


def _new_user_form(scope: Scope, parties, mine):
    party_options = [{"label": "Ingen aktør", "value": ""}] + [
        {"label": name, "value": str(pid)} for pid, name in parties
    ]
    return html.Form(
        [
            html.H3("Ny bruger", className="h4 mt-4"),
            html.P(
                "Brugeren logger ind med engangskoden og skal straks vælge sin egen adgangskode "
                "(mindst 10 tegn, ikke let at gætte)."
            ),
            _hidden_slug(scope),
            dbc.Label("Brugernavn", html_for="ny-navn"),
            dbc.Input(id="ny-navn", name="username", required=True, maxLength=120),
            dbc.Label("Rolle", html_for="ny-rolle", className="mt-2"),
            dbc.Select(id="ny-rolle", name="role", options=ROLE_OPTIONS, value="arbejdsgruppe"),
            dbc.Label("Aktør", html_for="ny-aktoer", className="mt-2"),
            dbc.Select(id="ny-aktoer", name="party", options=party_options, value=""),
            dbc.Label("Partnerskab", html_for="ny-partnerskab", className="mt-2"),
            dbc.Select(
                id="ny-partnerskab",
                name="partnership",
                options=[{"label": p.name, "value": p.slug} for p in mine],
                value=scope.slug,
            ),
            *_one_time_password_field("ny-kode"),
            html.Button("Opret bruger", type="submit", className="btn btn-primary mt-2"),
        ],
        action=NEW_USER_POST,
        method="post",
        style={"maxWidth": "32rem"},
        className="mb-4",
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("admin-besked", "children"),
        Output("admin-besked", "className"),
        Input("url", "search"),
        State(PARTNERSHIP_STORE, "data"),
    )
    @requires_role(*ADMIN_ROLES)
    def show_message(search: str | None, scope: Scope):
        """The answer of a user form (a fixed code; nothing typed is ever echoed)."""
        query = parse_qs((search or "").lstrip("?"))
        done = DONE.get((query.get("besked") or [""])[0])
        if done:
            return done, "alert alert-success"
        error = MESSAGES.get((query.get("fejl") or [""])[0])
        return (error, "alert alert-danger") if error else (None, "")

    @app.callback(
        Output("bruger-svar", "children"),
        Output("bruger-svar", "className"),
        Output("bruger-tabel", "children"),
        Input("bruger-gem-rolle", "n_clicks"),
        Input("bruger-spaer", "n_clicks"),
        Input("bruger-aabn", "n_clicks"),
        State("bruger-valgt", "value"),
        State("bruger-rolle", "value"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def change(_role, _disable, _enable, user_id: RowId, role: str | None, scope: Scope):
        if user_id is None:
            return "Vælg en bruger.", "alert alert-warning mt-2", no_update
        try:
            with request_session() as session:
                if ctx.triggered_id == "bruger-gem-rolle":
                    user = change_role(session, scope.user, scope.id, user_id, role or "")
                    done = f"{user.username} har nu rollen {ROLE_LABELS[user.role].lower()}."
                else:
                    active = ctx.triggered_id == "bruger-aabn"
                    user = set_active(session, scope.user, scope.id, user_id, active)
                    done = f"{user.username} er {'genåbnet' if active else 'spærret'}."
        except AccountRefused as refused:
            return refused.text, "alert alert-danger mt-2", no_update
        with request_session() as session:
            table = _table(partnership_users(session, scope.id))
        return done, "alert alert-success mt-2", table
