"""Amounts in whole kroner as a user types them, checked before a service writes them."""

from __future__ import annotations

from dashboard.numbers import NumberError, end_sentence, kroner, parse_number
from dashboard.services.errors import InvalidEdit

__all__ = ["MAX_AMOUNT", "kroner", "parse_amount"]

# Far above any pool the plans give (233.000 kr. a year): a larger figure is a typing error.
MAX_AMOUNT = 5_000_000


def parse_amount(value, what: str, *, allow_zero: bool = True) -> int:
    """Whole kroner from a number or a Danish text ("12.000", "12000 kr."); refuses an
    empty, negative, fractional or absurd amount with a Danish message naming ``what``."""
    if isinstance(value, bool):
        raise InvalidEdit(f"Angiv {what} i hele kroner.")
    if isinstance(value, int):
        number = value
    else:
        text = str(value or "").strip().removesuffix("kr.").removesuffix("kr").strip()
        if not text:
            raise InvalidEdit(f"Angiv {what}.")
        try:
            parsed = parse_number(text)
        except NumberError:
            raise InvalidEdit(f"Angiv {what} som et beløb i hele kroner, fx 12.000.") from None
        if parsed != parsed.to_integral_value():
            raise InvalidEdit(f"Angiv {what} i hele kroner.")
        number = int(parsed)
    if number < 0 or (number == 0 and not allow_zero):
        raise InvalidEdit(f"{what.capitalize()} skal være større end 0 kr.")
    if number > MAX_AMOUNT:
        raise InvalidEdit(
            end_sentence(f"{what.capitalize()} kan ikke være over {kroner(MAX_AMOUNT)}")
        )
    return number
