"""The load log as the secretariat reads it: what was loaded, when, by whom, with what result
and which warnings, and for which partnership (none: figures every partnership shares)."""

from __future__ import annotations

from sqlalchemy import or_, select

from dashboard.db import session_scope
from dashboard.model import LoadLog, Partnership
from data_loaders.partnerships import choose_partnership


def recent_loads(url: str, limit: int = 20, partnership_slug: str | None = None) -> list[dict]:
    """The newest ``limit`` loads, newest first: id, kind, file, outcome, rows, who, when,
    message, warnings (a list; empty when there were none or none were kept) and the
    partnership's slug (None for a load of shared figures). With ``partnership_slug``, the
    loads for that partnership and the shared ones, which its pages show too; an unknown
    slug raises ``PartnershipChoiceError``."""
    with session_scope(url) as session:
        query = (
            select(LoadLog, Partnership.slug)
            .outerjoin(Partnership, Partnership.id == LoadLog.partnership_id)
            .order_by(LoadLog.id.desc())
            .limit(limit)
        )
        if partnership_slug:
            chosen = choose_partnership(session, partnership_slug)
            query = query.where(
                or_(LoadLog.partnership_id == chosen.id, LoadLog.partnership_id.is_(None))
            )
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
                "partnership": slug,
            }
            for log, slug in session.execute(query)
        ]
