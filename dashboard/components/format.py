"""Danish (da-DK) formatting for every number, amount, percentage and date the UI shows."""

from __future__ import annotations

import re
from datetime import date
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import NumberPattern, format_decimal, parse_pattern

from dashboard.dates import LOCALE, long_day, parse_day

UNDECIDED = "ikke besluttet"


# A page shows the same few hundred figures on every request, and Babel takes ~7 µs for each:
# the text is a function of the value and the decimals alone (the pattern fixes the digits
# after the comma), so it is kept for the values seen most recently. By type as well: Babel
# reads a float by its shortest text, a Decimal exactly, and 2.675 == Decimal(2.675).
@lru_cache(maxsize=4096, typed=True)
def number(value: float | int | None, decimals: int = 0) -> str:
    """``1200000`` -> ``1.200.000``; ``12.5`` -> ``12,5``."""
    if value is None:
        return "–"
    return _pattern(decimals).apply(value, _DANISH)


# Babel's format_decimal parses its locale and pattern on every call; a page formats a few
# hundred figures, so both are parsed once (the same pattern.apply format_decimal ends in).
_DANISH = Locale.parse(LOCALE)


@cache
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def form_number(value: float | int | None) -> str:
    """A number as a text field shows it for editing, the Danish way and with the decimals
    it has: ``2.5`` -> ``2,5``, ``1200`` -> ``1.200``; "" for none. The server reads it back
    the same way (``services.measurements``)."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.######", locale=LOCALE)


def money(amount: int | None) -> str:
    """``1200000`` -> ``1.200.000 kr.``; unknown stays unknown, never ``0 kr.``."""
    if amount is None:
        return UNDECIDED
    return f"{number(amount)} kr."


def percent(value: float | None, decimals: int = 1) -> str:
    """``12.5`` -> ``12,5 %`` (value given in percent, not as a fraction)."""
    if value is None:
        return "–"
    if decimals and float(value).is_integer():
        decimals = 0
    return f"{number(value, decimals)} %"


NO_BREAK_SPACE = "\u00a0"
_NUMBER_THEN_UNIT = re.compile(r"(\d) (kr\.|%|km²|km|meter)(?!\w)")


def keep_together(text: str) -> str:
    """``text`` with a no-break space between each number and its unit (``1.200.000 kr.``,
    ``29 %``, ``1,06 km²``), so that a narrow screen never puts the unit alone on the next
    line."""
    return _NUMBER_THEN_UNIT.sub(rf"\1{NO_BREAK_SPACE}\2", text)


def long_date(value: date | None) -> str:
    """``date(2016, 10, 24)`` -> ``24. oktober 2016``."""
    return "–" if value is None else long_day(value)


def parse_date(value) -> date | None:
    """A date field's value as typed (``"05.03.2019"``, dd.mm.åååå) or as an ISO date
    (``"2019-03-05"``, what a date picker and older clients send) as a date; None for an
    empty or unreadable one."""
    return parse_day(value)
