"""Danish money cells as plans and spreadsheets write them: "235.000 kr.", "190.000 ⁵", "?",
"235 t.kr.", "kr. 235.000", "1,2 mio. kr.", or "235" under a header "Finansiering (1.000 kr.)".

A cell's own unit wins over its table's; an amount the text leaves in doubt ("ca. 200.000",
"100.000-150.000", "op til 50.000") is refused, never rounded or guessed."""

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
# How many kroner one written unit is. "1.000 kr." before "kr." so that it is seen whole.
_UNITS = (
    (r"1\.?000\s*kr\b\.?|t\.?\s*kr\b\.?|tkr\b\.?|tusind(?:e)?\s+kr(?:oner)?\b\.?", 1_000),
    (r"mio\.?\s*kr\b\.?|mill?\.?\s*kr\b\.?|millioner\s+kr(?:oner)?\b\.?", 1_000_000),
    (r"kr(?:oner)?\b\.?|dkk\b", 1),
)
_UNIT = re.compile(
    "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _scale) in enumerate(_UNITS)), re.IGNORECASE
)
_DOUBT = re.compile(
    r"\b(ca|cirka|circa|omkring|op\s+til|min|maks|max|mindst|højst|under|over|ikke\s+over)\b\.?"
    r"|[~<>≈±]|\d\s*[-–]\s*\d",
    re.IGNORECASE,
)
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


def unit_scale(text: str) -> int | None:
    """The kroner one unit of ``text``'s unit is ("Finansiering (1.000 kr.)" -> 1000,
    "2017/kr." -> 1); None when it names no unit."""
    match = _UNIT.search(strip_markup(text))
    if match is None:
        return None
    return next(_UNITS[i][1] for i in range(len(_UNITS)) if match.group(f"u{i}"))


def parse_amount(cell: object, scale: int = 1) -> Amount:
    """Read one cell in kroner; a bare number counts ``scale`` kroner a unit (its table's
    header unit), a unit in the cell itself overrides that. Raises ``AmountError`` with a
    message fit for the user."""
    if cell is None:
        return Amount(None, reason=EMPTY_REASON)
    if isinstance(cell, bool):
        raise AmountError(f"'{cell}' is not an amount")
    if isinstance(cell, int | float):
        if not math.isfinite(cell) or cell != int(cell):
            raise AmountError(f"'{cell}' has decimals; amounts are whole kroner")
        if cell < 0:
            raise AmountError(f"negative amount {cell}")
        return Amount(int(cell) * scale)
    text = strip_markup(str(cell))
    marks = "".join(_MARKS.findall(text))
    text = _MARKS.sub("", text).strip()
    units = list(_UNIT.finditer(text))
    if len(units) > 1:
        raise AmountError(f"'{cell}' names more than one unit; write one amount in one unit")
    if units:
        scale = unit_scale(units[0].group(0)) or 1
        text = (text[: units[0].start()] + text[units[0].end() :]).strip()
    if text == "":
        return Amount(None, marks, EMPTY_REASON)
    if text == "?":
        return Amount(None, marks, UNDECIDED_REASON)
    if _DOUBT.search(text):
        raise AmountError(
            f"'{cell}' is not a sure amount; write the amount itself, or ? while undecided"
        )
    try:
        value = parse_number(_NO_ORE.sub("", text)) * scale
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
