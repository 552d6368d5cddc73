"""What Bylivspuljen's forms may hold: the lengths of its texts, its years, its dates, each
refused with a Danish message that names the field (``InvalidEdit``)."""

from __future__ import annotations

from datetime import date

from dashboard.services.errors import InvalidEdit

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


def date_field(value, what: str) -> date:
    if not isinstance(value, date):
        raise InvalidEdit(f"Angiv {what}.")
    return value


def pool_year(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value not in YEARS:
        raise InvalidEdit("Vælg puljens år.")
    return value
