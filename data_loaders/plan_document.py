"""Read a Tryghedsplan (plain-text export or .docx) into a ``ParsedPlan``. Writes nothing.

The reader follows the template every Copenhagen safety partnership uses, not one file:
numbered focus areas, an overview table of money per activity and year with footnotes and an
"I alt" row, and one section per activity with Formål, Mål, Målgruppe, Tidsplan, Leverancer,
Økonomi and Ansvarlig. Whatever it cannot place it reports as a warning instead of guessing.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from datetime import date
from pathlib import Path

from data_loaders.amounts import (
    AmountError,
    is_footnote_line,
    parse_amount,
    split_footnote,
    strip_markup,
)
from data_loaders.due_dates import MONTHS, parse_due
from data_loaders.errors import InputError
from data_loaders.files import check_office_zip, decode_text, read_bytes
from data_loaders.parties import find_party, find_responsible
from data_loaders.plan_types import (
    BudgetCell,
    ParsedActivity,
    ParsedApproval,
    ParsedDeliverable,
    ParsedFocusArea,
    ParsedHandover,
    ParsedPeriod,
    ParsedPlan,
    ParsedResponsible,
)

TITLE = re.compile(r"^Tryghedsplan for (?P<name>.+?)\s+(?P<year>\d{4})\s*$")
TOC_LINE = re.compile(r"\t\s*(\d+|Error! Bookmark not defined\.)\s*$")
FOCUS_HEADING = re.compile(r"^Indsatsområde\s+(\d+)\s*:\s*(.+?)\s*$", re.IGNORECASE)
ACTIVITY_HEADING = re.compile(r"^(Aktivitet(?:en)?|Delaktivitet)\s*:\s*(.+?)[\s.]*$", re.IGNORECASE)
CROSS_CUTTING = re.compile(r"indsatsområdet\s+[”“\"](.+?)[”“\"]", re.IGNORECASE)
END_HEADINGS = re.compile(r"^(Kort over partnerskabsområdet|Bilag\b)", re.IGNORECASE)
MEASURES_INTRO = re.compile(r"^De konkrete målinger\b", re.IGNORECASE)
BULLET = re.compile(r"^\s*[-•–·]\s+")
YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})\b")
TOTAL_ROW = re.compile(r"^\s*(I alt|Total)\b", re.IGNORECASE)
HANDOVER_SENTENCE = re.compile(r"forankr|overtager udgiften", re.IGNORECASE)
DECIDED = re.compile(r"indgået aftale|overtager udgiften", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZÆØÅ])")
APPROVAL = re.compile(
    rf"\b(Styregruppen|Økonomiudvalget|Borgerrepræsentation(?:en)?)\b[^.]*?\bden\s+"
    rf"(\d{{1,2}})\.\s*({'|'.join(MONTHS)})(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)

# Subsection headings of an activity and the field each fills.
# "funktionsperiode er fra 2017 til 2020 … den første periode fra 2013-2016"
PERIOD_SENTENCE = re.compile(r"\bperiode\b", re.IGNORECASE)
YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|til)\s*((?:19|20)\d{2})\b")

SUBSECTIONS = {
    "formål": "purpose",
    "mål": "goals",
    "målgruppe": "target_group",
    "tidsplan": "timeline",
    "leverance": "deliverables",
    "leverancer": "deliverables",
    "leverancer/effekt": "deliverables",
    "leverance og tidsplan": "deliverables+timeline",
    "økonomi": "economy",
    "ansvarlig": "responsible",
    "ansvarlige": "responsible",
    "ansvarlig for implementering": "responsible",
    "ansvarlige aktører": "responsible",
}


# ---------------------------------------------------------------- reading the file


def read_plan_lines(path: Path) -> tuple[list[str], bytes]:
    """The document as text lines (tables as tab-separated lines), and its raw bytes."""
    data = read_bytes(path)
    if path.suffix.lower() == ".docx":
        return _docx_lines(path, data), data
    return decode_text(data, str(path)).splitlines(), data


def _docx_lines(path: Path, data: bytes) -> list[str]:
    import io

    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_office_zip(data, str(path))
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(str(path), f"not a readable .docx file ({exc})") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = (block.style.name or "").lower() if block.style is not None else ""
            prefix = "- " if "list" in style and "bullet" in style else ""
            lines.append(prefix + block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
            lines.append("")
    return lines


# ---------------------------------------------------------------- the whole document


def parse_plan_file(path: Path) -> ParsedPlan:
    """Parse a plan document; raises ``InputError`` when it is not a readable Tryghedsplan."""
    lines, _data = read_plan_lines(path)
    return parse_plan_lines(lines, str(path))


def _without_toc(raw_lines: list[str]) -> list[tuple[int, str]]:
    """Numbered lines without the table of contents (its entries repeat the headings)."""
    toc = set()
    for start, line in enumerate(raw_lines):
        if line.strip().lower() == "indholdsfortegnelse":
            for index in range(start, len(raw_lines)):
                entry = raw_lines[index]
                if entry.strip() and index > start and not TOC_LINE.search(entry):
                    break
                toc.add(index)
            break
    return [(i + 1, line.rstrip()) for i, line in enumerate(raw_lines) if i not in toc]


def parse_plan_lines(raw_lines: list[str], file: str) -> ParsedPlan:
    numbered = _without_toc(raw_lines)
    lines = [line for _no, line in numbered]
    if not any(line.strip() for line in lines):
        raise InputError(file, "the document has no text")
    partnership, year, title = _title(lines, file)
    warnings: list[str] = []

    table_at = _find_overview_table(numbered)
    if table_at is None:
        raise InputError(
            file,
            "no overview table found (a table with the columns 'Indsatsområde', 'Aktivitet' "
            "and one column per year)",
        )
    budget, frame, table_end = _overview_table(numbered, table_at, file, warnings)
    focus_areas = _focus_areas(lines)
    activities, measures = _activities(lines, warnings)
    _match_table_to_sections(budget, activities, warnings)
    _reconcile_economy(budget, activities, warnings)
    _attach_handovers(budget, activities, warnings)
    return ParsedPlan(
        partnership=partnership,
        plan_year=year,
        title=title,
        focus_areas=focus_areas,
        activities=activities,
        budget=budget,
        frame=frame,
        approvals=_approvals(lines, year),
        measures=measures,
        periods=_periods(lines),
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


# ---------------------------------------------------------------- the overview table


def _find_overview_table(numbered: list[tuple[int, str]]) -> int | None:
    for index, (_no, line) in enumerate(numbered):
        cells = [c.strip().lower() for c in line.split("\t")]
        if len(cells) >= 3 and cells[0].startswith("indsats") and "aktivitet" in cells[1]:
            return index
    return None


def _overview_table(numbered, header_at, file, warnings):
    """Budget cells, the "I alt" frame, and the index after the table's footnotes."""
    header_rows = [numbered[header_at][1].split("\t")]
    body_at = header_at + 1
    if not any(YEAR_CELL.match(c) for c in header_rows[0]):
        header_rows.append(numbered[body_at][1].split("\t"))
        body_at += 1
    years: dict[int, int] = {}
    for row in header_rows:
        for col, cell in enumerate(row):
            match = YEAR_CELL.match(cell)
            if match:
                years[col] = int(match.group(1))
    if not years:
        raise InputError(file, "the overview table has no year columns", row=numbered[header_at][0])

    raw_cells: list[tuple[BudgetCell, str]] = []
    frame: dict[int, int] = {}
    index = body_at
    position = 0
    while index < len(numbered) and "\t" in numbered[index][1]:
        line_no, line = numbered[index]
        cells = line.split("\t")
        index += 1
        if TOTAL_ROW.match(cells[0]):
            for col, year in years.items():
                amount = _table_amount(cells, col, file, line_no, year)
                if amount.value is not None:
                    frame[year] = amount.value
            continue
        area_text, label = cells[0].strip(), strip_markup(cells[1]) if len(cells) > 1 else ""
        if not label:
            continue
        position += 1
        area = int(area_text) if area_text.isdigit() else None
        for col, year in years.items():
            amount = _table_amount(cells, col, file, line_no, year)
            cell = BudgetCell(
                focus_area=area,
                activity=label,
                year=year,
                amount=amount.value,
                unknown_reason=amount.reason,
                source_location=f"Oversigt over aktiviteter, linje {line_no}, {year}",
            )
            raw_cells.append((cell, amount.marks))
    footnotes = _footnotes(numbered, index)
    for cell, marks in raw_cells:
        if marks:
            texts = [footnotes.get(mark) for mark in marks]
            missing = [m for m, t in zip(marks, texts, strict=True) if t is None]
            if missing:
                warnings.append(
                    f"Footnote mark {''.join(missing)} on '{cell.activity}' "
                    f"{cell.year} has no footnote text below the table"
                )
            cell.footnote = " ".join(
                f"{m} {t}" if t else m for m, t in zip(marks, texts, strict=True)
            )
    budget = [cell for cell, _marks in raw_cells]
    if not budget:
        raise InputError(
            file, "the overview table has no activity rows", row=numbered[header_at][0]
        )
    for year in sorted(set(years.values()) - set(frame)):
        warnings.append(f"The overview table has no 'I alt' amount for {year}")
    return budget, frame, index


