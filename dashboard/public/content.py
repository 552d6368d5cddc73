"""The public texts about a partnership, from its row (``Partnership.members``, ``about``,
``about_source``, ``area_text``: the registry ``data_loaders/data/partnerships.csv`` fills
them), each with a neutral sentence for a partnership whose text is not stated yet; and the
accessibility statement's contact.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from dashboard.queries.public_partnership import PublicPartnership


@dataclass(frozen=True)
class PartnershipText:
    about: str
    members: str  # "" when not stated (then ``members_sentence`` says so)
    members_sentence: str
    area: str
    source: str


def partnership_text(partnership: PublicPartnership) -> PartnershipText:
    name = partnership.name
    members = partnership.members.strip().rstrip(".")
    return PartnershipText(
        about=partnership.about or f"{name} er et tryghedspartnerskab i Københavns Kommune.",
        members=members,
        members_sentence=(
            f"Partnerskabet består af {members}."
            if members
            else "Hvem der er med i partnerskabet, er ikke oplyst her endnu."
        ),
        area=partnership.area_text or "Partnerskabets område er ikke beskrevet her endnu.",
        source=partnership.about_source if partnership.about else "",
    )


def footer_line(partnership: PublicPartnership) -> str:
    """ "<name>: <members>." for the footer; the name alone when the members are not stated."""
    members = partnership.members.strip().rstrip(".")
    return f"{partnership.name}: {members}." if members else f"{partnership.name}."


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
