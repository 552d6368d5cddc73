"""Figures registered or corrected in the app by the working group, with who, when and
old → new. Re-loads from files keep their history in ``measurement_change`` instead."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.model.base import Base, utcnow

# The source of every figure the working group registers in the app: part of the figure's
# natural key, so each indicator, area and period has one registered figure.
REGISTERED_SOURCE = "Tryghedsdashboard: registreret af arbejdsgruppen"


class MeasurementEdit(Base):
    """A figure registered or corrected in the app (the loaders' re-loads are kept in
    ``measurement_change``). ``version`` numbers the edits of one figure from 1, so the
    number of edits is the version a new edit must expect; unique per figure, so two
    concurrent edits of the same figure cannot both be applied."""

    __tablename__ = "measurement_edit"
    __table_args__ = (UniqueConstraint("measurement_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    measurement_id: Mapped[int] = mapped_column(ForeignKey("measurement.id"), index=True)
    version: Mapped[int]
    changed_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    old_value: Mapped[float | None] = mapped_column(Float)
    new_value: Mapped[float] = mapped_column(Float)
    old_note: Mapped[str] = mapped_column(Text, default="")
    new_note: Mapped[str] = mapped_column(Text, default="")
