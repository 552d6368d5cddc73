"""A database that cannot be reached: a clear Danish answer and one log line, not a 500.

When PostgreSQL restarts (or SQLite stays locked past the busy timeout) every request that
touches the database fails with the driver's ``OperationalError``. Without this, the user
gets Flask's English "500 Internal Server Error" and the log a full traceback per request.
SQLAlchemy drops the pool's dead connections at the first failure and connects anew once
the server is back; no restart is needed.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from sqlalchemy.exc import InterfaceError, OperationalError, PendingRollbackError

RETRY_SECONDS = 10
MESSAGE = "Databasen kan ikke nås lige nu. Prøv igen om lidt."
PAGE = f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>Databasen kan ikke nås · Tryghedsdashboard</title></head>
<body><main><h1>Databasen kan ikke nås</h1><p>{MESSAGE}</p></main></body></html>
"""


def init_database_errors(server: Flask) -> None:
    # PendingRollbackError: a request whose connection died mid-transaction ("Can't
    # reconnect until invalid transaction is rolled back"); the same outage, seen later.
    for error in (OperationalError, InterfaceError, PendingRollbackError):
        server.register_error_handler(error, _unavailable)


def _unavailable(exc: Exception) -> Response:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    current_app.logger.error(
        "Database unavailable: %s %s answered 503: %s", request.method, request.path, reason
    )
    return Response(
        PAGE,
        status=503,
        mimetype="text/html",
        headers={"Retry-After": str(RETRY_SECONDS), "Cache-Control": "no-store"},
    )
