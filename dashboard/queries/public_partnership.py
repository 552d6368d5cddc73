"""Who the public pages speak for: the partnerships with their registry texts and periods,
and which areas are whose (the open data's ``partnership`` column)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Area, Partnership
from dashboard.queries.areas import own_area_codes
from dashboard.queries.partnership import partnership_periods
from dashboard.queries.transaction_memo import per_transaction


@dataclass(frozen=True)
class PublicPartnership:
    """A partnership as the public pages present it: its registry texts ("" when not stated)
    and the periods it works in, first to last year."""

    id: int
    slug: str
    name: str
    members: str
    about: str
    about_source: str
    area_text: str
    map_outline: str
    periods: tuple[tuple[int, int], ...]

    @property
    def period_text(self) -> str:
        """ "2013–2016 og 2017–2020"; "" when neither its plans nor their budgets say."""
        spans = [f"{first}–{last}" if first != last else str(first) for first, last in self.periods]
        return " og ".join([", ".join(spans[:-1]), spans[-1]] if len(spans) > 1 else spans)


def _public_partnership(session: Session, row: Partnership) -> PublicPartnership:
    # partnership_periods gives chart bands (year ± 0.5): back to whole years.
    bands = partnership_periods(session, row.id)
    return PublicPartnership(
        id=row.id,
        slug=row.slug,
        name=row.name,
        members=row.members or "",
        about=row.about or "",
        about_source=row.about_source or "",
        area_text=row.area_text or "",
        map_outline=row.map_outline or "",
        periods=tuple(
            (round(b.start + 0.5), round(b.end - 0.5)) for b in bands if b.end is not None
        ),
    )


@per_transaction
def public_partnerships(session: Session) -> tuple[PublicPartnership, ...]:
    """Every partnership the installation serves, by name (the header, the footer and the
    page itself ask: read once per transaction)."""
    rows = session.scalars(select(Partnership).order_by(Partnership.name)).all()
    return tuple(_public_partnership(session, row) for row in rows)


def public_partnership(session: Session, slug: str) -> PublicPartnership | None:
    row = session.scalar(select(Partnership).where(Partnership.slug == slug))
    return _public_partnership(session, row) if row else None


def own_area_code(session: Session, partnership_id: int) -> str | None:
    """Code of the partnership's own area; None when it is not named."""
    return session.scalar(
        select(Area.code)
        .join(Partnership, Partnership.area_id == Area.id)
        .where(Partnership.id == partnership_id)
    )


def area_partnerships(session: Session) -> dict[str, str]:
    """Area code → slug of the partnership whose own area it is (``own_area_codes``). Areas
    that are no partnership's own (the municipality, a district) are shared: absent."""
    found: dict[str, str] = {}
    for row in session.scalars(select(Partnership).order_by(Partnership.name)):
        for code in own_area_codes(session, row.id):
            found.setdefault(code, row.slug)
    return found
