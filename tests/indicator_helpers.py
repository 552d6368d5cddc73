"""Helpers for the indicator tests: a fingerprint of the database to prove it did not change."""

from __future__ import annotations

from sqlalchemy import func, select

from dashboard.db import get_engine
from dashboard.model import Base


def table_counts(url: str) -> dict[str, int]:
    """Row count of every table: a bad load must leave every one of them as it was."""
    with get_engine(url).connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


def measurement_dump(url: str) -> list[tuple]:
    from dashboard.model import Measurement

    t = Measurement.__table__
    with get_engine(url).connect() as connection:
        return [tuple(r) for r in connection.execute(select(t).order_by(t.c.id))]
