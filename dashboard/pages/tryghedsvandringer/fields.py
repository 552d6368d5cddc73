"""What the page's parts share: the counter a save bumps, the filters' "all", a select's value
as a number."""

from __future__ import annotations

# Bumped by every save, so the map, the tables, the choices and the history are read again.
SAVED = "tv-opdateret"
ALL = "alle"
# Action id → the version the user sees, for the status form's stale check.
VERSIONS = "tv-handling-versioner"


def select_int(value: str | None) -> int | None:
    """A select's value (an id) as a number; None for none or "alle"."""
    return int(value) if value and value.isdigit() else None
