"""Fixed public texts that the loaded data does not hold yet: who is in a partnership and the
accessibility statement's contact. Keyed by partnership slug, because the same dashboard
serves other partnerships too; an unknown slug gets a neutral text built from its name.

The plan loader does not store the plan's section A ("Om Amager Partnerskab"); when it does,
``about`` should come from there instead of from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class PartnershipText:
    about: str
    members: list[str]
    area: str
    source: str


PARTNERSHIP_TEXTS = {
    "amager-partnerskab": PartnershipText(
        about=(
            "Amager Partnerskab, også kaldet Tryghedspartnerskabet, arbejder for mere tryghed "
            "og mindre kriminalitet i Urbanplanen og Hørgården og i de nærliggende områder, "
            "som beboerne bruger. Det sker ved at koordinere de indsatser, der allerede er, og "
            "ved at sætte nye tryghedsskabende aktiviteter i gang."
        ),
        members=["Københavns Kommune", "Københavns Politi", "SSP København", "Boligforeningen 3B"],
        area=(
            "Partnerskabsområdet 2017–2020 er Hørgården, Remisevænget Øst, Vest og Nord og "
            "Dyvekevænget. Det ligger i og omkring det område, kommunen kalder "
            "»Urbanplanen mv.«, som kortet viser."
        ),
        source="Tryghedsplan for Amager Partnerskab 2017, afsnit A",
    )
}


def partnership_text(slug: str | None, name: str) -> PartnershipText:
    return PARTNERSHIP_TEXTS.get(slug or "") or PartnershipText(
        about=f"{name} er et tryghedspartnerskab i Københavns Kommune.",
        members=[],
        area="",
        source="",
    )


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None


def accessibility_contact() -> Contact:
    """Who answers questions about accessibility: the secretariat, e-mail set by the operator
    (``TRYGHED_CONTACT_EMAIL``) because it changes with the people who run the partnership."""
    return Contact(
        name=os.environ.get("TRYGHED_CONTACT_NAME", "Partnerskabets sekretariat"),
        email=os.environ.get("TRYGHED_CONTACT_EMAIL") or None,
    )
