"""How a form's save answers: the service call in its own transaction, then its message
(green when done, red with the refusal's Danish text) and the page's saved-counter bumped."""

from __future__ import annotations

from dash import no_update

from dashboard.db import request_session
from dashboard.services.errors import EditRefused


def answer(action, saved, done: str):
    """Run ``action(session)``: (message, its alert class, the counter) for the form."""
    try:
        with request_session() as session:
            action(session)
    except EditRefused as exc:
        return str(exc), "alert alert-danger", no_update
    return done, "alert alert-success", (saved or 0) + 1
