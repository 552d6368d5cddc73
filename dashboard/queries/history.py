"""A change in a history (the pool's, the safety walks'), as the pages list it."""

from __future__ import annotations

from dataclasses import dataclass


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