def _table_amount(cells, col, file, line_no, year):
    try:
        return parse_amount(cells[col] if col < len(cells) else "")
    except AmountError as exc:
        raise InputError(file, str(exc), row=line_no, column=str(year)) from exc


def _footnotes(numbered, start) -> dict[str, str]:
    """Footnote lines right below the table: "⁴ TMF overtager udgiften fra 2018"."""
    notes: dict[str, str] = {}
    for _no, line in numbered[start:]:
        stripped = line.strip()
        if not stripped:
            continue
        if not is_footnote_line(stripped):
            break
        mark, text = split_footnote(stripped)
        notes[mark] = text
    return notes


# ---------------------------------------------------------------- activity sections


def _activities(lines: list[str], warnings: list[str]):
    """Activities in document order, and the plan-wide measurement list."""
    activities: list[ParsedActivity] = []
    measures: list[str] = []
    focus: int | None = None
    current: ParsedActivity | None = None
    top: ParsedActivity | None = None
    field: str | None = None
    buffer: list[str] = []

    def flush():
        if current is not None and field is not None:
            _fill(current, field, buffer, warnings)
        buffer.clear()

    in_body = False
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        i += 1
        focus_match = FOCUS_HEADING.match(stripped)
        activity_match = ACTIVITY_HEADING.match(stripped)
        if focus_match:
            flush()
            focus, current, top, field, in_body = int(focus_match.group(1)), None, None, None, True
        elif END_HEADINGS.match(stripped) and in_body:
            flush()
            current, field = None, None
            break
        elif activity_match and in_body:
            flush()
            name = activity_match.group(2).strip()
            is_sub = activity_match.group(1).lower() == "delaktivitet"
            if is_sub and top is None:
                warnings.append(f"Delaktivitet '{name}' has no activity above it; read as activity")
            parent = top.name if is_sub and top is not None else None
            current = ParsedActivity(name=name, focus_area=focus, parent=parent)
            activities.append(current)
            if parent is None:
                top = current
            field = "description"
        elif current is not None and stripped.lower() in SUBSECTIONS:
            flush()
            field = SUBSECTIONS[stripped.lower()]
        elif MEASURES_INTRO.match(stripped):
            items, i = _bullets_from(lines, i)
            measures.extend(items)
            if current is not None:
                current.measures.extend(items)
        elif current is not None:
            buffer.append(lines[i - 1])
    flush()
    _inherit_responsible(activities)
    _due_from_timeline(activities)
    return activities, measures


