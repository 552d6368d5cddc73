"""What the page's parts share: the counter a save bumps, and a select's value as a number."""

from __future__ import annotations

from dashboard.numbers import form_id

# Bumped by every save, so the lists, the money and the history are read again.
SAVED = "byl-opdateret"


def select_int(value: str | None) -> int | None:
    """A select's value (a year, a meeting's id) as a number; None for none and for a forged
    value no row can have (``numbers.form_id``)."""
    return form_id(value)
