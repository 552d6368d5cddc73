"""HTTP hardening for every response: security headers (flask-talisman) and a same-origin
rule for state-changing requests.

Dash answers callbacks over POST with the session cookie, so a page on another site could
make a logged-in browser POST to us (CSRF). SameSite=Lax cookies already block most of it;
checking ``Sec-Fetch-Site``/``Origin`` refuses the rest on the server.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import dash
from flask import Flask, Response, abort, request
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.config import Config

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Files the same for everyone (versioned by Dash or by their content hash).
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico", "/filer/")


def content_security_policy(app: dash.Dash) -> dict[str, str | list[str]]:
    """Scripts only from us (plus the hashes of Dash's own inline start-up script);
    inline styles are needed by React components; no framing by other sites."""
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def init_security(app: dash.Dash, config: Config) -> None:
    """Call after every callback is registered (the CSP hashes cover inline scripts)."""
    if config.trusted_proxies:
        n = config.trusted_proxies
        x_host = n if config.trust_forwarded_host else 0
        app.server.wsgi_app = ProxyFix(app.server.wsgi_app, x_for=n, x_proto=n, x_host=x_host)
    Talisman(
        app.server,
        force_https=config.production,
        strict_transport_security=config.production,
        strict_transport_security_max_age=365 * 24 * 3600,
        session_cookie_secure=config.production,
        session_cookie_http_only=True,
        content_security_policy=content_security_policy(app),
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )
    _refuse_cross_site_writes(app.server)
    _refuse_nul_characters(app.server)
    _internal_answers_not_stored(app.server)


def _internal_answers_not_stored(server: Flask) -> None:
    """Dash's pages and JSON carry internal data to a logged-in user: no browser or proxy
    cache may keep them. The public blueprint and the static files set their own caching."""

    @server.after_request
    def no_store(response: Response) -> Response:
        if not request.path.startswith(STATIC_PREFIXES):
            response.headers.setdefault("Cache-Control", "no-store, private")
        return response


def _refuse_nul_characters(server: Flask) -> None:
    """PostgreSQL can neither store nor compare a text with a NUL character (it fails, a 500),
    and no form in a browser sends one: a request with NUL in its path, its query, a form
    field or a JSON body (a callback's) is refused with 400 before anything reads it. Files
    uploaded are not looked at: a file is bytes."""

    def no_nul_in_the_address():
        if _has_nul([request.path, *request.args.keys(), *request.args.values()]):
            abort(400)

    # First of all: the checks before it (the page's partnership) already ask the database.
    server.before_request_funcs.setdefault(None, []).insert(0, no_nul_in_the_address)

    # The body only after the checks before it: one of them raises an admin's upload limit
    # before anything reads the body.
    @server.before_request
    def no_nul_in_the_body():
        if request.method not in UNSAFE_METHODS:
            return None
        body = request.get_json(silent=True) if request.is_json else None
        if _has_nul(body) or _has_nul([*request.form.keys(), *request.form.values()]):
            abort(400)
        return None


def _has_nul(value) -> bool:
    """Whether a text in ``value`` (a JSON document, a list of texts) holds a NUL."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return _has_nul(list(value)) or _has_nul(list(value.values()))
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _refuse_cross_site_writes(server: Flask) -> None:
    @server.before_request
    def same_origin_only():
        if request.method not in UNSAFE_METHODS:
            return None
        site = request.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            abort(403)
        origin = request.headers.get("Origin")
        # Hosts only: behind a TLS-terminating proxy the scheme we see is not the browser's.
        if origin and urlsplit(origin).netloc != request.host:
            abort(403)
        return None
