"""The app factory and the routing table: one Dash app on one Flask server, wired from a
``Config``.

Every URL the app answers is named here. Flask blueprints serve what needs no Dash: the
public pages and open data (``dashboard.public``), login and logout (``dashboard.auth``)
and the meeting pack (``dashboard.meeting_pack``). The Dash pages in ``DASH_PAGES`` are
rendered by the one router callback below, which is also where an anonymous visitor of an
internal page is sent to the login page; a first load gets its page with the layout, by the
same rule (``visible``). No other module adds a route.

An internal page belongs to a partnership: ``/p/<slug>/okonomi``. The unprefixed URLs of
before (``/okonomi``) answer with a redirect to the user's partnership, or the only one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import dash
import dash_bootstrap_components as dbc
import flask
import flask_login
from dash import Input, Output, State, dcc, html, no_update

from dashboard.account import account_routes
from dashboard.auth import (
    PARTNERSHIP_STORE,
    Scope,
    auth_routes,
    current_role,
    init_auth,
    login_url,
    may_read,
    public_callback,
    user_menu,
)
from dashboard.callback_guard import init_callback_guard
from dashboard.components.glance_views import period_banner
from dashboard.config import Config
from dashboard.db import request_session
from dashboard.errors import init_error_pages
from dashboard.first_request import set_up_before_serving
from dashboard.meeting_pack.routes import pack_routes
from dashboard.pages import (
    admin,
    bylivspuljen,
    leverancer,
    login,
    moede,
    okonomi,
    plan,
    tryghed,
    tryghedsvandringer,
)
from dashboard.public import public
from dashboard.queries.partnership import (
    PartnershipRef,
    only_partnership,
    partnership_by_slug,
    partnership_members,
    partnerships,
)
from dashboard.roles import ADMIN_ROLES, READ_ROLES
from dashboard.routing import DashPage, PageRouter
from dashboard.security import init_security
from dashboard.static_delivery import init_static_delivery
from dashboard.urls import partnership_path

ASSETS = Path(__file__).resolve().parents[1] / "assets"


# The Dash pages, in menu order. "/" (Overblik) is the public blueprint's, not Dash's.
DASH_PAGES = (
    DashPage(okonomi),
    DashPage(leverancer),
    DashPage(tryghed),
    DashPage(moede),
    DashPage(plan),
    DashPage(bylivspuljen),
    DashPage(tryghedsvandringer),
    DashPage(admin, roles=ADMIN_ROLES),
    DashPage(login, public=True, in_nav=False),
)
# Registered before Dash adds its own routes: for two identical rules ("/") Flask serves the
# first one registered, and Dash registers its "/" and catch-all when it is constructed.
BLUEPRINTS = (public, auth_routes, account_routes, pack_routes)

APP_TITLE = "Tryghedsdashboard"
NOT_FOUND = html.Div(
    # refresh=True: "/" is the public page served by Flask, not a Dash page.
    [html.H1("Siden findes ikke"), html.P(dcc.Link("Gå til forsiden", href="/", refresh=True))],
)


def home_partnership(user) -> PartnershipRef | None:
    """Where an old, unprefixed internal URL leads ``user``: their one partnership, or the
    installation's only one. None when that is not one partnership (they choose on ``/``)."""
    with request_session() as db:
        if getattr(user, "all_partnerships", False):
            return only_partnership(db)
        mine = [p for p in partnerships(db) if user.member_of(p.id)]
    return mine[0] if len(mine) == 1 else None


def page_scope(user, slug: str | None, roles: tuple[str, ...] = READ_ROLES) -> Scope | None:
    """The partnership ``slug`` names, if ``user`` may open its pages for ``roles``."""
    if slug is None or current_role() not in roles:
        return None
    with request_session() as db:
        partnership = partnership_by_slug(db, slug)
    if partnership is None or not user.member_of(partnership.id):
        return None
    return Scope(partnership, user)


def _navbar(scope: Scope | None) -> dbc.Navbar:
    # Overblik is the public page served by Flask: a full page load, not a Dash route.
    home = partnership_path(scope.slug) if scope else "/"
    links = [dbc.NavItem(dbc.NavLink("Overblik", href=home, external_link=True))]
    if scope is not None:
        links += [
            dbc.NavItem(dbc.NavLink(page.label, href=page.url(scope.slug), active="exact"))
            for page in DASH_PAGES
            if page.in_nav and scope.role in page.roles
        ]
    # The partnership's name (the tab's title adds the product's): a long name and seven
    # links still fit on one line at 1280 px.
    brand = scope.name if scope else "Tryghedsdashboard"
    # On a phone the links fold behind a menu button, so the page starts at the top.
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(brand, href=home, external_link=True),
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
    )


def _tab_title(page_title: str) -> str:
    return f"{page_title} · {APP_TITLE}"


@dataclass(frozen=True)
class Shown:
    """A page as the router shows it: its content, the tab's title and its partnership."""

    content: object
    title: str
    scope: Scope | None


