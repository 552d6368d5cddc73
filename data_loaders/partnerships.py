"""The partnerships the project knows before any plan names them: who is in each, what it
does, where it works and its outline on the city's map (``data/partnerships.csv``).

A plan loaded for a partnership the registry names gets these facts; one it does not name
keeps its name from the plan and empty texts, which the pages say as "not stated". Applying
the registry fills only what is empty, so an operator's later correction in the database is
not undone by the next start.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Area, Partnership

TEXT_FIELDS = ("members", "about", "about_source", "area_text", "map_outline")


@dataclass(frozen=True)
class RegistryEntry:
    slug: str
    name: str
    members: str
    about: str
    about_source: str
    area_text: str
    area_code: str
    map_outline: str


def registry() -> dict[str, RegistryEntry]:
    """Slug → the registry's entry."""
    text = resources.files("data_loaders").joinpath("data", "partnerships.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter=";")
    return {row["slug"]: RegistryEntry(**row) for row in rows}


def apply_registry(session: Session, partnership: Partnership) -> None:
    """Fill ``partnership``'s empty facts from its registry entry, if it has one; its area once
    that area is in the database (the indicator catalogue brings the areas)."""
    entry = registry().get(partnership.slug)
    if entry is None:
        return
    for field in TEXT_FIELDS:
        if not getattr(partnership, field):
            setattr(partnership, field, getattr(entry, field))
    if partnership.area_id is None and entry.area_code:
        partnership.area_id = session.scalar(select(Area.id).where(Area.code == entry.area_code))


def apply_registry_to_all(session: Session) -> None:
    for partnership in session.scalars(select(Partnership)):
        apply_registry(session, partnership)
