"""The load log section: every load of the partnership's plan and budget and of the shared
figures, from the browser or the CLI, newest first; refreshed after each upload."""

from __future__ import annotations

from dash import Input, Output, State, html

from dashboard.auth import PARTNERSHIP_STORE, Scope, requires_role
from dashboard.components.upload_views import load_log_table
from dashboard.db import request_session
from dashboard.queries.load_log import partnership_loads
from dashboard.roles import ADMIN_ROLES

# Bumped by an upload's "Indlæs", so the log shows the new load at once.
LOADED_STORE = "admin-indlaest"


def layout(scope: Scope):
    return html.Section(
        [
            html.H2("Indlæsningslog", className="mt-4"),
            html.P(
                "Alle indlæsninger, fra browseren og fra kommandolinjen: fil, SHA-256, hvem, "
                "hvornår, rækker, resultat og advarsler. En fejlet indlæsning står med sin årsag."
            ),
            html.Div(_table(scope), id="admin-log"),
        ],
        id="indlaesningslog",
    )


def _table(scope: Scope):
    with request_session() as session:
        return load_log_table(partnership_loads(session, scope.id))


def register_callbacks(app) -> None:
    @app.callback(
        Output("admin-log", "children"),
        Input(LOADED_STORE, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def refresh(_loaded, scope: Scope):
        return _table(scope)
