"""Read a Tryghedsplan (plain-text export or .docx) into a ``ParsedPlan``. Writes nothing.

The reader follows the template every Copenhagen safety partnership uses, not one file:
numbered focus areas, an overview table of money per activity and year with footnotes and an
"I alt" row, and one section per activity with Formål, Mål, Målgruppe, Tidsplan, Leverancer,
Økonomi and Ansvarlig. Whatever it cannot place it reports as a warning instead of guessing.
"""

from __future__ import annotations

import re
from pathlib import Path

from data_loaders.errors import InputError
from data_loaders.plan.approvals import approvals, periods, submitted_dates
from data_loaders.plan.lines import Line, read_plan_lines
from data_loaders.plan.overview import find_overview_table, header_years, overview_table
from data_loaders.plan.reconcile import (
    attach_handovers,
    match_table_to_sections,
    reconcile_columns,
    reconcile_economy,
)
from data_loaders.plan.sections import ACTIVITY_HEADING, FOCUS_HEADING, SUBSECTIONS, activities
from data_loaders.plan_types import ParsedFocusArea, ParsedPlan

# "Tryghedsplan for Amager Partnerskab 2017", or without the year; not a sentence
TITLE = re.compile(r"^Tryghedsplan for (?P<name>[^.:;]{3,100}?)(?:\s+(?P<year>\d{4}))?\s*$")
CROSS_CUTTING = re.compile(r"indsatsområdet\s+[”“\"](.+?)[”“\"]", re.IGNORECASE)


def parse_plan_file(path: Path, year: int | None = None) -> ParsedPlan:
    """Parse a plan document; ``year`` is the plan's year when given, else the title's, the
    approval sentence's or the overview table's. Raises ``InputError`` when it is not a
    readable Tryghedsplan."""
    return parse_plan_lines(read_plan_lines(path), str(path), year)


def parse_plan_lines(lines: list[Line], file: str, year: int | None = None) -> ParsedPlan:
    """The plan the lines hold, with a warning for everything the reader could not place."""
    texts = [line.text for line in lines]
    if not any(text.strip() for text in texts):
        raise InputError(file, "the document has no text")
    partnership, title_year, title = _title(texts, file)
    warnings: list[str] = []

    table_at = find_overview_table(lines)
    if table_at is None:
        raise InputError(
            file,
            "no overview table found (a table with the columns 'Indsatsområde', 'Aktivitet' "
            "and one column per year)",
        )
    if year is None:
        year = title_year or _year_from_plan(texts, lines, table_at, file)
    overview = overview_table(lines, table_at, file, warnings)
    budget = overview.budget
    reconcile_columns(budget, overview.frame, warnings)
    focus_areas = _focus_areas(texts)
    found, measures = activities(lines, warnings)
    match_table_to_sections(budget, found, warnings)
    reconcile_economy(budget, found, warnings)
    attach_handovers(budget, found, warnings)
    return ParsedPlan(
        partnership=partnership,
        plan_year=year,
        title=title,
        focus_areas=focus_areas,
        activities=found,
        budget=budget,
        frame=overview.frame,
        approvals=approvals(texts, year),
        measures=measures,
        periods=periods(texts),
        warnings=warnings,
    )


def _title(lines: list[str], file: str) -> tuple[str, int | None, str]:
    for line in lines:
        match = TITLE.match(line.strip())
        if match:
            year = int(match.group("year")) if match.group("year") else None
            return match.group("name").strip(), year, line.strip()
    raise InputError(file, "no title of the form 'Tryghedsplan for <partnerskab> <år>' found")


def _year_from_plan(texts: list[str], lines: list[Line], table_at: int, file: str) -> int:
    """A title without a year: the year the plan is put forward for approval in (or the
    next, for an autumn approval of next year's money), as the table's years confirm."""
    table_years = sorted(set(header_years(lines, table_at)[0].values()))
    for when in submitted_dates(texts):
        for year in (when.year, when.year + 1):
            if year in table_years:
                return year
    if table_years:
        return table_years[0]
    raise InputError(
        file,
        "no plan year: the title names none, no sentence says when the plan is put forward "
        "for approval, and the overview table has no year columns; give the year (--year)",
    )


def _focus_areas(lines: list[str]) -> list[ParsedFocusArea]:
    areas: dict[int, ParsedFocusArea] = {}
    for i, line in enumerate(lines):
        match = FOCUS_HEADING.match(line.strip())
        if match and int(match.group(1)) not in areas:
            areas[int(match.group(1))] = ParsedFocusArea(
                int(match.group(1)), match.group(2).strip(), _intro_text(lines, i + 1)
            )
    result = [areas[n] for n in sorted(areas)]
    for line in lines:
        match = CROSS_CUTTING.search(line)
        if match:
            result.append(ParsedFocusArea(None, match.group(1).strip(), line.strip()))
            break
    return result


def _intro_text(lines: list[str], start: int) -> str:
    """The paragraphs after a focus-area heading, up to its first activity."""
    text = []
    for line in lines[start:]:
        stripped = line.strip()
        if ACTIVITY_HEADING.match(stripped) or FOCUS_HEADING.match(stripped):
            break
        if stripped and stripped.lower() not in SUBSECTIONS:
            text.append(stripped)
    return "\n".join(text)
