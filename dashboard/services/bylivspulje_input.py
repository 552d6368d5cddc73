"""What Bylivspuljen's forms may hold: the lengths of its texts, its years, its dates, each
refused with a Danish message that names the field (``InvalidEdit``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.dates import dmy
from dashboard.services.errors import InvalidEdit
from dashboard.services.ownership import period_start
from dashboard.services.walk_input import point_in_area

MAX_TITLE = 300
MAX_TEXT = 2000
MAX_PLACE = 200
MAX_ORGANISATION = 200
# Years a pool can belong to: the plans run 2017–2020; a wider window for later plans.
YEARS = range(2010, 2051)


def text_field(value, what: str, limit: int, *, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidEdit(f"Skriv {what}.")
    if len(text) > limit:
        raise InvalidEdit(f"{what.capitalize()} må højst være {limit} tegn.")
    return text


def pool_days(session: Session, partnership_id: int) -> tuple[date, date]:
    """The days the pool's dates (received, recommended, decided, reported) may fall on: from
    1 January of the year before the partnership period of the plan in force begins (the
    first applications come while the plan is approved, the autumn before) to today in
    Copenhagen. Without a plan, from the first of ``YEARS``' years."""
    start = period_start(session, partnership_id)
    first = start.year if start is not None else YEARS.start + 1
    return date(first - 1, 1, 1), clock.today()


def date_field(value, what: str, days: tuple[date, date]) -> date:
    """``value``, a day within ``days`` (``pool_days``); refused naming the field."""
    if not isinstance(value, date):
        raise InvalidEdit(f"Angiv {what}.")
    earliest, latest = days
    if not earliest <= value <= latest:
        raise InvalidEdit(
            f"{what[0].upper()}{what[1:]} skal ligge mellem {dmy(earliest)} og i dag "
            f"({dmy(latest)})."
        )
    return value


def pool_year(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value not in YEARS:
        raise InvalidEdit("Vælg puljens år.")
    return value


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def optional_point(
    session: Session, partnership_id: int, lon, lat
) -> tuple[float | None, float | None]:
    """An application's point on the map: neither number (no point), or both, inside the
    partnership's area by the rule a safety walk's finding is checked with
    (``walk_input.point_in_area``), so the map and the check agree."""
    if _blank(lon) and _blank(lat):
        return None, None
    if _blank(lon) or _blank(lat):
        raise InvalidEdit(
            "Angiv både længde- og breddegrad for stedet på kortet, eller lad begge stå tomme."
        )
    return point_in_area(session, partnership_id, lon, lat, OUTSIDE_THE_AREA)


# /bylivspuljen draws no map: the area is named, and where it is drawn.
OUTSIDE_THE_AREA = (
    "Stedet ligger uden for partnerskabets område. Ret længde- og breddegrad, så punktet "
    "ligger i området (kortet på siden Tryghedsvandringer viser det)."
)
