"""The public texts about a partnership, from its row (``Partnership.members``, ``about``,
``about_source``, ``area_text``: the registry ``data_loaders/data/partnerships.csv`` fills
them), each with a neutral sentence for a partnership whose text is not stated yet; and the
accessibility statement's contact and date.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

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


# When the accessibility statement was written and last reviewed against the pages; the law
# asks for a review at least once a year and whenever the pages change in a way it describes.
STATEMENT_WRITTEN = date(2026, 12, 2)
STATEMENT_REVIEWED = date(2026, 12, 2)


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None
    phone: str | None


def accessibility_contact() -> Contact:
    """Who answers questions about accessibility: the secretariat, its e-mail and phone set by
    the operator (``TRYGHED_CONTACT_EMAIL``, ``TRYGHED_CONTACT_PHONE``) because they change with
    the people who run the partnership; None where not set (never an invented address)."""
    return Contact(
        name=os.environ.get("TRYGHED_CONTACT_NAME", "partnerskabets sekretariat"),
        email=os.environ.get("TRYGHED_CONTACT_EMAIL", "").strip() or None,
        phone=os.environ.get("TRYGHED_CONTACT_PHONE", "").strip() or None,
    )
