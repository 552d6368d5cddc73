"""Which areas are the partnership's own, how near the others lie, and which of them can be
compared with it.

"Own" areas are the partnership's area (``Partnership.area_id``), its successors and the
areas inside them; every other area, another partnership's included, is a comparison the
user may add.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Area, Indicator, Measurement, Partnership
from dashboard.model.indicators import PARTNERSHIP_AREA_KIND
from dashboard.queries.transaction_memo import per_transaction


def _partnership_area_id(session: Session, partnership_id: int) -> int | None:
    return session.scalar(select(Partnership.area_id).where(Partnership.id == partnership_id))


@per_transaction
def own_area_codes(session: Session, partnership_id: int) -> frozenset[str]:
    """Codes of the partnership's area, its successors (the area enlarged …) and every area
    inside them. Empty for a partnership whose area is not named."""
    root = _partnership_area_id(session, partnership_id)
    if root is None:
        return frozenset()
    rows = session.execute(select(Area.id, Area.code, Area.parent_id, Area.predecessor_id)).all()
    by_id = {r.id: r for r in rows}

    def reaches(start, link: str, targets: set[int]) -> bool:
        current, seen = start, set()
        while current is not None and current.id not in seen:
            if current.id in targets:
                return True
            seen.add(current.id)
            current = by_id.get(getattr(current, link))
        return False

    # The area and its successors (the enlarged area of 2021 lies in the district, not in
    # the old area: it is own through its predecessor), then everything inside them.
    shapes = {r.id for r in rows if reaches(r, "predecessor_id", {root})}
    return frozenset(r.code for r in rows if reaches(r, "parent_id", shapes))


def area_nearness(
    session: Session, partnership_id: int, own: set[str] | None = None
) -> dict[str, int]:
    """Area name → rank: the partnership's area and its successors 0, then their parents
    outwards (1, 2 …); areas around neither are absent. ``own``: the partnership's
    ``own_area_codes``, if the caller has them already."""
    own = own_area_codes(session, partnership_id) if own is None else own
    rows = session.execute(
        select(Area.id, Area.code, Area.name, Area.kind, Area.parent_id).order_by(Area.position)
    ).all()
    by_id = {r.id: r for r in rows}
    ranks: dict[str, int] = {}
    for row in rows:
        if row.kind != PARTNERSHIP_AREA_KIND or row.code not in own:
            continue
        current, depth = row, 0
        while current is not None:
            ranks[current.name] = min(ranks.get(current.name, depth), depth)
            current, depth = by_id.get(current.parent_id), depth + 1
    return ranks


def comparison_areas(session: Session, partnership_id: int, indicator: str) -> list[dict]:
    """The areas outside the partnership that have figures for ``indicator``, as dropdown
    options (``label``: name, ``value``: code), in the catalogue's area order; none for an
    unknown indicator."""
    own = own_area_codes(session, partnership_id)
    present = set(
        session.scalars(
            select(Area.code)
            .join(Measurement, Measurement.area_id == Area.id)
            .join(Indicator, Indicator.id == Measurement.indicator_id)
            .where(Indicator.code == indicator)
            .distinct()
        )
    )
    ordered = session.execute(select(Area.code, Area.name).order_by(Area.position)).all()
    return [{"label": name, "value": code} for code, name in ordered if code in present - own]


@per_transaction
def other_partnerships_areas(session: Session, partnership_id: int) -> Mapping[str, str]:
    """Area code → partnership name for the areas other partnerships own (and this one does
    not): their figures are not this partnership's news, nor its to load. The figures of
    shared areas, Copenhagen's and the country's, are everyone's."""
    mine = own_area_codes(session, partnership_id)
    theirs: dict[str, str] = {}
    others = session.scalars(
        select(Partnership).where(Partnership.id != partnership_id).order_by(Partnership.id)
    )
    for other in others:
        for code in own_area_codes(session, other.id) - mine:
            theirs.setdefault(code, other.name)
    return MappingProxyType(theirs)
