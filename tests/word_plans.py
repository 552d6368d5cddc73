"""Word documents built from a plan's text export the way Word itself writes them.

The text export flattens what Word keeps apart; this puts it back: footnote marks as
superscript runs (or as the Unicode marks some authors type), bullets as "List Paragraph"
with numbering properties (``w:numPr``) or as "List Bullet", numbered lists numbered by
Word, real tables whose header and total cells are merged (the focus-area column merged
down its rows), heading styles, a page header and footer, and the table of contents as a
TOC field whose result repeats the headings with their page numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
MARKS = re.compile(r"\s?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
BULLET_NUM_ID, DECIMAL_NUM_ID = "90", "91"
SUBSECTIONS = {
    "formål",
    "mål",
    "målgruppe",
    "tidsplan",
    "leverance",
    "leverancer",
    "leverancer/effekt",
    "leverance og tidsplan",
    "økonomi",
    "ansvarlig",
    "ansvarlige",
    "ansvarlig for implementering",
    "ansvarlige aktører",
}
TOP_HEADINGS = re.compile(
    r"^(Om |Forandringsteori for |Tryghedsplan for |Oversigt over |Samlet oversigt |"
    r"Indsatsområde \d|Kort over |Målsætninger|Nye/ændrede aktiviteter)"
)


def write_word_plan(text: str, path: Path, *, marks: str, bullets: str) -> Path:
    """Save ``text`` (a plan's text export) as a .docx at ``path``.

    ``marks``: "unicode" keeps "235.000 ¹"; "superscript" writes "235.000" + a superscript
    run "1". ``bullets``: "style" uses the List Bullet style; "numpr" writes List Paragraph
    with ``w:numPr`` (and lets Word number "1. …" lists)."""
    document = Document()
    _add_numbering(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = "Amager Partnerskab · Tryghedsplan · sidehoved"
    section.footer.paragraphs[0].text = "Side 1 af 19 · sidefod"
    lines = text.splitlines()
    titled = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.lower() in ("indholdsfortegnelse", "indhold"):
            i = _toc(document, lines, i, marks)
            continue
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            _table(document, rows, marks)
            continue
        i += 1
        if not titled and stripped.startswith("Tryghedsplan for "):
            _paragraph(document, stripped, marks, style="Title")
            titled = True
        elif bullet := re.match(r"^- (.*)$", line):
            _list_item(document, bullet.group(1), marks, bullets, BULLET_NUM_ID, "List Bullet")
        elif numbered := re.match(r"^\d+\. (.*)$", line):
            _list_item(document, numbered.group(1), marks, bullets, DECIMAL_NUM_ID, "List Number")
        else:
            _paragraph(document, line, marks, style=_heading_style(stripped))
    document.save(path)
    return path


def _heading_style(text: str) -> str | None:
    if text.startswith("Delaktivitet:"):
        return "Heading 3"
    if text.startswith(("Aktivitet:", "Aktiviteten:")):
        return "Heading 2"
    if TOP_HEADINGS.match(text) and len(text) < 90:
        return "Heading 1"
    if text.lower() in SUBSECTIONS:
        return "Heading 4"
    return None


def _paragraph(document, text: str, marks: str, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    _runs(paragraph, text, marks)
    return paragraph


def _runs(paragraph, text: str, marks: str) -> None:
    """Text as runs: "<u>…</u>" underlined, footnote marks as superscript runs if asked."""
    for part in re.split(r"(<u>.*?</u>)", text):
        if part.startswith("<u>"):
            _marked_runs(paragraph, part[3:-4], marks, underline=True)
        elif part:
            _marked_runs(paragraph, part, marks)


def _marked_runs(paragraph, text: str, marks: str, underline: bool = False) -> None:
    if marks == "unicode":
        paragraph.add_run(text).underline = underline or None
        return
    position = 0
    for match in MARKS.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()]).underline = underline or None
        mark = paragraph.add_run(match.group(1).translate(SUPERSCRIPT_DIGITS))
        mark.font.superscript = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:]).underline = underline or None


def _list_item(document, text: str, marks: str, bullets: str, num_id: str, style: str) -> None:
    if bullets == "style":
        _paragraph(document, text, marks, style=style)
        return
    paragraph = _paragraph(document, text, marks, style="List Paragraph")
    num_pr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    paragraph._p.get_or_add_pPr().append(num_pr)


def _add_numbering(document) -> None:
    """A bullet list and a decimal list, as Word defines them in numbering.xml."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for abstract_id, fmt, text in (("90", "bullet", "•"), ("91", "decimal", "%1.")):
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
            f"</w:lvl></w:abstractNum>"
        )
        first_num.addprevious(abstract)
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{abstract_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )


