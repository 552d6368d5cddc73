"""How the Dash pages' files reach the browser: compressed (brotli, else gzip, by
Flask-Compress), cached for a year when their URL names their version, without a session
cookie, and only the bundles the pages use.

Without this every internal page moved 8.8 MB: Dash serves its component bundles raw, and a
logged-in user's permanent session was re-sent as a fresh ``Set-Cookie`` with every file.
No page loads plotly.js: the charts are drawn on the server as SVG (``components.svg_image``),
and Dash fetches plotly.js only for a dcc.Graph, which no page has.
"""

from __future__ import annotations

import dash
from dash import _dash_renderer, dash_table
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from flask_compress import Compress

ASSETS = "/assets/"
COMPONENT_SUITES = "/_dash-component-suites/"
# Files that never depend on who asks: no session cookie with them.
STATIC_PREFIXES = (ASSETS, COMPONENT_SUITES, "/filer/", "/_favicon.ico")
YEAR = 365 * 24 * 3600
# Level 5 came within 10 % of brotli's best (11) on the largest bundle measured and was a
# hundred times faster, so callbacks can afford it on every answer; each static file is
# compressed once per process.
BROTLI_LEVEL = 5


def init_static_delivery(app: dash.Dash) -> None:
    """Wire compression, cache lifetimes and the cookie rule into ``app.server``."""
    server = app.server
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_BR_LEVEL=BROTLI_LEVEL,
        COMPRESS_CACHE_BACKEND=StaticFileCache,
        COMPRESS_CACHE_KEY=static_file_key,
    )
    Compress(server)
    # Flask runs after-request functions last-registered first: this one before compression.
    server.after_request(_cache_static_files)
    server.session_interface = NoCookieOnStaticFiles()
    _drop_dash_table()
    _drop_polyfill()


def static_file_key(req) -> str:
    """The compression cache's key: the file a Dash static URL names, "" for anything else.

    Keyed by the file, not the URL, so that made-up versions in URLs cannot grow the cache;
    Dash answers only for files it registered (404 otherwise, which is never compressed).
    """
    if "Range" in req.headers:  # a part of a file must not be cached as the whole
        return ""
    if req.path.startswith(COMPONENT_SUITES):
        return check_fingerprint(req.path)[0]
    if req.path.startswith(ASSETS):
        return req.path
    return ""


def is_versioned(req) -> bool:
    """True for a URL that changes with its file: Dash's fingerprint, an asset's ?m=."""
    if req.path.startswith(COMPONENT_SUITES):
        return check_fingerprint(req.path)[1]
    return req.path.startswith(ASSETS) and "m" in req.args


class StaticFileCache:
    """Flask-Compress asks its cache about every response it compresses: keep only Dash's
    static files (whose bodies are fixed for the life of the process); pages and callback
    answers, whose key is empty, are compressed anew every time."""

    def __init__(self) -> None:
        self._bodies: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._bodies.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):  # "<algorithm>;<file>", empty file part: not cacheable
            self._bodies[key] = value


def _cache_static_files(response: Response) -> Response:
    if response.status_code != 200 or not static_file_key(request):
        return response
    if is_versioned(request):
        # A new release changes the URL: keep it a year. (Webpack's chunks, such as
        # dcc/async-graph.js, have no version in their URL and revalidate by ETag.)
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    if response.is_streamed:
        # Assets come as a file stream, which Flask-Compress would compress on every request
        # instead of once; a list of bytes is compressed once and then taken from its cache.
        response.direct_passthrough = False
        response.make_sequence()
    return response


class NoCookieOnStaticFiles(SecureCookieSessionInterface):
    """Flask re-sends a permanent session's cookie with every response, and marks a response
    "Vary: Cookie" once anything looked at the session (Flask-Login always does). On a
    static file both are wrong: the file is the same for everyone, and as the cookie's
    signature changes with every page and callback, "Vary: Cookie" made browsers fetch every
    file again on the next page. The pages and callbacks still refresh the session."""

    def save_session(self, app: Flask, session, response: Response) -> None:
        if request.path.startswith(STATIC_PREFIXES):
            return
        super().save_session(app, session, response)


def _drop_dash_table() -> None:
    """Dash lists the dash_table bundle on every page, used or not, and no page uses it.
    The list is dash_table's own, shared by all apps in the process: a page that needs a
    DataTable one day must remove this call (its bundle is then listed and served again)."""
    dash_table._js_dist.clear()


def _drop_polyfill() -> None:
    """Dash loads @babel/polyfill (core-js for browsers before 2017) on every page: ~90 KB of
    script and 90–160 ms of main-thread time in Lighthouse. The browsers the dashboard is
    for have all of it built in; the one thing the bundles take from it, the global
    ``regeneratorRuntime`` of their transpiled async code, is defined by the
    dash-bootstrap-components bundle, which loads before Dash's renderer and components.
    The list is Dash's own, shared by all apps in the process."""
    for dependency in _dash_renderer._js_dist_dependencies:
        for where in ("external_url", "relative_package_path"):
            for mode, paths in dependency[where].items():
                dependency[where][mode] = [p for p in paths if "polyfill@" not in p]
