"""Who is responsible: find the known parties named in a plan's "Ansvarlig" text.

The vocabulary (name, short name, parent organisation, the ways documents write it) is data
in ``data/parties.csv``, so a new partnership's organisations are added there, not in code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from data_loaders.plan_types import ParsedResponsible

LEAD_WORDS = re.compile(r"\b(tovholder|driftsherre)\b", re.IGNORECASE)


@dataclass(frozen=True)
class KnownParty:
    name: str
    short_name: str
    parent: str | None
    aliases: tuple[str, ...]


@cache
def known_parties() -> tuple[KnownParty, ...]:
    text = resources.files("data_loaders").joinpath("data/parties.csv").read_text("utf-8")
    return tuple(
        KnownParty(
            row["name"], row["short_name"], row["parent"] or None, tuple(row["aliases"].split("|"))
        )
        for row in csv.DictReader(text.splitlines(), delimiter=";")
    )


@cache
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    to_name = {}
    for party in known_parties():
        for alias in party.aliases:
            to_name[alias.lower()] = party.name
    # Longest aliases first so "3B's boligsociale helhedsplan" wins over "3B".
    alternatives = sorted(to_name, key=len, reverse=True)
    pattern = r"(?<![\wæøå])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![\wæøå])"
    return re.compile(pattern, re.IGNORECASE), to_name


def _mentions(text: str) -> list[tuple[int, str]]:
    pattern, to_name = _alias_pattern()
    return [(m.start(), to_name[m.group(1).lower()]) for m in pattern.finditer(text)]


def _lead(text: str, mentions: list[tuple[int, str]]) -> str | None:
    """The party the text calls tovholder/driftsherre: the nearest mention before the word in
    its sentence, else the first after it in that sentence."""
    for word in LEAD_WORDS.finditer(text):
        start = text.rfind(".", 0, word.start()) + 1
        end = text.find(".", word.end())
        end = len(text) if end == -1 else end
        before = [name for pos, name in mentions if start <= pos < word.start()]
        after = [name for pos, name in mentions if word.end() <= pos < end]
        if before or after:
            return before[-1] if before else after[0]
    return None


def find_responsible(text: str) -> list[ParsedResponsible]:
    """Parties named in ``text`` in order of first mention; one is ``lead``, the rest ``co``."""
    names: list[str] = []
    mentions = _mentions(text)
    for _pos, name in mentions:
        if name not in names:
            names.append(name)
    if not names:
        return []
    lead = _lead(text, mentions) or names[0]
    return [ParsedResponsible(name, "lead" if name == lead else "co") for name in names]


def find_party(text: str) -> str | None:
    """The first known party named in ``text`` (for handovers: "forankres i SOF")."""
    mentions = _mentions(text)
    return mentions[0][1] if mentions else None
