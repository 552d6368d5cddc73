"""A database that cannot be reached gets a clear Danish 503 with Retry-After, for pages
and for Dash callbacks alike, and one log line instead of a traceback per request."""

from __future__ import annotations

import logging

from dashboard.app import create_app
from dashboard.config import Config
from tests.accounts import router_payload

# Nothing listens on port 1 of the loopback: every connection is refused at once.
UNREACHABLE = "postgresql://postgres@127.0.0.1:1/tryghed"


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_unreachable_database_answers_503_in_danish():
    app = create_app(Config(database_url=UNREACHABLE, secret_key="t" * 32, auto_init=False))
    client = app.server.test_client()
    log = _Records()
    app.server.logger.addHandler(log)
    try:
        page = client.get("/")
        with client.session_transaction() as session:
            session["_user_id"] = "1"  # a logged-in user: the callback must read the database
        callback = client.post("/_dash-update-component", json=router_payload("/okonomi"))
    finally:
        app.server.logger.removeHandler(log)
    for response in (page, callback):
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "10"
        assert "Databasen kan ikke nås lige nu. Prøv igen om lidt." in response.text
    messages = [r.getMessage() for r in log.records]
    assert any(m.startswith("Database unavailable: GET / answered 503") for m in messages)
    assert not any(r.exc_info for r in log.records)