def _due_from_timeline(activities: list[ParsedActivity]) -> None:
    """A deliverable that names no time is due when its activity's Tidsplan says."""
    for activity in activities:
        phrase, due = parse_due(activity.timeline)
        for deliverable in activity.deliverables:
            if deliverable.due_date is None and phrase:
                deliverable.due_text, deliverable.due_date = phrase, due


def _bullets_from(lines: list[str], i: int) -> tuple[list[str], int]:
    items: list[str] = []
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped and not BULLET.match(stripped):
            break
        if stripped:
            items.append(BULLET.sub("", stripped))
        i += 1
    return items, i


def _paragraphs(buffer: list[str]) -> list[str]:
    return [line.strip() for line in buffer if line.strip()]


def _fill(activity: ParsedActivity, field: str, buffer: list[str], warnings: list[str]) -> None:
    text = "\n".join(_paragraphs(buffer))
    if field == "description":
        if not activity.purpose:
            activity.purpose = text
    elif field in ("purpose", "goals", "target_group", "timeline"):
        setattr(activity, field, text)
    elif field.startswith("deliverables"):
        activity.deliverables.extend(_deliverables(buffer))
        if field.endswith("timeline"):
            activity.timeline = text
    elif field == "economy":
        _economy(activity, buffer, warnings)
    elif field == "responsible":
        activity.responsible_text = text
        activity.responsible = find_responsible(text)
        if not activity.responsible:
            warnings.append(
                f"No known party found in the 'Ansvarlig' text of '{activity.name}': {text!r}"
            )


