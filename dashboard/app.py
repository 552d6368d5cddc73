"""The app factory: one Dash app on one Flask server, wired from a ``Config``."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html

from dashboard.config import Config
from dashboard.pages import PAGES

NOT_FOUND = html.Div(
    [html.H1("Siden findes ikke"), html.P(dcc.Link("Gå til forsiden", href="/"))],
)


def _navbar() -> dbc.Navbar:
    links = [
        dbc.NavItem(dbc.NavLink(page.TITLE, href=page.PATH, active="exact"))
        for page in PAGES
        if getattr(page, "IN_NAV", True)
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Amager Partnerskab · Tryghedsdashboard", href="/"),
                dbc.Nav(links, navbar=True, className="flex-wrap"),
            ],
            fluid=True,
        ),
        color="primary",
        dark=True,
        className="mb-3",
        tag="header",
    )


def _shell() -> html.Div:
    return html.Div(
        [
            html.A("Spring til indhold", href="#indhold", className="visually-hidden-focusable"),
            dcc.Location(id="url"),
            _navbar(),
            html.Main(dbc.Container(id="indhold", fluid=True), id="main"),
            html.Footer(
                dbc.Container(
                    "Amager Partnerskab: Københavns Kommune, Københavns Politi, "
                    "SSP København og 3B.",
                    fluid=True,
                ),
                className="text-muted small py-3",
            ),
        ]
    )


def create_app(config: Config | None = None) -> dash.Dash:
    """Build the app. In embedded mode the database is created, migrated and filled first."""
    config = config or Config.from_env()
    if config.auto_init:
        from data_loaders.defaults import init_database

        init_database(config.database_url)

    # Bootstrap is served from assets/, never from a CDN: the app must work offline.
    app = dash.Dash(
        __name__,
        title="Tryghedsdashboard · Amager Partnerskab",
        assets_folder=str(_assets_folder()),
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="da">')
    server = app.server
    server.config.update(
        TRYGHED_DATABASE_URL=config.database_url,
        SECRET_KEY=config.effective_secret_key(),
    )
    app.layout = _shell()
    routes = {page.PATH: page for page in PAGES}

    @app.callback(Output("indhold", "children"), Input("url", "pathname"))
    def route(pathname: str | None):
        page = routes.get(pathname or "/")
        return NOT_FOUND if page is None else page.layout()

    for page in PAGES:
        if hasattr(page, "register_callbacks"):
            page.register_callbacks(app)
    return app


def _assets_folder():
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "assets"
