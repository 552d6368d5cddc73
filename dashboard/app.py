"""The app factory: one Dash app on one Flask server, wired from a ``Config``."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import flask
from dash import Input, Output, dcc, html, no_update

from dashboard.auth import (
    init_auth,
    login_url,
    may_read,
    protect_pages,
    public_callback,
    user_menu,
)
from dashboard.config import Config
from dashboard.errors import init_database_errors
from dashboard.pages import PAGES
from dashboard.public import register_public
from dashboard.security import init_security
from dashboard.static_delivery import init_static_delivery

NOT_FOUND = html.Div(
    # refresh=True: "/" is the public page served by Flask, not a Dash page.
    [html.H1("Siden findes ikke"), html.P(dcc.Link("Gå til forsiden", href="/", refresh=True))],
)


def _navbar() -> dbc.Navbar:
    # "/" (Overblik) is the public page served by Flask: a full page load, not a Dash route.
    links = [dbc.NavItem(dbc.NavLink("Overblik", href="/", external_link=True))] + [
        dbc.NavItem(dbc.NavLink(page.TITLE, href=page.PATH, active="exact"))
        for page in PAGES
        if getattr(page, "IN_NAV", True)
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    "Amager Partnerskab · Tryghedsdashboard", href="/", external_link=True
                ),
                dbc.Nav(links, navbar=True, className="flex-wrap"),
                user_menu(),
            ],
            fluid=True,
        ),
        color="primary",
        dark=True,
        className="mb-3",
        tag="header",
        role="banner",  # else the navbar says role="navigation", which a <header> may not
    )


def _shell() -> html.Div:
    return html.Div(
        [
            html.A("Spring til indhold", href="#indhold", className="visually-hidden-focusable"),
            dcc.Location(id="url"),
            # Set by the router to send an anonymous visitor of an internal page to /login.
            dcc.Location(id="login-redirect", refresh=True),
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
    # First, before touching the database: production refuses to start without a real key.
    secret_key = config.effective_secret_key()
    if config.auto_init:
        from data_loaders.defaults import init_database

        init_database(config.database_url)

    # The public pages go first: for two identical rules ("/") Flask serves the first one
    # registered, and Dash registers its own "/" and catch-all when it is constructed.
    server = flask.Flask(__name__, static_folder=None)
    register_public(server)
    # Bootstrap is served from assets/, never from a CDN: the app must work offline.
    app = dash.Dash(
        __name__,
        server=server,
        title="Tryghedsdashboard · Amager Partnerskab",
        assets_folder=str(_assets_folder()),
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="da">')
    server = app.server
    server.config.update(
        TRYGHED_DATABASE_URL=config.database_url,
        SECRET_KEY=secret_key,
    )
    init_database_errors(server)
    init_static_delivery(app)
    init_auth(server, config)
    protect_pages(server, {p.PATH for p in PAGES if not getattr(p, "PUBLIC", False)})
    # A function, so the navbar shows who is logged in on every page load.
    app.layout = _shell
    routes = {page.PATH: page for page in PAGES}

    @app.callback(
        Output("indhold", "children"),
        Output("login-redirect", "href"),
        Input("url", "pathname"),
    )
    @public_callback  # public pages to anyone; internal ones only with a role that may read
    def route(pathname: str | None):
        page = routes.get(pathname or "/")
        if page is None:
            return NOT_FOUND, no_update
        if not getattr(page, "PUBLIC", False) and not may_read():
            return html.P("Log ind for at se siden."), login_url(page.PATH)
        return page.layout(), no_update

    for page in PAGES:
        if hasattr(page, "register_callbacks"):
            page.register_callbacks(app)
    init_security(app, config)
    return app


def _assets_folder():
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "assets"
