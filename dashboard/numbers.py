"""Numbers as Danish sources write them: "1.200.000", "1 200 000", "12,5", "−3".

One parser for plan cells, budget sheets, indicator files and Statistics Denmark's answers.
The marks come from Babel's da_DK locale. Babel's own ``parse_decimal(strict=True)`` agrees
with this on every case the loaders meet, but costs about 0.3 ms a call (minutes for a
million-figure file) and takes "1e5" and "nan" as numbers, so the shape is checked here with
one expression instead. Imports nothing from the project, so every layer can use it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol

DECIMAL_MARK = get_decimal_symbol("da_DK")  # ","
GROUP_MARK = get_group_symbol("da_DK")  # "."

# Minus as typographers and word processors write it; spaces as thousands groups.
_SIGNS_AND_SPACES = str.maketrans({"−": "-", "–": "-", "\u00a0": " ", "\u202f": " "})


def _shape(group: str, decimal: str) -> re.Pattern[str]:
    """Digits, grouped in threes by ``group`` or not at all, then optional decimals."""
    g, d = re.escape(group), re.escape(decimal)
    return re.compile(rf"(?:\d{{1,3}}(?:{g}\d{{3}})+|\d+)(?:{d}\d+)?")


_DANISH = _shape(GROUP_MARK, DECIMAL_MARK)
_POINT = _shape(" ", ".")


class NumberError(ValueError):
    """The text is not a number as Danish sources write it."""


def parse_number(text: str, *, decimal_point: bool = False) -> Decimal:
    """The number ``text`` writes: a point or a space groups thousands ("1.200.000",
    "1 200 000"), a comma marks decimals ("12,5"); a sign may lead ("-3", "−3", "+3").
    With ``decimal_point`` the text writes decimals with a point ("12.5", as English exports
    do) and may group thousands only with spaces.

    Raises ``NumberError`` for anything else, the missing marks ("", "-", "?", "..")
    included: whether they mean unknown, zero or a mistake is the caller's to say."""
    raw = text.strip().translate(_SIGNS_AND_SPACES)
    sign = ""
    if raw[:1] in ("-", "+"):
        sign, raw = raw[0], raw[1:].lstrip()
    if decimal_point:
        if not _POINT.fullmatch(raw):
            raise NumberError(f"{text!r} is not a number")
        return Decimal(sign + raw.replace(" ", ""))
    raw = raw.replace(" ", GROUP_MARK)
    if not _DANISH.fullmatch(raw):
        raise NumberError(f"{text!r} is not a number")
    return Decimal(sign + raw.replace(GROUP_MARK, "").replace(DECIMAL_MARK, "."))


def kroner(amount: int) -> str:
    """``55000`` -> ``55.000 kr.`` in a service's message or a decision's stored words (the
    layers under the components format no number of their own)."""
    return f"{amount:,}".replace(",", ".") + " kr."


def end_sentence(text: str) -> str:
    """``text`` with the full stop that ends its sentence, unless it ends in one already: an
    amount ends in "kr." ("… med 55.000 kr.", never "55.000 kr.."), and so may an
    abbreviation or a user's own note."""
    text = text.rstrip()
    return text if text.endswith(".") else f"{text}."


# The largest id an id column holds on every database the app runs on (PostgreSQL's integer).
MAX_ID = 2**31 - 1


def form_id(value: object) -> int | None:
    """An id as a form sends it (a select's value, "12") as a number; None for none and for
    anything no row can have: other digits than 0-9 ("²", which ``int`` refuses), or a number
    beyond an id column (the database would fail on it, not answer "no such row")."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID))):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
