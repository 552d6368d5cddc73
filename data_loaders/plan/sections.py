"""The activity sections: "Aktivitet: …" and "Delaktivitet: …" under their focus area, with
Formål, Mål, Målgruppe, Tidsplan, Leverance(r), Økonomi and Ansvarlig."""

from __future__ import annotations

import re

from data_loaders.amounts import AmountError, parse_amount, strip_markup, unit_scale
from data_loaders.due_dates import parse_due
from data_loaders.parties import find_party, find_responsible
from data_loaders.plan.lines import Line
from data_loaders.plan.overview import YEAR_CELL
from data_loaders.plan_types import (
    ParsedActivity,
    ParsedDeliverable,
    ParsedHandover,
    ParsedResponsible,
)

FOCUS_HEADING = re.compile(r"^Indsatsområde\s+(\d+)\s*[:.–-]\s*(.+?)\s*$", re.IGNORECASE)
ACTIVITY_HEADING = re.compile(r"^(Aktivitet(?:en)?|Delaktivitet)\s*:\s*(.+?)[\s.]*$", re.IGNORECASE)
END_HEADINGS = re.compile(r"^(Kort over partnerskabsområdet|Bilag\b)", re.IGNORECASE)
# Plan-level sections between the activities: what stands under them is no activity's.
PLAN_SECTIONS = re.compile(r"^(partnerskabets\s+)?målsætninger(\s+for\s+[^.]+)?:?$", re.IGNORECASE)
# "Nye/ændrede aktiviteter uden finansieringsbehov fra partnerskabet:": activities outside any
# focus area that the overview table, which shows the partnership's money, leaves out.
UNFUNDED_HEADING = re.compile(
    r"^[\w/ -]*aktiviteter\s+uden\s+finansierings?behov\b[^.]*:?$", re.IGNORECASE
)
MEASURES_INTRO = re.compile(r"^De konkrete målinger\b", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[-•–·▪◦]|\d{1,2}[.)])\s+")
HANDOVER_SENTENCE = re.compile(r"forankr|overtager udgiften", re.IGNORECASE)
DECIDED = re.compile(r"indgået aftale|overtager udgiften", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZÆØÅ])")

# Subsection headings of an activity and the field each fills.
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


def activities(lines: list[Line], warnings: list[str]) -> tuple[list[ParsedActivity], list[str]]:
    """Activities in document order, and the plan-wide measurement list."""
    found: list[ParsedActivity] = []
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

    in_body = unfunded = False
    i = 0
    while i < len(lines):
        stripped = lines[i].text.strip()
        heading = lines[i].heading
        i += 1
        focus_match = FOCUS_HEADING.match(stripped)
        activity_match = ACTIVITY_HEADING.match(stripped)
        if focus_match:
            flush()
            focus, current, top, field, in_body = int(focus_match.group(1)), None, None, None, True
            unfunded = False
        elif END_HEADINGS.match(stripped) and in_body:
            flush()
            current, field = None, None
            break
        elif UNFUNDED_HEADING.match(stripped):
            flush()
            focus, current, top, field, in_body, unfunded = None, None, None, None, True, True
        elif in_body and not activity_match and _plan_section(stripped, heading):
            flush()
            current, top, field = None, None, None
        elif activity_match and in_body:
            flush()
            name = activity_match.group(2).strip()
            is_sub = activity_match.group(1).lower() == "delaktivitet"
            if is_sub and top is None:
                warnings.append(f"Delaktivitet '{name}' has no activity above it; read as activity")
            parent = top.name if is_sub and top is not None else None
            current = ParsedActivity(name=name, focus_area=focus, parent=parent, unfunded=unfunded)
            found.append(current)
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
            buffer.append(lines[i - 1].text)
    flush()
    _inherit_responsible(found)
    _due_from_timeline(found)
    return found, measures


def _plan_section(text: str, heading: int | None) -> bool:
    """A heading between activities that is no part of them: "Målsætninger" in a text
    export, and in Word any top-level heading that names no focus area or activity."""
    if PLAN_SECTIONS.match(text):
        return True
    return heading is not None and heading <= 1 and text.lower() not in SUBSECTIONS


def handover(sentence: str, source: str) -> ParsedHandover:
    """A sentence that moves a cost to a party ("… overtager udgiften fra 2018")."""
    year = re.search(r"\bfra\s+((?:19|20)\d{2})\b", sentence)
    return ParsedHandover(
        to_party=find_party(sentence),
        from_year=int(year.group(1)) if year else None,
        gradual=bool(re.search(r"gradvist|løbende", sentence, re.IGNORECASE)),
        status="decided" if DECIDED.search(sentence) else "planned",
        text=sentence.strip(),
        source_location=source,
    )


def _due_from_timeline(found: list[ParsedActivity]) -> None:
    """A deliverable that names no time is due when its activity's Tidsplan says."""
    for activity in found:
        phrase, due = parse_due(activity.timeline)
        for deliverable in activity.deliverables:
            if deliverable.due_date is None and phrase:
                deliverable.due_text, deliverable.due_date = phrase, due


def _bullets_from(lines: list[Line], i: int) -> tuple[list[str], int]:
    items: list[str] = []
    while i < len(lines):
        stripped = lines[i].text.strip()
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
    scales: dict[int, int] = {}
    for line in buffer:
        cells = line.split("\t")
        if "\t" not in line:
            for sentence in SENTENCE_END.split(line.strip()):
                if HANDOVER_SENTENCE.search(sentence):
                    activity.handovers.append(
                        handover(sentence, f"Aktivitet: {activity.name}, Økonomi")
                    )
            continue
        header = {col: int(m.group(1)) for col, c in enumerate(cells) if (m := YEAR_CELL.match(c))}
        if header:
            # "2017/kr.", "2017 (t.kr.)", or the unit in the first cell ("Beløb i 1.000 kr.")
            table_scale = unit_scale(cells[0]) or 1
            years = header
            scales = {col: unit_scale(cells[col][4:]) or table_scale for col in header}
            continue
        label = strip_markup(cells[0]) or activity.name
        row: dict[int, int | None] = {}
        for col, year in years.items():
            try:
                row[year] = parse_amount(cells[col] if col < len(cells) else "", scales[col]).value
            except AmountError as exc:
                warnings.append(f"'{activity.name}', Økonomi, '{label}' {year}: {exc}")
        activity.economy[label] = row


def _inherit_responsible(found: list[ParsedActivity]) -> None:
    """A parent section without its own 'Ansvarlig' is answered for by its sub-activities."""
    for parent in found:
        if parent.responsible:
            continue
        for child in found:
            if child.parent == parent.name:
                for item in child.responsible:
                    if item.party not in [r.party for r in parent.responsible]:
                        has_lead = any(r.role == "lead" for r in parent.responsible)
                        role = "co" if has_lead else item.role
                        parent.responsible.append(ParsedResponsible(item.party, role))
