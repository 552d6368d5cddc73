"""What the page's parts share: the counter a save bumps, the filters' "all", the versions the
status form saw. A select's value is read as an id by ``numbers.form_id``."""

from __future__ import annotations

# Bumped by every save, so the map, the tables, the choices and the history are read again.
SAVED = "tv-opdateret"
ALL = "alle"
# Action id → the version the user sees, for the status form's stale check.
VERSIONS = "tv-handling-versioner"
