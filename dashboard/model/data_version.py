"""One row whose token changes in every transaction that writes: the name of the data's state."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.model.base import Base


class DataVersion(Base):
    __tablename__ = "data_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
