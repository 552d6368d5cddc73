"""Page /login: the working group and steering committee log in here.

The form posts to the Flask route in ``dashboard.auth`` (not a callback), so the password
never passes through Dash and the session cookie is set by a normal response.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import Input, Output, html

from dashboard.auth import LOGIN_POST, public_callback, safe_next

PATH = "/login"
TITLE = "Log ind"

# Only these fixed texts are ever shown; the query string is never echoed.
MESSAGES = {
    "invalid": "Brugernavn eller adgangskode er forkert.",
    "blocked": (
        "For mange forkerte forsøg. Vent et kvarter, og prøv igen, eller kontakt sekretariatet."
    ),
}


LOGIN_FIRST = (
    "Siden, du ville åbne, er kun for partnerskabets styregruppe, arbejdsgruppe og "
    "sekretariat. Log ind, så kommer du derhen."
)


def layout():
    return html.Div(
        [
            html.H1(TITLE),
            html.P("Log ind for at se og opdatere partnerskabets interne sider."),
            html.Div(id="login-melding", role="alert"),
            html.Form(
                [
                    dbc.Label("Brugernavn", html_for="login-brugernavn"),
                    dbc.Input(
                        id="login-brugernavn",
                        name="username",
                        autoComplete="username",
                        required=True,
                        className="mb-3",
                    ),
                    dbc.Label("Adgangskode", html_for="login-adgangskode"),
                    dbc.Input(
                        id="login-adgangskode",
                        name="password",
                        type="password",
                        autoComplete="current-password",
                        required=True,
                        className="mb-3",
                    ),
                    dbc.Input(id="login-next", name="next", type="hidden", value=""),
                    html.Button("Log ind", type="submit", className="btn btn-primary"),
                ],
                action=LOGIN_POST,
                method="post",
                style={"maxWidth": "24rem"},
            ),
        ]
    )


def register_callbacks(app) -> None:
    @app.callback(
        Output("login-next", "value"),
        Output("login-melding", "children"),
        Output("login-melding", "className"),
        Input("url", "search"),
    )
    @public_callback
    def read_query(search: str | None):
        query = parse_qs((search or "").lstrip("?"))
        target = safe_next((query.get("next") or ["/"])[0])
        message = MESSAGES.get((query.get("fejl") or [""])[0], "")
        if message:
            return target, message, "alert alert-danger"
        if target != "/":
            # Sent here from an internal page (a shared link, a bookmark): say why.
            return target, LOGIN_FIRST, "alert alert-info"
        return target, "", ""
