"""Periods as sources write them, made canonical: ``2019``, ``2019Q3``, ``2014/15``.

Statistics Denmark writes quarters ``2019K3``; municipal tables write school years
``2014/15`` or ``2014/2015``. Canonical strings sort and compare; ``period_start`` gives
the date a chart places the figure at.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

# Figures before 1900 or far in the future are typing errors, not history.
FIRST_YEAR, LAST_YEAR = 1900, 2100

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})\s*[-_ ]?\s*(?:K|Q|KVT\.?|KV)\s*([1-4])")
_SCHOOL_YEAR = re.compile(r"(\d{4})\s*/\s*(\d{2}|\d{4})")


class Period(NamedTuple):
    code: str  # canonical
    kind: str  # year | quarter | school_year
    start: date


class PeriodError(ValueError):
    """The text is not a period we understand; the message says which forms we do."""


@lru_cache(maxsize=65536)  # files repeat a few hundred periods a million times
def parse_period(text: str) -> Period:
    raw = text.strip().upper()
    if m := _YEAR.fullmatch(raw):
        year = _checked_year(int(m[1]), text)
        return Period(str(year), "year", date(year, 1, 1))
    if m := _QUARTER.fullmatch(raw):
        year, quarter = _checked_year(int(m[1]), text), int(m[2])
        return Period(f"{year}Q{quarter}", "quarter", date(year, 3 * quarter - 2, 1))
    if m := _SCHOOL_YEAR.fullmatch(raw):
        first = _checked_year(int(m[1]), text)
        second = int(m[2]) if len(m[2]) == 4 else first + 1 - (first + 1) % 100 + int(m[2])
        if second != first + 1:
            raise PeriodError(
                f"{text!r} is not a school year: the second year must follow the first"
            )
        # The Danish school year starts in August.
        return Period(f"{first}/{second % 100:02d}", "school_year", date(first, 8, 1))
    raise PeriodError(
        f"{text!r} is not a period; write a year (2019), a quarter (2019K3 or 2019Q3) "
        "or a school year (2014/15)"
    )


def _checked_year(year: int, text: str) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"{text!r}: the year must lie between {FIRST_YEAR} and {LAST_YEAR}")
    return year
