"""The app factory and the routing table: one Dash app on one Flask server, wired from a
``Config``.

Every URL the app answers is named here. Flask blueprints serve what needs no Dash: the
public pages and open data (``dashboard.public``), login and logout (``dashboard.auth``)
and the meeting pack (``dashboard.meeting_pack``). The Dash pages in ``DASH_PAGES`` are
rendered by the one router callback below, which is also where an anonymous visitor of an
internal page is sent to the login page. No other module adds a route.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import dash
import dash_bootstrap_components as dbc
import flask
from dash import Input, Output, State, dcc, html, no_update
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule

from dashboard.auth import auth_routes, init_auth, login_url, may_read, public_callback, user_menu
from dashboard.callback_guard import init_callback_guard
from dashboard.config import Config
from dashboard.errors import init_error_pages
from dashboard.meeting_pack.routes import pack_routes
from dashboard.pages import leverancer, login, moede, okonomi, plan, tryghed
from dashboard.public import public
from dashboard.security import init_security
from dashboard.static_delivery import init_static_delivery

ASSETS = Path(__file__).resolve().parents[1] / "assets"


@dataclass(frozen=True)
class DashPage:
    """A Dash page: its module gives ``PATH``, ``TITLE``, ``layout()`` and, if it has any,
    ``register_callbacks(app)``. ``public`` pages answer anyone; the others need a role
    that may read internal data."""

    module: ModuleType
    public: bool = False
    in_nav: bool = True

    @property
    def path(self) -> str:
        return self.module.PATH


# The Dash pages, in menu order. "/" (Overblik) is the public blueprint's, not Dash's.
DASH_PAGES = (
    DashPage(okonomi),
    DashPage(leverancer),
    DashPage(tryghed),
    DashPage(moede),
    DashPage(plan),
    DashPage(login, public=True, in_nav=False),
)
# Registered before Dash adds its own routes: for two identical rules ("/") Flask serves the
# first one registered, and Dash registers its "/" and catch-all when it is constructed.
BLUEPRINTS = (public, auth_routes, pack_routes)

APP_TITLE = "Tryghedsdashboard · Amager Partnerskab"
NOT_FOUND = html.Div(
    # refresh=True: "/" is the public page served by Flask, not a Dash page.
    [html.H1("Siden findes ikke"), html.P(dcc.Link("Gå til forsiden", href="/", refresh=True))],
)


class PageRouter:
    """Finds the Dash page of a path (werkzeug's URL map, so paths with parameters such as a
    partnership's slug match the same way Flask's own routes do)."""

    def __init__(self, pages: tuple[DashPage, ...]):
        self._pages = {page.path: page for page in pages}
        self._map = Map([Rule(page.path, endpoint=page.path) for page in pages])

    def match(self, path: str | None) -> DashPage | None:
        try:
            endpoint, _arguments = self._map.bind("").match(path or "/")
        except HTTPException:  # no such page (or a redirect werkzeug would suggest)
            return None
        return self._pages[endpoint]


def _navbar() -> html.Header:
    # "/" (Overblik) is the public page served by Flask: a full page load, not a Dash route.
    links = [dbc.NavItem(dbc.NavLink("Overblik", href="/", external_link=True))] + [
        dbc.NavItem(dbc.NavLink(page.module.TITLE, href=page.path, active="exact"))
        for page in DASH_PAGES
        if page.in_nav
    ]
    # On a phone the links fold behind a menu button, so the page starts at the top.
    return html.Header(
        dbc.Navbar(
            dbc.Container(
                [
                    dbc.NavbarBrand(
                        "Amager Partnerskab · Tryghedsdashboard", href="/", external_link=True
                    ),
                    # Bootstrap's toggler markup with a Danish name (dbc's says "Toggle").
                    html.Button(
                        html.Span(className="navbar-toggler-icon"),
                        id="menu-knap",
                        className="navbar-toggler",
                        type="button",
                        **{"aria-label": "Menu", "aria-controls": "menu"},
                    ),
                    dbc.Collapse(
                        [dbc.Nav(links, navbar=True, className="me-auto"), user_menu()],
                        id="menu",
                        navbar=True,
                    ),
                ],
                fluid=True,
            ),
            color="primary",
            dark=True,
            expand="xl",
            className="mb-3",
        ),
    )


def _tab_title(page_title: str) -> str:
    return f"{page_title} · {APP_TITLE}"


def _shell() -> html.Div:
    return html.Div(
        [
            html.A("Spring til indhold", href="#indhold", className="visually-hidden-focusable"),
            dcc.Location(id="url"),
            # Set by the router to send an anonymous visitor of an internal page to /login.
            dcc.Location(id="login-redirect", refresh=True),
            # The page's own title, which a clientside callback gives the browser tab.
            dcc.Store(id="side-titel"),
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

    server = flask.Flask(__name__, static_folder=None)
    for blueprint in BLUEPRINTS:
        server.register_blueprint(blueprint)
    # Bootstrap is served from assets/, never from a CDN: the app must work offline.
    app = dash.Dash(
        __name__,
        server=server,
        title=APP_TITLE,
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="da">')
    server.config.update(
        TRYGHED_DATABASE_URL=config.database_url,
        SECRET_KEY=secret_key,
        # The largest real request is a callback: a meeting's 40 agenda items of 2,000
        # characters are under 100 KB. A body over this is refused before it is read.
        MAX_CONTENT_LENGTH=config.max_request_bytes,
        # None: any Host header (the embedded mode and tests); production names its hosts.
        TRUSTED_HOSTS=config.trusted_hosts or None,
    )
    init_error_pages(server)
    init_static_delivery(app)
    init_auth(server, config)
    router = PageRouter(DASH_PAGES)

    @server.before_request
    def _send_anonymous_to_login():
        """A full page load of an internal page without a session goes to the login page."""
        page = router.match(flask.request.path) if flask.request.method == "GET" else None
        if page is not None and not page.public and not may_read():
            return flask.redirect(login_url(flask.request.path))
        return None

    # A function, so the navbar shows who is logged in on every page load.
    app.layout = _shell

    @app.callback(
        Output("indhold", "children"),
        Output("login-redirect", "href"),
        Output("side-titel", "data"),
        Input("url", "pathname"),
    )
    @public_callback  # public pages to anyone; internal ones only with a role that may read
    def route(pathname: str | None):
        page = router.match(pathname)
        if page is None:
            return NOT_FOUND, no_update, _tab_title("Siden findes ikke")
        if not page.public and not may_read():
            return html.P("Log ind for at se siden."), login_url(page.path), _tab_title("Log ind")
        return page.module.layout(), no_update, _tab_title(page.module.TITLE)

    app.clientside_callback(
        "function (title) { if (title) { document.title = title; } }",
        Input("side-titel", "data"),
    )
    app.clientside_callback(
        "function (clicks, open) { return clicks ? !open : open; }",
        Output("menu", "is_open"),
        Input("menu-knap", "n_clicks"),
        State("menu", "is_open"),
        prevent_initial_call=True,  # an initial call would animate the open menu shut
    )

    for page in DASH_PAGES:
        if hasattr(page.module, "register_callbacks"):
            page.module.register_callbacks(app)
    init_security(app, config)
    init_callback_guard(app)
    return app
