"""Danish money cells as plans and spreadsheets write them: "235.000 kr.", "190.000 ⁵", "?"."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dashboard.numbers import NumberError, parse_number

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
UNDECIDED_REASON = "ikke besluttet ('?')"
EMPTY_REASON = "tom celle"

_MARKUP = re.compile(r"</?u>", re.IGNORECASE)
_MARKS = re.compile(f"[{SUPERSCRIPTS}]+")
_CURRENCY = re.compile(r"\s*(kr\.?|dkk)\s*$", re.IGNORECASE)
# "235.000,-": the kroner notation for "no øre"
_NO_ORE = re.compile(r",-$")


@dataclass(frozen=True)
class Amount:
    """A parsed cell: ``value`` None means unknown (see ``reason``); ``marks`` are footnotes."""

    value: int | None
    marks: str = ""
    reason: str | None = None


class AmountError(ValueError):
    """The cell holds something that is not a whole, non-negative number of kroner."""


def strip_markup(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def parse_amount(cell: object) -> Amount:
    """Read one cell. Raises ``AmountError`` with a message fit for the user."""
    if cell is None:
        return Amount(None, reason=EMPTY_REASON)
    if isinstance(cell, bool):
        raise AmountError(f"'{cell}' is not an amount")
    if isinstance(cell, int | float):
        if not math.isfinite(cell) or cell != int(cell):
            raise AmountError(f"'{cell}' has decimals; amounts are whole kroner")
        if cell < 0:
            raise AmountError(f"negative amount {cell}")
        return Amount(int(cell))
    text = strip_markup(str(cell))
    marks = "".join(_MARKS.findall(text))
    text = _CURRENCY.sub("", _MARKS.sub("", text)).strip()
    if text == "":
        return Amount(None, marks, EMPTY_REASON)
    if text == "?":
        return Amount(None, marks, UNDECIDED_REASON)
    try:
        value = parse_number(_NO_ORE.sub("", text))
    except NumberError:
        raise AmountError(f"'{cell}' is not an amount (write e.g. 235.000, 0 or ?)") from None
    if value < 0:
        raise AmountError(f"negative amount '{cell}'")
    if value != value.to_integral_value():
        raise AmountError(f"'{cell}' has decimals; amounts are whole kroner")
    return Amount(int(value), marks)


def is_footnote_line(line: str) -> bool:
    return bool(line) and line[0] in SUPERSCRIPTS


def split_footnote(line: str) -> tuple[str, str]:
    """ "⁴ TMF overtager udgiften fra 2018" -> ("⁴", "TMF overtager udgiften fra 2018")."""
    match = _MARKS.match(line)
    if not match:
        return "", line.strip()
    return match.group(0), line[match.end() :].strip()
