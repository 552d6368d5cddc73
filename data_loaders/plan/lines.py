"""A plan document (plain-text export or .docx) as lines; a table row is one line with its
cells tab-separated, so one reader serves both formats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from data_loaders.files import decode_text, read_bytes

TOC_LINE = re.compile(r"\t\s*(\d+|Error! Bookmark not defined\.)\s*$")
TOC_HEADINGS = ("indholdsfortegnelse", "indhold")


@dataclass(frozen=True)
class Line:
    """One line of the document, with what Word says about it (a text export says nothing)."""

    number: int  # 1-based line of a text export; 1-based paragraph or table row of a .docx
    text: str
    table: int | None = None  # .docx: the 1-based table the row belongs to
    heading: int | None = None  # .docx: the heading level of its style (0 = the title)
    merged: frozenset[int] = frozenset()  # .docx: cells that are part of a merged cell

    @property
    def from_word(self) -> bool:
        return self.table is not None or self.heading is not None


def read_plan_lines(path: Path) -> list[Line]:
    """The document's lines, the table of contents left out."""
    data = read_bytes(path)
    if path.suffix.lower() == ".docx":
        from data_loaders.plan.word import docx_lines  # python-docx is slow to import

        return without_toc(docx_lines(data, str(path)))
    text = decode_text(data, str(path))
    return without_toc([Line(i, line.rstrip()) for i, line in enumerate(text.splitlines(), 1)])


def without_toc(lines: list[Line]) -> list[Line]:
    """The lines without the table of contents (its entries repeat the headings): the
    heading "Indholdsfortegnelse" or "Indhold" and the entries ending in a page number."""
    toc: set[int] = set()
    for start, line in enumerate(lines):
        if line.text.strip().lower() in TOC_HEADINGS:
            for index in range(start, len(lines)):
                entry = lines[index].text
                if entry.strip() and index > start and not TOC_LINE.search(entry):
                    break
                toc.add(index)
            break
    return [line for i, line in enumerate(lines) if i not in toc]
