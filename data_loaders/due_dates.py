"""Due dates from the plan's own words: "maj og august 2017", "ultimo 2017", "løbende"."""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
_MONTH = "|".join(MONTHS)
_PATTERNS = [
    # "maj og august 2017", "november 2017": done when the last named month ends
    (re.compile(rf"\b((?:{_MONTH})(?:(?:,\s*|\s+og\s+)(?:{_MONTH}))*)\s+(\d{{4}})\b"), "months"),
    (re.compile(r"\bultimo\s+(\d{4})(?:\s+og\s+(\d{4}))?"), "ultimo"),
    (re.compile(r"\bmedio\s+(\d{4})"), "medio"),
    (re.compile(r"\bprimo\s+(\d{4})"), "primo"),
    (re.compile(r"\b(?:i\s+løbet\s+af|i|inden\s+udgangen\s+af)\s+(\d{4})\b"), "year"),
]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_due(text: str) -> tuple[str, date | None]:
    """The phrase that states the deadline and the date it means (last day of the period).

    "primo" is read as the end of the first quarter, "medio" as the end of June.
    "løbende" (ongoing) has no date. Returns ("", None) when the text names no time.
    """
    lowered = text.lower()
    for pattern, kind in _PATTERNS:
        match = pattern.search(lowered)
        if not match:
            continue
        phrase = text[match.start() : match.end()]
        if kind == "months":
            last_month = re.findall(_MONTH, match.group(1))[-1]
            return phrase, _month_end(int(match.group(2)), MONTHS.index(last_month) + 1)
        year = int(match.group(2) or match.group(1)) if kind == "ultimo" else int(match.group(1))
        month = {"ultimo": 12, "medio": 6, "primo": 3, "year": 12}[kind]
        return phrase, _month_end(year, month)
    if "løbende" in lowered:
        return "løbende", None
    return "", None
