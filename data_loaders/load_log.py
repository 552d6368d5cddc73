"""The load log as the secretariat reads it: what was loaded, when, by whom, with what result
and which warnings."""

from __future__ import annotations

from sqlalchemy import select

from dashboard.db import session_scope
from dashboard.model import LoadLog


def recent_loads(url: str, limit: int = 20) -> list[dict]:
    """The newest ``limit`` loads, newest first: id, kind, file, outcome, rows, who, when,
    message and warnings (a list; empty when there were none or none were kept)."""
    with session_scope(url) as session:
        logs = session.scalars(select(LoadLog).order_by(LoadLog.id.desc()).limit(limit)).all()
        return [
            {
                "id": log.id,
                "kind": log.kind,
                "file": log.file_name,
                "outcome": log.outcome,
                "rows": log.rows,
                "loaded_by": log.loaded_by,
                "loaded_at": log.loaded_at.isoformat(timespec="seconds"),
                "message": log.message,
                "warnings": [w for w in (log.warnings or "").split("\n") if w],
            }
            for log in logs
        ]
