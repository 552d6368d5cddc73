"""Page /admin (Administration): the secretariat's work in the browser, for role admin only.

Uploads with a preview (``uploads``), the load log (``load_log``) and the partnership's users
(``users``). The router shows the page to admins only (``DashPage.roles``) and every callback
refuses any other role on the server, whatever the browser sends.
"""

from __future__ import annotations

from dash import html

from dashboard.auth import Scope
from dashboard.pages.admin import load_log, uploads, users

PATH = "/admin"
TITLE = "Administration"


def layout(scope: Scope):
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                f"Sekretariatets arbejde for {scope.name}: indlæs planer, budgetter og tal, se "
                "indlæsningsloggen, og administrér brugere."
            ),
            uploads.layout(scope),
            load_log.layout(scope),
            users.layout(scope),
        ]
    )


def register_callbacks(app) -> None:
    uploads.register_callbacks(app)
    load_log.register_callbacks(app)
    users.register_callbacks(app)
