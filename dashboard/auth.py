"""Login, roles and the guard every protected callback uses.

Dash callbacks are plain POSTs to ``/_dash-update-component``: hiding a control in the
layout protects nothing. Each callback therefore declares who may run it:

    @app.callback(Output(...), Input(...))
    @requires_role(*READ_ROLES)          # or EDIT_ROLES, ADMIN_ROLES
    def update(...): ...

    @app.callback(Output(...), Input(...))
    @public_callback                     # answers anonymous visitors; public data only
    def update(...): ...

Every internal page belongs to a partnership (``/p/<slug>/…``). A callback that reads or
changes a partnership's data declares a parameter annotated ``Scope`` fed by
``State(PARTNERSHIP_STORE, "data")`` (the slug the page was opened with); the guard resolves
it on the server and refuses a user who is not a member of that partnership the same way it
refuses a role, so the callback only ever sees a partnership its user may act in.

A refused call returns nothing and writes nothing: HTTP 401 when nobody is logged in (a
session that ran out: the page tells the user to log in again, ``assets/callback-errors.js``),
HTTP 204 (``PreventUpdate``) for a logged-in user whose role may not.
``tests/test_callback_authorisation.py`` reads these declarations for every registered
callback, so a callback with neither is treated as internal and must refuse anonymous calls.
"""

from __future__ import annotations

import functools
import inspect
import typing
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from dash import html
from dash.exceptions import PreventUpdate
from flask import Blueprint, Flask, abort, has_request_context, redirect, request, session
from flask_login import AnonymousUserMixin, LoginManager, current_user, login_user, logout_user

from dashboard.callback_guard import typed
from dashboard.config import Config
from dashboard.db import request_session
from dashboard.queries.partnership import PartnershipRef, partnership_by_slug
from dashboard.roles import READ_ROLES
from dashboard.services.sessions import (
    ABSOLUTE_LIFETIME,
    end_session,
    resume_session,
    start_session,
)
from dashboard.services.users import authenticate

# The shell's store of the partnership slug the page was opened with (see ``Scope``).
PARTNERSHIP_STORE = "partnerskab"
LOGIN_PATH = "/login"
LOGIN_POST = "/auth/login"
LOGOUT_POST = "/auth/logout"
# The form where a user changes their own password (``dashboard.account``).
PASSWORD_PATH = "/adgangskode"
ACCESS_ATTRIBUTE = "tryghed_access"


@dataclass(frozen=True)
class CallbackAccess:
    """What a callback declared: ``public`` answers anyone; otherwise only ``roles``, and
    ``scoped`` ones only in a partnership of the user's."""

    public: bool
    roles: tuple[str, ...] = ()
    scoped: bool = False


@dataclass(frozen=True)
class SessionUser:
    """The logged-in user as the request sees it (a copy, detached from any DB session).
    ``session_token`` names the server's record of the session (``services.sessions``)."""

    id: int
    username: str
    role: str
    party_id: int | None
    session_token: str = ""
    partnership_ids: frozenset[int] = frozenset()
    all_partnerships: bool = False
    # Logged in with a one-time password: every page leads to the password form
    # (``dashboard.account``) until the user has chosen their own.
    must_change_password: bool = False

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def member_of(self, partnership_id: int) -> bool:
        return self.all_partnerships or partnership_id in self.partnership_ids

    def get_id(self) -> str:
        # What Flask-Login keeps in the cookie: the session's token, not the user's id, so
        # a cookie is worth no more than the session the server still holds open.
        return self.session_token


class AnonymousVisitor(AnonymousUserMixin):
    id = None
    username = None
    role = "anonymous"
    party_id = None
    partnership_ids: frozenset[int] = frozenset()

    def member_of(self, partnership_id: int) -> bool:
        return False


@dataclass(frozen=True)
class Scope:
    """The partnership a request acts in, with the user who acts: resolved from the slug and
    checked against the user's memberships on the server (``require_scope``)."""

    partnership: PartnershipRef
    user: SessionUser

    @property
    def id(self) -> int:
        return self.partnership.id

    @property
    def slug(self) -> str:
        return self.partnership.slug

    @property
    def name(self) -> str:
        return self.partnership.name

    @property
    def role(self) -> str:
        return self.user.role


login_manager = LoginManager()
login_manager.anonymous_user = AnonymousVisitor
# "basic": a session used from a new address becomes non-fresh rather than dropped.
login_manager.session_protection = "basic"


@login_manager.user_loader
def _load_user(token: str) -> SessionUser | None:
    # Read on every request, so an ended session, a disabled user or a changed role takes
    # effect at once.
    with request_session() as db:
        user = resume_session(db, token)
        if user is None:
            return None
        return session_user(user, token)


def session_user(user, token: str) -> SessionUser:
    return SessionUser(
        user.id,
        user.username,
        user.role,
        user.party_id,
        token,
        frozenset(p.id for p in user.partnerships),
        user.all_partnerships,
        user.must_change_password,
    )


# The two routes of logging in and out; ``create_app`` registers them with the others.
auth_routes = Blueprint("auth", __name__)


