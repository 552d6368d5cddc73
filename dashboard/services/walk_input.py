"""What the safety walks' forms may hold and how their writes are recorded: the checks (each
refused with a Danish message naming the field, ``InvalidEdit``), the history row every
change writes (``WalkChange``, as Bylivspuljen's ``PoolChange``) and the stale-edit refusal."""

from __future__ import annotations

import math
from datetime import date
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.dates import long_day
from dashboard.geometry import in_outline
from dashboard.model import Partnership, WalkChange
from dashboard.services.change_log import StaleEdit, flush_or_refuse, record_change
from dashboard.services.errors import InvalidEdit
from dashboard.services.ownership import period_start

# More people than this of one kind on one walk is a typing error (a walk is a group on foot).
MAX_PARTICIPANTS = 200
MAX_COUNT_SHOWN = 10**6  # a refused count from here up is not repeated in the message
MAX_ROUTE = 300
MAX_PLACE = 200
MAX_TEXT = 2000


class StaleWalk(StaleEdit):
    """Someone changed the walk, finding or action after the user opened it."""


record = partial(record_change, WalkChange)
flush = partial(flush_or_refuse, stale=StaleWalk)


def check_version(row, expected_version) -> None:
    if expected_version is not None and expected_version != row.version:
        raise StaleWalk()


def text_field(value, what: str, limit: int, *, required: bool) -> str:
    text = (value or "").strip() if isinstance(value, str | None) else ""
    if required and not text:
        raise InvalidEdit(f"Skriv {what}.")
    if len(text) > limit:
        raise InvalidEdit(f"{what.capitalize()} må højst være {limit} tegn.")
    return text


def count_field(value, what: str) -> int:
    """A count of participants: a whole number from 0 to ``MAX_PARTICIPANTS``; empty is 0."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise InvalidEdit(f"Angiv antallet af {what} som et helt tal.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        value = value.strip()
        # ASCII digits only: int() refuses "²" (which isdigit() takes) and 5,000 digits.
        if not (value.isascii() and value.isdigit()):
            raise InvalidEdit(f"Angiv antallet af {what} som et helt tal, 0 eller flere.")
        value = int(value) if len(value) <= 9 else MAX_COUNT_SHOWN
    if not isinstance(value, int):
        raise InvalidEdit(f"Angiv antallet af {what} som et helt tal.")
    if value < 0:
        raise InvalidEdit(f"Antallet af {what} kan ikke være negativt.")
    if value > MAX_PARTICIPANTS:
        # A forged count of hundreds of digits is not repeated back to the browser.
        many = f"{value}" if value < MAX_COUNT_SHOWN else "Over en million"
        raise InvalidEdit(
            f"{many} {what} på én tryghedsvandring er for mange. Ret tallet "
            f"(højst {MAX_PARTICIPANTS})."
        )
    return value


def walk_date(session: Session, partnership_id: int, value) -> date:
    """A walk's day: not after today, not before the partnership period began."""
    if not isinstance(value, date):
        raise InvalidEdit("Angiv datoen for tryghedsvandringen.")
    if value > clock.today():
        raise InvalidEdit(
            "Tryghedsvandringens dato ligger ude i fremtiden. Registrér vandringen, når den "
            "er gået."
        )
    start = period_start(session, partnership_id)
    if start is not None and value < start:
        raise InvalidEdit(
            f"Tryghedsvandringens dato ligger før partnerskabsperioden, der begynder "
            f"{long_day(start)}. Ret datoen."
        )
    return value


# Said on /tryghedsvandringer, where the map shows the area hatched.
OUTSIDE_THE_MAPPED_AREA = (
    "Stedet ligger uden for partnerskabets område på kortet. Ret længde- og breddegrad, så "
    "punktet ligger inden for det skraverede område."
)


def point_in_area(
    session: Session, partnership_id: int, lon, lat, outside: str = OUTSIDE_THE_MAPPED_AREA
) -> tuple[float, float]:
    """A point on the partnership's map: numbers, inside the partnership's outline; else
    ``outside`` is said."""
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond a float
        raise InvalidEdit("Angiv stedet på kortet: længde- og breddegrad som tal.") from None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise InvalidEdit("Angiv stedet på kortet: længde- og breddegrad som tal.")
    outline = session.scalar(
        select(Partnership.map_outline).where(Partnership.id == partnership_id)
    )
    if not in_outline(outline, lon, lat):
        raise InvalidEdit(outside)
    return lon, lat
