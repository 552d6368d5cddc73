"""Tryghedsvandringer (safety walks, one of the 2017 plan's measurements: "Tryghedsvandringer,
der gennemføres løbende i partnerskabsperioden"): a walk through part of the area, the unsafe
places it finds, the action taken on each and the follow-up on a later walk. No personal
names: who took part are counts by kind. No photos: a phone's picture carries the place and
the device in its metadata and shows people; it would need stripping and review before anyone
saw it, which the app does not do."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.model.base import Base, utcnow

# The plan's measurement of safety walks (the indicator catalogue's code): its figure for a
# year is the number of walks recorded, never registered by hand as well.
WALK_INDICATOR = "tryghedsvandringer"
# Code → Danish words, in the order the form offers them.
FINDING_CATEGORIES = {
    "lys": "Lys",
    "beplantning": "Beskæring/beplantning",
    "haervaerk": "Hærværk/graffiti",
    "affald": "Affald",
    "byrum": "Indretning/byrum",
    "adfaerd": "Adfærd/grupper",
    "andet": "Andet",
}
# An action moves åben → i gang → udbedret, or is turned down (afvist, with a reason).
ACTION_STATUSES = {
    "aaben": "Åben",
    "i_gang": "I gang",
    "udbedret": "Udbedret",
    "afvist": "Afvist",
}
CLOSED_ACTION_STATUSES = ("udbedret", "afvist")
# The kinds of participants a walk counts (Walk's columns of the same names).
PARTICIPANT_KINDS = {
    "residents": "Beboere",
    "staff": "Personale",
    "police": "Politi",
    "others": "Andre",
}


class Walk(Base):
    """One safety walk: when, where it went (a route or part of the area, in words) and how
    many took part of each kind."""

    __tablename__ = "walk"
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    walked_on: Mapped[date]
    route: Mapped[str] = mapped_column(String(300))
    residents: Mapped[int] = mapped_column(default=0)
    staff: Mapped[int] = mapped_column(default=0)
    police: Mapped[int] = mapped_column(default=0)
    others: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    __mapper_args__ = {"version_id_col": version}

    @property
    def participants(self) -> int:
        return self.residents + self.staff + self.police + self.others


class WalkFinding(Base):
    """An unsafe place a walk found: a point in the partnership's area (longitude, latitude,
    WGS 84 as the map's layers), a short place text, a category and a description."""

    __tablename__ = "walk_finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    walk_id: Mapped[int] = mapped_column(ForeignKey("walk.id"), index=True)
    lon: Mapped[float]
    lat: Mapped[float]
    place: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    __mapper_args__ = {"version_id_col": version}


class WalkAction(Base):
    """What is done about a finding (one action per finding), by which party, by when, how far
    it has come; optionally the Bylivspulje application that pays for it."""

    __tablename__ = "walk_action"
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("walk_finding.id"), unique=True)
    what: Mapped[str] = mapped_column(Text)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"))
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="aaben")
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was turned down
    pool_application_id: Mapped[int | None] = mapped_column(ForeignKey("pool_application.id"))
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    __mapper_args__ = {"version_id_col": version}


class WalkFollowUp(Base):
    """What a later walk saw at an earlier walk's finding: fixed, or still a problem."""

    __tablename__ = "walk_follow_up"
    __table_args__ = (UniqueConstraint("finding_id", "walk_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("walk_finding.id"), index=True)
    walk_id: Mapped[int] = mapped_column(ForeignKey("walk.id"))
    fixed: Mapped[bool]
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class WalkChange(Base):
    """One applied change of a walk, finding, action or follow-up (who, when, old → new), as
    ``PoolChange``: ``changes`` is JSON ``{"field": [old, new], …}``; unique (entity, id,
    version), so two changes claiming to follow one version are refused by the database."""

    __tablename__ = "walk_change"
    __table_args__ = (UniqueConstraint("entity", "entity_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    entity: Mapped[str] = mapped_column(String(20))  # walk | finding | action | follow_up
    entity_id: Mapped[int]
    version: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # created | changed | status | followed_up
    changes: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
