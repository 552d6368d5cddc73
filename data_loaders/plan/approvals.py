"""What the plan says about itself: who approved it when, and the partnership's periods."""

from __future__ import annotations

import re
from datetime import date

from data_loaders.due_dates import MONTHS
from data_loaders.plan.sections import SENTENCE_END
from data_loaders.plan_types import ParsedApproval, ParsedPeriod

APPROVAL = re.compile(
    rf"\b(Styregruppen|Økonomiudvalget|Borgerrepræsentation(?:en)?)\b[^.]*?\bden\s+"
    rf"(\d{{1,2}})\.\s*({'|'.join(MONTHS)})(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)
# "Forelægges udvalget til godkendelse 2. februar 2016": an approval that names its body
# only as "udvalget", and the plan's year when its title has none.
SUBMITTED = re.compile(
    rf"\b(forelægges|godkend\w*)\b[^.]*?\b(\d{{1,2}})\.\s*({'|'.join(MONTHS)})\s+(\d{{4}})",
    re.IGNORECASE,
)
BODY = re.compile(r"\b(styregruppen|økonomiudvalget|borgerrepræsentationen|\w*udvalget)\b", re.I)
# "funktionsperiode er fra 2017 til 2020 … den første periode fra 2013-2016"
PERIOD_SENTENCE = re.compile(r"\bperiode\b", re.IGNORECASE)
YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|til)\s*((?:19|20)\d{2})\b")


def periods(lines: list[str]) -> list[ParsedPeriod]:
    """Every span of years that a sentence about the partnership's period names."""
    found: dict[tuple[int, int], ParsedPeriod] = {}
    for line in lines:
        for sentence in SENTENCE_END.split(line.strip()):
            if not PERIOD_SENTENCE.search(sentence):
                continue
            for match in YEAR_SPAN.finditer(sentence):
                first, last = int(match.group(1)), int(match.group(2))
                if first <= last and (first, last) not in found:
                    found[first, last] = ParsedPeriod(first, last, sentence)
    return sorted(found.values(), key=lambda p: p.first_year)


def approvals(lines: list[str], plan_year: int) -> list[ParsedApproval]:
    """ "Styregruppen den 24. oktober, Økonomiudvalget den 6. december. … den 15. december 2016".

    A date without a year takes the next year the paragraph names, else the year before the plan.
    """
    result: list[ParsedApproval] = []
    for line in lines:
        matches = list(APPROVAL.finditer(line))
        dated = [(m.start(), m.group(4)) for m in matches if m.group(4)]
        for match in matches:
            year = match.group(4)
            if year is None:
                # "den 24. oktober, … den 15. december 2016": the next full date's year
                later = [y for pos, y in dated if pos > match.start()]
                year = later[0] if later else plan_year - 1
            body = match.group(1).capitalize()
            if body.lower().startswith("borgerrepræsentation"):
                body = "Borgerrepræsentationen"
            month = MONTHS.index(match.group(3).lower()) + 1
            result.append(
                ParsedApproval(body, date(int(year), month, int(match.group(2))), match.group(0))
            )
        result.extend(_submitted(line, {a.date for a in result}))
    return result


def submitted_dates(lines: list[str]) -> list[date]:
    """The dates the plan is put forward or approved on, with their year written out."""
    return [a.date for line in lines for a in _submitted(line, set())]


def _submitted(line: str, known: set[date]) -> list[ParsedApproval]:
    found = []
    for match in SUBMITTED.finditer(line):
        month = MONTHS.index(match.group(3).lower()) + 1
        when = date(int(match.group(4)), month, int(match.group(2)))
        body = BODY.search(match.group(0))
        if when not in known:
            name = body.group(1).capitalize() if body else "Udvalget"
            found.append(ParsedApproval(name, when, match.group(0)))
    return found
