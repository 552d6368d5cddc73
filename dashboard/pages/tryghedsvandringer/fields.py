"""What the page's parts share: the counter a save bumps, the filters' "all", the versions the
action and follow-up forms saw. A select's value is read as an id by ``numbers.form_id``."""

from __future__ import annotations

# Bumped by every save, so the map, the tables, the choices and the history are read again.
SAVED = "tv-opdateret"
ALL = "alle"
# Action id → the version the user sees, for the status form's stale check.
VERSIONS = "tv-handling-versioner"
# Finding id → the version of its action the user sees (0: none yet), for the action and
# follow-up forms' stale check: both change the action.
FINDING_VERSIONS = "tv-fund-versioner"


def seen_version(versions: dict[str, int] | None, key: str | None) -> int | None:
    """The version the page showed for ``key``; None when it showed none."""
    version = (versions or {}).get(key or "")
    return version if isinstance(version, int) else None
