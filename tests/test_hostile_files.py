"""Hostile files: every loader refuses them with a clear message and the database unchanged."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook

from dashboard.cli import main
from tests.conftest import dump


def _zip_bomb_xlsx(path):
    """A valid-looking workbook with one part that unpacks to 60 MB of zeros."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, data in parts.items():
            bomb.writestr(name, data)
        bomb.writestr("xl/worksheets/sheet2.xml", b"\0" * (60 * 1024 * 1024))


def _xxe_docx(path):
    """A Word file whose XML declares an external entity pointing at a local file."""
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Tryghedsplan for Amager Partnerskab 2017")
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["word/document.xml"].decode()
    declaration, rest = xml.split("?>", 1)
    parts["word/document.xml"] = (
        declaration
        + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + rest.replace("Tryghedsplan for", "&xxe; Tryghedsplan for")
    ).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _sparse(size):
    def make(path):
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def _long_line_csv(path):
    path.write_text("Indsatsområde;Aktivitet;2017\n" + ";" * 1_200_000 + "\n", encoding="utf-8")


CASES = [
    ("budget", "bomb.xlsx", _zip_bomb_xlsx, "possible zip bomb"),
    ("indicators", "bomb.xlsx", _zip_bomb_xlsx, "possible zip bomb"),
    ("plan", "xxe.docx", _xxe_docx, "declares XML entities"),
    ("plan", "huge.txt", _sparse(2 * 1024**3), "the limit is"),
    ("budget", "huge.csv", _sparse(2 * 1024**3), "the limit is"),
    ("indicators", "huge.csv", _sparse(2 * 1024**3), "the limit is"),
    ("budget", "wide.csv", _long_line_csv, "row 2: line longer than 1,000,000 characters"),
    ("indicators", "wide.csv", _long_line_csv, "row 2: line longer than 1,000,000 characters"),
]


@pytest.mark.parametrize(("kind", "name", "make", "expected"), CASES)
def test_hostile_file_is_refused_and_nothing_changes(
    cli_env, loaded_db, tmp_path, kind, name, make, expected
):
    before = dump(loaded_db)
    path = tmp_path / name
    make(path)
    result = CliRunner().invoke(main, ["load", kind, str(path)])
    assert result.exit_code == 1, result.output
    assert name in result.output and expected in result.output
    assert "root:" not in result.output  # nothing of the entity's target was read
    assert dump(loaded_db) == before