def _deliverables(buffer: list[str]) -> list[ParsedDeliverable]:
    """Bulleted items when there are any (text around them is commentary); else paragraphs."""
    paragraphs = _paragraphs(buffer)
    bullets = [BULLET.sub("", p) for p in paragraphs if BULLET.match(p)]
    items = bullets or paragraphs
    result = []
    for text in items:
        due_text, due_date = parse_due(text)
        result.append(ParsedDeliverable(text=text, due_text=due_text, due_date=due_date))
    return result


def _economy(activity: ParsedActivity, buffer: list[str], warnings: list[str]) -> None:
    """An activity's own money table ("Lønmidler 70.000 0") and its handover sentences."""
    years: dict[int, int] = {}
    for line in buffer:
        cells = line.split("\t")
        if "\t" not in line:
            for sentence in SENTENCE_END.split(line.strip()):
                if HANDOVER_SENTENCE.search(sentence):
                    activity.handovers.append(
                        _handover(sentence, f"Aktivitet: {activity.name}, Økonomi")
                    )
            continue
        header = {col: int(m.group(1)) for col, c in enumerate(cells) if (m := YEAR_CELL.match(c))}
        if header:
            years = header
            continue
        label = strip_markup(cells[0]) or activity.name
        row: dict[int, int | None] = {}
        for col, year in years.items():
            try:
                row[year] = parse_amount(cells[col] if col < len(cells) else "").value
            except AmountError as exc:
                warnings.append(f"'{activity.name}', Økonomi, '{label}' {year}: {exc}")
        activity.economy[label] = row


def _handover(sentence: str, source: str) -> ParsedHandover:
    year = re.search(r"\bfra\s+((?:19|20)\d{2})\b", sentence)
    return ParsedHandover(
        to_party=find_party(sentence),
        from_year=int(year.group(1)) if year else None,
        gradual=bool(re.search(r"gradvist|løbende", sentence, re.IGNORECASE)),
        status="decided" if DECIDED.search(sentence) else "planned",
        text=sentence.strip(),
        source_location=source,
    )


def _inherit_responsible(activities: list[ParsedActivity]) -> None:
    """A parent section without its own 'Ansvarlig' is answered for by its sub-activities."""
    for parent in activities:
        if parent.responsible:
            continue
        for child in activities:
            if child.parent == parent.name:
                for item in child.responsible:
                    if item.party not in [r.party for r in parent.responsible]:
                        has_lead = any(r.role == "lead" for r in parent.responsible)
                        role = "co" if has_lead else item.role
                        parent.responsible.append(ParsedResponsible(item.party, role))


# ---------------------------------------------------------------- cross-checks


def normalise_name(name: str) -> str:
    """Compare activity names loosely: case, parentheses, age ranges, punctuation."""
    name = re.sub(r"\(.*?\)", " ", strip_markup(name).lower())
    name = re.sub(r"\b\d+\s*-\s*\d+\s*år\b", " ", name)
    name = re.sub(r"[^\wæøå]+", " ", name)
    return " ".join(name.split())


