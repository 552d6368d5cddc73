"""A .docx plan read through its structure, as lines the way its text export writes them.

Word writes what the text export flattens: a footnote mark is a superscript run ("0" + a
superscript "7" is zero with footnote 7, not 7 kroner), a bullet is a "List Paragraph" with
numbering properties (``w:numPr``) rather than a "- ", a table is a table whose cells may be
merged, the table of contents is a field whose result repeats the headings, and page headers
and footers are apart from the body. Each becomes what the text export shows: "0 ⁷", "- …",
tab-separated cells (a merged cell repeated in each column it covers, and marked), nothing.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from data_loaders.amounts import SUPERSCRIPTS
from data_loaders.errors import InputError
from data_loaders.files import check_office_zip
from data_loaders.plan.lines import Line

_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "titel"}
_NUMBERED_FORMATS = {"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}


def docx_lines(data: bytes, file: str) -> list[Line]:
    """The body's paragraphs and table rows in document order; the TOC field left out."""
    check_office_zip(data, file)
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(file, f"not a readable .docx file ({exc})") from exc
    styles = _Styles(document)
    lists = _Lists(document)
    fields: list[str] = []  # the open complex fields ("TOC", "PAGEREF" …), outermost first
    lines: list[Line] = []
    tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            in_toc = "TOC" in fields
            _track_fields(block._p, fields)
            style = styles.of_paragraph(block)
            if in_toc or "TOC" in fields or _style_name(style).startswith("toc"):
                continue
            text = lists.prefix(block, style) + paragraph_text(block, styles)
            lines.append(Line(len(lines) + 1, text, heading=_heading_level(style)))
        elif isinstance(block, Table):
            tables += 1
            for text, merged in _table_rows(block, styles):
                lines.append(Line(len(lines) + 1, text, table=tables, merged=merged))
            lines.append(Line(len(lines) + 1, ""))
    return lines


class _Styles:
    """The document's styles by id, each looked up once: python-docx finds a paragraph's
    default style by reading every style of the document again, each time it is asked,
    which made a plan of a few hundred paragraphs take seconds to read."""

    def __init__(self, document) -> None:
        self._styles = document.styles
        self._by_id = {(style.type, style.style_id): style for style in document.styles}
        self._defaults: dict = {}

    def of_paragraph(self, paragraph: Paragraph):
        return self._of(paragraph._p.style, WD_STYLE_TYPE.PARAGRAPH)

    def of_run(self, run):
        return self._of(run._r.style, WD_STYLE_TYPE.CHARACTER)

    def _of(self, style_id: str | None, kind):
        """As python-docx's ``get_by_id``: an unknown id, or one of another kind, is the
        kind's default style."""
        style = self._by_id.get((kind, style_id))
        if style is None:
            if kind not in self._defaults:
                self._defaults[kind] = self._styles.default(kind)
            style = self._defaults[kind]
        return style


def paragraph_text(paragraph: Paragraph, styles: _Styles) -> str:
    """The paragraph's text; digits in superscript runs become superscript marks ("⁷"),
    set apart from an amount they follow."""
    parts: list[str] = []
    for run in paragraph.iter_inner_content():
        runs = run.runs if hasattr(run, "runs") else [run]  # a hyperlink holds runs
        for item in runs:
            text = item.text
            if text and _is_superscript(item, styles):
                text = text.translate(_TO_SUPERSCRIPT)
                if parts and parts[-1][-1:].isdigit() and text[:1] in SUPERSCRIPTS:
                    text = " " + text
            parts.append(text)
    return "".join(parts)


def _is_superscript(run, styles: _Styles) -> bool:
    if run.font.superscript is not None:
        return bool(run.font.superscript)
    style = styles.of_run(run)
    while style is not None:
        if style.font.superscript is not None:
            return bool(style.font.superscript)
        style = style.base_style
    return False


def _style_name(style) -> str:
    return (style.name or "").lower() if style is not None else ""


def _heading_level(style) -> int | None:
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 0
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1))
        style = style.base_style
    return None


def _track_fields(p, fields: list[str]) -> None:
    """Follow the complex fields (``w:fldChar`` begin … end) through one paragraph."""
    for element in p.iter(qn("w:fldChar"), qn("w:instrText")):
        if element.tag == qn("w:instrText"):
            if fields and fields[-1] == "":
                fields[-1] = (element.text or "").strip().split(" ")[0].upper()
            continue
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            fields.append("")
        elif kind == "end" and fields:
            fields.pop()


def _table_rows(table: Table, styles: _Styles) -> list[tuple[str, frozenset[int]]]:
    """Each row's cells tab-separated, one per grid column; a merged cell's text in every
    column (and row) it covers, those columns marked."""
    rows: list[tuple[str, frozenset[int]]] = []
    above: dict[int, str] = {}  # grid column -> text of the vertically merged cell there
    for tr in table._tbl.tr_lst:
        cells: list[str] = [""] * tr.grid_before
        merged: set[int] = set()
        for tc in tr.tc_lst:
            col, span = len(cells), tc.grid_span
            if tc.vMerge == "continue":
                text = above.get(col, "")
                merged.update(range(col, col + span))
            else:
                text = " ".join(
                    paragraph_text(Paragraph(p, table), styles) for p in tc.iter(qn("w:p"))
                ).strip()
                if tc.vMerge == "restart":
                    merged.update(range(col, col + span))
                    above[col] = text
            if span > 1:
                merged.update(range(col, col + span))
            cells.extend([text] * span)
        rows.append(("\t".join(cells), frozenset(merged)))
    return rows


class _Lists:
    """Bullets and numbers as Word draws them: "- " for a bullet, "1. " for a numbered item."""

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, str], str] = {}
        self.counters: dict[tuple[str, str], int] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {
            a.get(qn("w:abstractNumId")): {
                lvl.get(qn("w:ilvl")): _val(lvl.find(qn("w:numFmt"))) for lvl in a.iter(qn("w:lvl"))
            }
            for a in numbering.iter(qn("w:abstractNum"))
        }
        for num in numbering.iter(qn("w:num")):
            levels = abstract.get(_val(num.find(qn("w:abstractNumId"))), {})
            for ilvl, fmt in levels.items():
                self.formats[num.get(qn("w:numId")), ilvl] = fmt

    def prefix(self, paragraph: Paragraph, style) -> str:
        num = _num_pr(paragraph, style)
        if num is None:
            name = _style_name(style)
            if name.startswith("list bullet"):
                return "- "
            return "" if not name.startswith("list number") else "1. "
        num_id, ilvl = num
        if num_id == "0":  # numbering switched off for this paragraph
            return ""
        fmt = self.formats.get((num_id, ilvl), "bullet")
        if fmt not in _NUMBERED_FORMATS:
            return "- "
        self.counters[num_id, ilvl] = self.counters.get((num_id, ilvl), 0) + 1
        return f"{self.counters[num_id, ilvl]}. "


def _num_pr(paragraph: Paragraph, style) -> tuple[str, str] | None:
    """(numId, ilvl) from the paragraph's own ``w:numPr`` or its style's."""
    sources = [paragraph._p.pPr]
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    for ppr in sources:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr.find(qn("w:numId")))
            if num_id is not None:
                return num_id, _val(num_pr.find(qn("w:ilvl"))) or "0"
    return None


def _val(element) -> str | None:
    return element.get(qn("w:val")) if element is not None else None
