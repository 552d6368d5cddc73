"""Clear Danish answers, not Flask's English ones, for what a request cannot get: a
database that cannot be reached (503 and one log line, not a 500 with a traceback), a
body larger than the server takes (413) and a page that is not there or not the user's (404).

When PostgreSQL restarts (or SQLite stays locked past the busy timeout) every request that
touches the database fails with the driver's ``OperationalError``. Without this, the user
gets Flask's English "500 Internal Server Error" and the log a full traceback per request.
SQLAlchemy drops the pool's dead connections at the first failure and connects anew once
the server is back; no restart is needed.

A Dash file that does not exist (``/_dash-component-suites/dash/findes-ikke.js``) is 404:
Dash itself raises ``DependencyException``, a 500 whose traceback lists every registered
file, so any visitor could fill the log.
"""

from __future__ import annotations

from dash.exceptions import DependencyException
from flask import Flask, Response, current_app, request
from sqlalchemy.exc import InterfaceError, OperationalError, PendingRollbackError
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

RETRY_SECONDS = 10
MESSAGE = "Databasen kan ikke nås lige nu. Prøv igen om lidt."
TOO_LARGE = "Det, der blev sendt, er for stort. Serveren tager højst imod {limit}."
# Says "or not yours" on purpose: another partnership's page, or a page for another role,
# is answered exactly like one that does not exist (test_partnership_access.py).
NOT_FOUND = (
    "Der er ingen side med den adresse, eller den hører ikke til de partnerskaber og den "
    "rolle, du har adgang til."
)


def danish_page(title: str, message: str, *, home_link: bool = False) -> str:
    link = '<p><a href="/">Til forsiden</a></p>' if home_link else ""
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>{title} · Tryghedsdashboard</title></head>
<body><main><h1>{title}</h1><p>{message}</p>{link}</main></body></html>
"""


def init_error_pages(server: Flask) -> None:
    # PendingRollbackError: a request whose connection died mid-transaction ("Can't
    # reconnect until invalid transaction is rolled back"); the same outage, seen later.
    for error in (OperationalError, InterfaceError, PendingRollbackError):
        server.register_error_handler(error, _unavailable)
    server.register_error_handler(RequestEntityTooLarge, _too_large)
    server.register_error_handler(DependencyException, _no_such_file)
    server.register_error_handler(NotFound, _no_such_page)


def _no_such_page(_exc: NotFound) -> Response:
    return Response(
        danish_page("Siden findes ikke", NOT_FOUND, home_link=True),
        status=404,
        mimetype="text/html",
    )


def _no_such_file(_exc: DependencyException) -> Response:
    return Response(
        danish_page("Filen findes ikke", "Der er ingen fil med den adresse."),
        status=404,
        mimetype="text/html",
    )


def _too_large(_exc: RequestEntityTooLarge) -> Response:
    limit = f"{current_app.config['MAX_CONTENT_LENGTH'] // 1024:,} KB".replace(",", ".")
    return Response(
        danish_page("For stor forespørgsel", TOO_LARGE.format(limit=limit)),
        status=413,
        mimetype="text/html",
        headers={"Cache-Control": "no-store"},
    )


def _unavailable(exc: Exception) -> Response:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    current_app.logger.error(
        "Database unavailable: %s %s answered 503: %s", request.method, request.path, reason
    )
    return Response(
        danish_page("Databasen kan ikke nås", MESSAGE),
        status=503,
        mimetype="text/html",
        headers={"Retry-After": str(RETRY_SECONDS), "Cache-Control": "no-store"},
    )
