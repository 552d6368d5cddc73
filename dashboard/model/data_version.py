"""One row per domain of the data, whose token changes in every transaction that writes to
that domain: the name of the domain's state (``dashboard/cache.py``)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.model.base import Base


class DataVersion(Base):
    __tablename__ = "data_version"
    domain: Mapped[str] = mapped_column(String(20), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
