"""A plan document (plain-text export or .docx) as text lines, tables as tab-separated lines."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from data_loaders.errors import InputError
from data_loaders.files import check_office_zip, decode_text, read_bytes

TOC_LINE = re.compile(r"\t\s*(\d+|Error! Bookmark not defined\.)\s*$")


def read_plan_lines(path: Path) -> list[str]:
    """The document's text lines; a table row is one line with its cells tab-separated."""
    data = read_bytes(path)
    if path.suffix.lower() == ".docx":
        return _docx_lines(path, data)
    return decode_text(data, str(path)).splitlines()


def _docx_lines(path: Path, data: bytes) -> list[str]:
    from docx import Document  # only needed for .docx, and slow to import
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


def without_toc(raw_lines: list[str]) -> list[tuple[int, str]]:
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
