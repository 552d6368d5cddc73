"""A change in a history (the pool's, the safety walks'), as the pages list it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ChangeRow:
    changed_at: object
    changed_by: str
    entity: str
    action: str
    changes: str  # JSON: {field: [old, new]}
    # What changed, as the page names it: an application's title, a recommendation's package.
    subject: str = ""

    @classmethod
    def of(cls, row, subject: str = "") -> ChangeRow:
        """The change a history table's row (``PoolChange``, ``WalkChange``) records."""
        return cls(row.changed_at, row.changed_by, row.entity, row.action, row.changes, subject)


def newest_changes(session: Session, table, partnership_id: int, limit: int) -> list:
    """The newest ``limit`` rows of a history table (``PoolChange``, ``WalkChange``) of the
    partnership, newest first."""
    return list(
        session.scalars(
            select(table)
            .where(table.partnership_id == partnership_id)
            .order_by(table.changed_at.desc(), table.id.desc())
            .limit(limit)
        )
    )
