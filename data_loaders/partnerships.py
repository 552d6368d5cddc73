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


class PartnershipChoiceError(LookupError):
    """A command could not tell which partnership it is for: the installation has several
    and none was named, or the name is not one of them. The message names the choices."""


def _choices(slugs: list[str]) -> str:
    return ", ".join(slugs) if slugs else "none yet (load a plan first)"


def choose_partnership(session: Session, slug: str | None) -> Partnership | None:
    """The partnership a command is for: the one ``slug`` names, else the only one. None
    when the installation has no partnership yet (and no slug was given); raises
    ``PartnershipChoiceError`` for an unknown slug or for several partnerships and none
    named."""
    found = session.scalars(select(Partnership).order_by(Partnership.slug)).all()
    slugs = [p.slug for p in found]
    if slug:
        chosen = next((p for p in found if p.slug == slug), None)
        if chosen is None:
            raise PartnershipChoiceError(
                f"no partnership {slug!r}; the partnerships are: {_choices(slugs)}"
            )
        return chosen
    if len(found) > 1:
        raise PartnershipChoiceError(f"several partnerships; give --partnership: {_choices(slugs)}")
    return found[0] if found else None


def plan_partnership_slug(session: Session, slug: str | None, plan_slug: str) -> str:
    """The slug a plan is loaded for: ``slug`` if given (a new one adds the partnership), else
    the partnership the plan names (``plan_slug``) when the installation has none yet or has
    exactly that one. Anything else would put one partnership's plan under another's name
    or guess between several, so it raises ``PartnershipChoiceError``."""
    if slug:
        return slug
    slugs = list(session.scalars(select(Partnership.slug).order_by(Partnership.slug)))
    if not slugs or slugs == [plan_slug]:
        return plan_slug
    if len(slugs) > 1:
        raise PartnershipChoiceError(f"several partnerships; give --partnership: {_choices(slugs)}")
    raise PartnershipChoiceError(
        f"the plan names the partnership {plan_slug!r}, the installation has {slugs[0]!r}; "
        f"give --partnership {slugs[0]} to load it as theirs, or --partnership {plan_slug} "
        "to add the partnership"
    )