def _match_table_to_sections(budget, activities, warnings) -> None:
    by_key = {normalise_name(a.name): a for a in activities}
    for label in dict.fromkeys(cell.activity for cell in budget):
        key = normalise_name(label)
        activity = by_key.get(key)
        if activity is None:
            close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.85)
            if close:
                activity = by_key[close[0]]
                warnings.append(
                    f"Overview table row '{label}' matched to section '{activity.name}' "
                    "by close spelling"
                )
        if activity is None:
            warnings.append(
                f"Overview table row '{label}' has no activity section; "
                "kept as a budget line without activity"
            )
            continue
        activity.table_name = label
        area = next(c.focus_area for c in budget if c.activity == label)
        if area is not None and activity.focus_area is not None and area != activity.focus_area:
            warnings.append(
                f"'{label}': the overview table says focus area {area}, "
                f"the section stands under focus area {activity.focus_area}"
            )
    for activity in activities:
        if activity.table_name is None and activity.parent is None:
            warnings.append(f"Activity '{activity.name}' has no row in the overview table")


def _reconcile_economy(budget, activities, warnings) -> None:
    """Every year an activity's own Økonomi section states must agree with the table."""
    for activity in activities:
        if activity.table_name is None:
            continue
        family = [activity] + [a for a in activities if a.parent == activity.name]
        stated: dict[int, list[int | None]] = {}
        for member in family:
            for row in member.economy.values():
                for year, value in row.items():
                    stated.setdefault(year, []).append(value)
        for cell in budget:
            if cell.activity != activity.table_name or cell.year not in stated:
                continue
            values = stated[cell.year]
            section = None if any(v is None for v in values) else sum(values)
            if section != cell.amount:
                warnings.append(
                    f"'{activity.name}' {cell.year}: the overview table says "
                    f"{_kr(cell.amount)}, the activity's Økonomi section says {_kr(section)}"
                )


def _kr(value: int | None) -> str:
    return "?" if value is None else f"{value:,}".replace(",", ".") + " kr."


def _attach_handovers(budget, activities, warnings) -> None:
    """Footnotes that move a cost to a department become handovers too; one per party."""
    by_table = {a.table_name: a for a in activities if a.table_name}
    for cell in budget:
        activity = by_table.get(cell.activity)
        if activity is None or not cell.footnote:
            continue
        for note in re.split(r"\s(?=[⁰¹²³⁴⁵⁶⁷⁸⁹])", cell.footnote):
            if HANDOVER_SENTENCE.search(note):
                mark, text = split_footnote(note)
                activity.handovers.append(
                    _handover(text, f"Oversigt over aktiviteter, fodnote {mark} ({cell.year})")
                )
    for activity in activities:
        activity.handovers = _merge_handovers(activity, warnings)


def _merge_handovers(activity: ParsedActivity, warnings) -> list[ParsedHandover]:
    merged: dict[str | None, ParsedHandover] = {}
    for handover in activity.handovers:
        known = merged.get(handover.to_party)
        if known is None:
            merged[handover.to_party] = handover
            continue
        known.from_year = known.from_year or handover.from_year
        known.gradual = known.gradual or handover.gradual
        if handover.status == "decided":
            known.status = "decided"
        if len(handover.text) > len(known.text):
            known.text = handover.text
        known.source_location += "; " + handover.source_location
    parties = [p for p in merged if p is not None]
    if len(parties) > 1:
        warnings.append(
            f"'{activity.name}': the plan names different parties to take over the cost: "
            + ", ".join(parties)
        )
    return list(merged.values())


# ---------------------------------------------------------------- periods


def _periods(lines: list[str]) -> list[ParsedPeriod]:
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


# ---------------------------------------------------------------- approvals


def _approvals(lines: list[str], plan_year: int) -> list[ParsedApproval]:
    """ "Styregruppen den 24. oktober, Økonomiudvalget den 6. december. … den 15. december 2016".

    A date without a year takes the next year the paragraph names, else the year before the plan.
    """
    result: list[ParsedApproval] = []
    for line in lines:
        matches = list(APPROVAL.finditer(line))
        if not matches:
            continue
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
    return result
