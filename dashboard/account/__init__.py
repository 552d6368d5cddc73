"""Passwords in the browser, outside Dash: a user's own new password, and the secretariat's
new users and one-time passwords.

Every form here is a plain HTML form posting to a Flask route, as the login form does, so a
password never passes through a Dash callback, is never shown back, logged or put in a URL:
a refusal redirects with a fixed code (``services.accounts.MESSAGES``) and nothing the user
typed. The cross-site rule of ``dashboard.security`` covers these POSTs like every other.

A user who logged in with a one-time password is sent to the password form from every page
(and refused every other request) until they have chosen their own.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, redirect, render_template, request
from flask_login import current_user

from dashboard.auth import (
    LOGOUT_POST,
    PASSWORD_PATH,
    Scope,
    enter_session,
    login_url,
    session_user,
)
from dashboard.db import request_session
from dashboard.numbers import form_id
from dashboard.queries.partnership import partnership_by_slug
from dashboard.roles import ADMIN_ROLES
from dashboard.services.accounts import (
    MESSAGES,
    AccountRefused,
    add_partnership_user,
    change_own_password,
    set_one_time_password,
)
from dashboard.services.sessions import start_session
from dashboard.services.users import MIN_PASSWORD_LENGTH
from dashboard.urls import partnership_path

PASSWORD_POST = "/auth/adgangskode"
NEW_USER_POST = "/auth/brugere/ny"
ONE_TIME_POST = "/auth/brugere/engangskode"
ADMIN_PAGE = "/admin"
# What a user who must change their password may still reach: the form, logging out, and
# the files the form's page needs.
_OPEN_WHILE_CHANGING = (PASSWORD_PATH, PASSWORD_POST, LOGOUT_POST)
_FILES = ("/filer/", "/assets/", "/_favicon.ico")

account_routes = Blueprint("account", __name__, template_folder="templates")


@account_routes.before_app_request
def _one_time_password_first():
    if not getattr(current_user, "must_change_password", False):
        return None
    if request.path in _OPEN_WHILE_CHANGING or request.path.startswith(_FILES):
        return None
    if request.method == "GET":
        return redirect(PASSWORD_PATH)
    abort(403)


@account_routes.get(PASSWORD_PATH)
def password_form():
    if not current_user.is_authenticated:
        return redirect(login_url(PASSWORD_PATH))
    code = request.args.get("fejl", "")
    return render_template(
        "account/password.html",
        stylesheet="/assets/bootstrap.min.css",
        username=current_user.username,
        must_change=current_user.must_change_password,
        error=MESSAGES.get(code, ""),
        changed=request.args.get("besked") == "skiftet",
        post=PASSWORD_POST,
        min_length=MIN_PASSWORD_LENGTH,
        logout=LOGOUT_POST,
    )


@account_routes.post(PASSWORD_POST)
def change_password():
    if not current_user.is_authenticated:
        return redirect(login_url(PASSWORD_PATH), code=303)
    form = request.form
    with request_session() as db:
        try:
            user = change_own_password(
                db,
                current_user.username,
                form.get("current", ""),
                form.get("new", ""),
                form.get("repeat", ""),
                request.remote_addr or "",
            )
        except AccountRefused as refused:
            # Committed, not rolled back: the check of the current password counts as a
            # login attempt, so a refusal must keep its count (else guessing is unlimited).
            # Nothing else is written before a refusal.
            refusal = refused.code
        else:
            refusal = None
            # Every session of the user ended with the change; this browser gets a new one.
            token = start_session(db, user)
            fresh = session_user(user, token)
    if refusal is not None:
        return redirect(f"{PASSWORD_PATH}?fejl={refusal}", code=303)
    enter_session(fresh)
    return redirect(f"{PASSWORD_PATH}?besked=skiftet", code=303)


def _admin_scope(slug: str) -> Scope:
    """The partnership an admin form acts in, checked as a callback's scope is."""
    if not current_user.is_authenticated:
        abort(401)
    if current_user.role not in ADMIN_ROLES:
        abort(403)
    with request_session() as db:
        partnership = partnership_by_slug(db, slug)
    if partnership is None or not current_user.member_of(partnership.id):
        abort(404)
    return Scope(partnership, current_user)


def _back(scope: Scope, **query: str):
    target = partnership_path(scope.slug, ADMIN_PAGE)
    return redirect(f"{target}?{urlencode(query)}#brugere", code=303)


def _int_or_none(value: str | None) -> int | None:
    return form_id(value)


@account_routes.post(NEW_USER_POST)
def add_user():
    scope = _admin_scope(request.form.get("slug", ""))
    form = request.form
    with request_session() as db:
        partnership = partnership_by_slug(db, form.get("partnership") or scope.slug)
    try:
        with request_session() as db:
            add_partnership_user(
                db,
                current_user,
                username=form.get("username", ""),
                role=form.get("role", ""),
                party_id=_int_or_none(form.get("party")),
                partnership_id=partnership.id if partnership else -1,
                one_time_password=form.get("password", ""),
            )
    except AccountRefused as refused:
        return _back(scope, fejl=refused.code)
    return _back(scope, besked="oprettet")


@account_routes.post(ONE_TIME_POST)
def one_time_password():
    scope = _admin_scope(request.form.get("slug", ""))
    user_id = _int_or_none(request.form.get("user"))
    try:
        with request_session() as db:
            set_one_time_password(
                db, current_user, scope.id, user_id or -1, request.form.get("password", "")
            )
    except AccountRefused as refused:
        return _back(scope, fejl=refused.code)
    return _back(scope, besked="engangskode")