def _toc(document, lines: list[str], start: int, marks: str) -> int:
    """The contents heading, then a TOC field whose result holds the entries."""
    document.add_paragraph(lines[start].strip(), style="TOC Heading")
    i = start + 1
    entries = []
    while i < len(lines) and (not lines[i].strip() or "\t" in lines[i]):
        if lines[i].strip():
            entries.append(lines[i])
        i += 1
    for n, entry in enumerate(entries):
        paragraph = document.add_paragraph()
        if n == 0:
            _field_char(paragraph, "begin")
            instr = paragraph.add_run()._r
            instr.append(
                parse_xml(
                    f'<w:instrText {nsdecls("w")} xml:space="preserve"> TOC \\o "1-3" '
                    "\\h \\z \\u </w:instrText>"
                )
            )
            _field_char(paragraph, "separate")
        title, page = entry.rsplit("\t", 1)
        paragraph.add_run(title + "\t")
        _field_char(paragraph, "begin")
        pageref = paragraph.add_run()._r
        pageref.append(
            parse_xml(f"<w:instrText {nsdecls('w')}> PAGEREF _Toc{n} \\h </w:instrText>")
        )
        _field_char(paragraph, "separate")
        paragraph.add_run(page)
        _field_char(paragraph, "end")
        if n == len(entries) - 1:
            _field_char(paragraph, "end")
    return i


def _field_char(paragraph, kind: str) -> None:
    paragraph.add_run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))


def _table(document, rows: list[list[str]], marks: str) -> None:
    """A real table; the overview table's header and "I alt" cells merged as Word does."""
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c in range(width):
            value = cells[c] if c < len(cells) else ""
            paragraph = table.cell(r, c).paragraphs[0]
            _runs(paragraph, value, marks)
    first = [c.strip().lower() for c in rows[0]]
    if not (first[0].startswith("indsats") and len(first) > 2):
        return
    header_rows = 2 if not any(re.match(r"\d{4}", c) for c in first) else 1
    if header_rows == 2:
        table.cell(0, 0).merge(table.cell(1, 0))  # "Indsats- område" down both header rows
        table.cell(0, 1).merge(table.cell(1, 1))
        years = [
            c for c in range(width) if re.match(r"\s*\d{4}", rows[1][c] if c < len(rows[1]) else "")
        ]
        table.cell(0, years[0]).merge(table.cell(0, years[-1]))  # "Finansiering (kr.)"
    _merge_focus_column(table, rows, header_rows)
    for r, cells in enumerate(rows):
        if cells[0].strip().lower().startswith("i alt"):
            table.cell(r, 0).merge(table.cell(r, 1))


def _merge_focus_column(table, rows: list[list[str]], start: int) -> None:
    """Consecutive rows of one focus area share one merged cell, as authors draw them."""
    r = start
    while r < len(rows):
        end = r
        while end + 1 < len(rows) and rows[end + 1][0] == rows[r][0] and rows[r][0].isdigit():
            end += 1
        if end > r:
            merged = table.cell(r, 0).merge(table.cell(end, 0))
            for extra in merged.paragraphs[1:]:  # merge() keeps every cell's paragraph
                extra._p.getparent().remove(extra._p)
        r = end + 1