def init_auth(server: Flask, config: Config) -> None:
    """Wire Flask-Login and the cookie settings into ``server``."""
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.production,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=config.production,
        # The cookie lives as long as the server's session may (services.sessions), and is
        # not re-sent with a new expiry on every response.
        PERMANENT_SESSION_LIFETIME=ABSOLUTE_LIFETIME,
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    login_manager.init_app(server)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (open redirect) or a scheme, and no
    control character (a line break cannot be put in a Location header; a tab is dropped by
    browsers, so "/\t/evil.example" would lead off the site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def login_url(next_path: str | None) -> str:
    return f"{LOGIN_PATH}?next={quote(safe_next(next_path), safe='/')}"


def _requested_next() -> str:
    """Where to go after logging in: the form's hidden "next", or else the "next" of the
    login page's own address (the Referer). The page fills the field by a callback, and a
    quick login can be sent before that callback answers."""
    if request.form.get("next"):
        return safe_next(request.form["next"])
    try:
        referrer = urlsplit(request.referrer or "")
    except ValueError:  # a header that is no URL: it names no page
        return "/"
    if referrer.netloc != request.host or referrer.path != LOGIN_PATH:
        return "/"
    return safe_next((parse_qs(referrer.query).get("next") or ["/"])[0])


@auth_routes.post(LOGIN_POST)
def _login():
    target = _requested_next()
    with request_session() as db:
        result = authenticate(
            db,
            request.form.get("username", ""),
            request.form.get("password", ""),
            request.remote_addr or "",
        )
        user = result.user
        if user is not None:
            token = start_session(db, user)
            logged_in = session_user(user, token)
    if user is None:
        return redirect(f"{login_url(target)}&fejl={result.outcome}", code=303)
    enter_session(logged_in)
    return redirect(target, code=303)


def enter_session(user: SessionUser) -> None:
    """Give this browser the new server session of ``user`` (a login, a changed password):
    nothing the browser's cookie held before carries over (session fixation)."""
    session.clear()
    login_user(user)
    session.permanent = True


@auth_routes.post(LOGOUT_POST)
def _logout():
    token = getattr(current_user, "session_token", "")
    if token:
        with request_session() as db:
            end_session(db, token)
    logout_user()
    session.clear()
    return redirect("/", code=303)


def current_role() -> str:
    return getattr(current_user, "role", "anonymous") if has_request_context() else "anonymous"


def may_read() -> bool:
    """True when the visitor may see internal (non-public) pages and data."""
    return current_role() in READ_ROLES


def require_role(*roles: str):
    """Inside a callback: the current user if their role is one of ``roles``. Otherwise the
    browser gets nothing and nothing is written: 401 if nobody is logged in, else 204."""
    if current_role() in roles:
        return current_user
    if not getattr(current_user, "is_authenticated", False):
        abort(401)
    raise PreventUpdate


def require_scope(slug: object, *roles: str) -> Scope:
    """Inside a page or callback: the partnership ``slug`` names, if the current user's role
    is one of ``roles`` and they are a member of it. Refused as ``require_role`` refuses, and
    the same for an unknown slug as for a partnership the user is not in (which exist is not
    told)."""
    user = require_role(*roles)
    if isinstance(slug, str):
        with request_session() as db:
            partnership = partnership_by_slug(db, slug)
        if partnership is not None and user.member_of(partnership.id):
            return Scope(partnership, user)
    raise PreventUpdate


def _scope_parameter(func) -> str | None:
    """The name of ``func``'s parameter annotated ``Scope``, if it has one."""
    hints = typing.get_type_hints(func)
    return next((name for name, hint in hints.items() if hint is Scope), None)


def requires_role(*roles: str):
    """Decorator for a callback that only ``roles`` may run (see the module docstring). A
    parameter annotated ``Scope`` receives the checked partnership of the slug sent in it."""

    def decorate(func):
        scope_name = _scope_parameter(func)
        signature = inspect.signature(func)
        checked = typed(func, skip=scope_name)

        @functools.wraps(func)
        def guarded(*args, **kwargs):
            if scope_name is None:
                require_role(*roles)
                return checked(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            bound.arguments[scope_name] = require_scope(bound.arguments[scope_name], *roles)
            return checked(*bound.args, **bound.kwargs)

        access = CallbackAccess(public=False, roles=tuple(roles), scoped=scope_name is not None)
        setattr(guarded, ACCESS_ATTRIBUTE, access)
        return guarded

    return decorate


def public_callback(func):
    """Mark a callback that may answer anonymous visitors. It must return public data only."""
    checked = typed(func)
    setattr(checked, ACCESS_ATTRIBUTE, CallbackAccess(public=True))
    return checked


def callback_access(func) -> CallbackAccess | None:
    """What ``func`` (a registered callback, possibly wrapped by Dash) declared, if anything."""
    return getattr(func, ACCESS_ATTRIBUTE, None)


def user_menu():
    """The navbar's login state: a login link, or the user's name (a link to their own page)
    and a logout button."""
    if not has_request_context() or not getattr(current_user, "is_authenticated", False):
        return html.A("Log ind", href=LOGIN_PATH, className="nav-link text-white")
    return html.Form(
        [
            # The name, cut with "…" when long, links to the user's own page (change the
            # password there): the bar holds the brand, seven links and this at 1280 px.
            html.A(
                [html.Span("Logget ind som ", className="visually-hidden"), current_user.username],
                href=PASSWORD_PATH,
                title=f"Logget ind som {current_user.username}: skift adgangskode",
                className="text-white me-2 text-truncate d-inline-block user-name",
            ),
            html.Button("Log ud", type="submit", className="btn btn-outline-light btn-sm"),
        ],
        action=LOGOUT_POST,
        method="post",
        className="d-flex align-items-center ms-auto",
    )


__all__ = [
    "PARTNERSHIP_STORE",
    "enter_session",
    "Scope",
    "require_scope",
    "CallbackAccess",
    "SessionUser",
    "callback_access",
    "current_role",
    "auth_routes",
    "init_auth",
    "may_read",
    "public_callback",
    "require_role",
    "requires_role",
]
