"""Dates as a Danish user types and reads them: "05.03.2019" (dd.mm.åååå).

The edit forms use plain text fields for dates, not the browser's date picker, whose format
follows the browser's locale (mm/dd/yyyy in an English one); the server reads what was
typed here, whatever the browser. Imports nothing from the project, so every layer can use
it (the services' messages and the forms' values alike); the pages' long dates
(``components.format.long_date``) are written here too, so a service's message reads a day
as the page does."""

from __future__ import annotations

import re
from datetime import date

from babel import Locale
from babel.dates import format_date

# Parsed once: looking the locale up by name on every call dominated callback time.
LOCALE = Locale.parse("da_DK")

PLACEHOLDER = "dd.mm.åååå"
FORMAT_HINT = "Skriv datoen som dd.mm.åååå, fx 24.10.2016."

# Day and month of one or two digits, a four-digit year; "." as Danes write it, "-" and "/"
# as some keyboards and habits do. ISO (2019-03-05) is what older clients and the API send,
# perhaps with a time of day, which is dropped; anything else after the date makes it no date.
# ASCII digits only: ``\d`` would also read Arabic-Indic and other scripts' digits.
_DANISH = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?", re.ASCII)


def parse_day(text) -> date | None:
    """The date ``text`` writes as dd.mm.åååå (or ISO); None for an empty or unreadable text
    or a day the calendar does not have (31.02.2019)."""
    if isinstance(text, date):
        return text
    raw = str(text or "").strip()
    if found := _DANISH.fullmatch(raw):
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO.fullmatch(raw):
        year, month, day = (int(part) for part in found.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dmy(day: date | None) -> str:
    """``date(2019, 3, 5)`` -> ``"05.03.2019"``, the form a date field shows; "" for none."""
    return "" if day is None else f"{day.day:02d}.{day.month:02d}.{day.year}"


def long_day(day: date) -> str:
    """``date(2016, 10, 24)`` -> ``"24. oktober 2016"``, as the pages write a day."""
    return format_date(day, "d. MMMM y", locale=LOCALE)
