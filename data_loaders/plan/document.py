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
from data_loaders.plan.approvals import approvals, periods
from data_loaders.plan.lines import read_plan_lines, without_toc
from data_loaders.plan.overview import find_overview_table, overview_table
from data_loaders.plan.reconcile import (
    attach_handovers,
    match_table_to_sections,
    reconcile_economy,
)
from data_loaders.plan.sections import ACTIVITY_HEADING, FOCUS_HEADING, SUBSECTIONS, activities
from data_loaders.plan_types import ParsedFocusArea, ParsedPlan

TITLE = re.compile(r"^Tryghedsplan for (?P<name>.+?)\s+(?P<year>\d{4})\s*$")
CROSS_CUTTING = re.compile(r"indsatsområdet\s+[”“\"](.+?)[”“\"]", re.IGNORECASE)


def parse_plan_file(path: Path) -> ParsedPlan:
    """Parse a plan document; raises ``InputError`` when it is not a readable Tryghedsplan."""
    return parse_plan_lines(read_plan_lines(path), str(path))


def parse_plan_lines(raw_lines: list[str], file: str) -> ParsedPlan:
    """The plan the lines hold, with a warning for everything the reader could not place."""
    numbered = without_toc(raw_lines)
    lines = [line for _no, line in numbered]
    if not any(line.strip() for line in lines):
        raise InputError(file, "the document has no text")
    partnership, year, title = _title(lines, file)
    warnings: list[str] = []

    table_at = find_overview_table(numbered)
    if table_at is None:
        raise InputError(
            file,
            "no overview table found (a table with the columns 'Indsatsområde', 'Aktivitet' "
            "and one column per year)",
        )
    budget, frame = overview_table(numbered, table_at, file, warnings)
    focus_areas = _focus_areas(lines)
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
        frame=frame,
        approvals=approvals(lines, year),
        measures=measures,
        periods=periods(lines),
        warnings=warnings,
    )


def _title(lines: list[str], file: str) -> tuple[str, int, str]:
    for line in lines:
        match = TITLE.match(line.strip())
        if match:
            return match.group("name"), int(match.group("year")), line.strip()
    raise InputError(file, "no title of the form 'Tryghedsplan for <partnerskab> <år>' found")


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