def _shell(shown: Shown | None, path: str | None = None) -> html.Div:
    """The frame of every Dash page; with ``shown``, the page at ``path`` is in it from the
    start."""
    scope = shown.scope if shown else None
    return html.Div(
        [
            html.A("Spring til indhold", href="#indhold", className="visually-hidden-focusable"),
            # Given the path it shows, the location does not announce it as a change when it
            # mounts: the router's first call is then Dash's initial one, which it skips.
            dcc.Location(id="url", pathname=path if shown else None),
            # Set by the router to send an anonymous visitor of an internal page to /login.
            dcc.Location(id="login-redirect", refresh=True),
            # The page's own title, which a clientside callback gives the browser tab.
            dcc.Store(id="side-titel", data=shown.title if shown else None),
            # The navbar and the footer name the page's partnership.
            html.Header(_navbar(scope), id="sidehoved"),
            html.Main(
                dbc.Container(shown.content if shown else None, id="indhold", fluid=True),
                id="main",
            ),
            html.Footer(
                dbc.Container(_footer(scope) if shown else None, id="sidefod", fluid=True),
                className="text-muted small py-3",
            ),
        ]
    )


def first_load_path() -> str | None:
    """The page a layout request is for, as the browser names it (a same-origin Referer);
    None when it does not say (then the router renders the page, one round trip later)."""
    if not flask.has_request_context() or not flask.request.referrer:
        return None
    try:
        referrer = urlsplit(flask.request.referrer)
    except ValueError:  # a header that is no URL ("http://[::1/…"): it names no page
        return None
    return referrer.path if referrer.netloc == flask.request.host else None


def _footer(scope: Scope | None) -> str:
    if scope is None:
        return "Tryghedsdashboard for Københavns tryghedspartnerskaber."
    with request_session() as db:
        members = partnership_members(db, scope.id)
    return f"{scope.name}: {members}" if members else scope.name


class DanishDash(dash.Dash):
    """Dash, whose page says "Indlæser …" (not "Loading...") until its scripts have run."""

    def interpolate_index(self, **kwargs) -> str:
        kwargs["app_entry"] = (
            '<div id="react-entry-point"><div class="_dash-loading">Indlæser …</div></div>'
        )
        return super().interpolate_index(**kwargs)


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
    app = DanishDash(
        __name__,
        server=server,
        title=APP_TITLE,
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="da">')
    set_up_before_serving(app)
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
    def _internal_page_access():
        """A full page load of an internal page: without a session to the login page; an old
        unprefixed URL to the same page of the user's partnership; a partnership the user is
        not in, or that does not exist, is not found."""
        found = router.match(flask.request.path) if flask.request.method == "GET" else None
        if found is None or found.page.public:
            return None
        if not may_read():
            return flask.redirect(login_url(flask.request.full_path.rstrip("?")))
        user = flask_login.current_user
        if found.slug is None:
            home = home_partnership(user)
            target = found.page.url(home.slug) if home else "/"
            query = flask.request.query_string.decode()
            return flask.redirect(f"{target}?{query}" if query and home else target)
        if page_scope(user, found.slug, found.page.roles) is None:
            flask.abort(404)
        return None

    def visible(pathname: str | None) -> tuple[DashPage, Scope | None] | None:
        """The page at ``pathname`` and its partnership, if this caller may see it; None
        when the router answers otherwise (not found, log in first, an old URL)."""
        found = router.match(pathname)
        if found is None:
            return None
        if found.page.public:
            return found.page, None
        if not may_read() or found.slug is None:
            return None
        scope = page_scope(flask_login.current_user, found.slug, found.page.roles)
        return (found.page, scope) if scope else None

    def shown(page: DashPage, scope: Scope | None) -> Shown:
        if scope is None:
            return Shown(page.module.layout(), _tab_title(page.module.TITLE), None)
        content = html.Div(
            # Every callback of the page sends this slug back (``auth.Scope``).
            [
                dcc.Store(id=PARTNERSHIP_STORE, data=scope.slug),
                _period_banner(scope),
                page.module.layout(scope),
            ]
        )
        return Shown(content, _tab_title(f"{page.module.TITLE} · {scope.name}"), scope)

    def layout() -> html.Div:
        # A function: the navbar shows who is logged in. A first load gets its page with the
        # layout, so that navbar, content and footer arrive together, one round trip sooner.
        path = first_load_path()
        page = visible(path) if path else None
        return _shell(shown(*page), path) if page else _shell(None)

    app.layout = layout

    @app.callback(
        Output("indhold", "children"),
        Output("login-redirect", "href"),
        Output("side-titel", "data"),
        Output("sidehoved", "children"),
        Output("sidefod", "children"),
        Input("url", "pathname"),
    )
    @public_callback  # public pages to anyone; internal ones only to their partnership's users
    def route(pathname: str | None):
        page = visible(pathname)
        if dash.ctx.triggered_id is None and page and first_load_path() == pathname:
            return no_update, no_update, no_update, no_update, no_update  # in the layout
        if page is not None:
            view = shown(*page)
            return view.content, no_update, view.title, *_frame(view.scope)
        found = router.match(pathname)
        if found is None:
            return NOT_FOUND, no_update, _tab_title("Siden findes ikke"), no_update, no_update
        if not may_read():
            login = html.P("Log ind for at se siden.")
            return login, login_url(pathname), _tab_title("Log ind"), no_update, no_update
        if found.slug is None:  # an old link followed inside the app: the page, reloaded
            home = home_partnership(flask_login.current_user)
            target = found.page.url(home.slug) if home else "/"
            return no_update, target, no_update, no_update, no_update
        return NOT_FOUND, no_update, _tab_title("Siden findes ikke"), *_frame(None)

    def _period_banner(scope: Scope):
        with request_session() as db:
            return period_banner(db, scope.id)

    def _frame(scope: Scope | None):
        return _navbar(scope), _footer(scope)

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
