"""The plan read from Word documents as Word writes them: superscript footnote marks, list
paragraphs with numbering, merged table cells, heading styles, header, footer and TOC field."""

from __future__ import annotations

import pytest

from data_loaders.errors import InputError
from data_loaders.plan.document import parse_plan_file
from data_loaders.plan.lines import read_plan_lines
from tests.conftest import PLAN_2017
from tests.word_plans import write_word_plan

TEXT_2017 = PLAN_2017.read_text(encoding="utf-8")
VARIANTS = {
    "unicode-marks": {"marks": "unicode", "bullets": "style"},
    "superscript-runs": {"marks": "superscript", "bullets": "style"},
    "list-paragraphs-numbered": {"marks": "unicode", "bullets": "numpr"},
    "superscript-and-numbered": {"marks": "superscript", "bullets": "numpr"},
}


@pytest.fixture(scope="module")
def from_text():
    return parse_plan_file(PLAN_2017)


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def word_file(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / f"tryghedsplan-2017-{request.param}.docx"
    return write_word_plan(TEXT_2017, path, **VARIANTS[request.param])


@pytest.fixture(scope="module")
def word_plan(word_file):
    return parse_plan_file(word_file)


def test_each_word_file_gives_the_plan_of_the_text_export(word_plan, from_text):
    plan = word_plan
    assert plan.to_export() == from_text.to_export()
    assert plan.warnings == from_text.warnings
    assert len(plan.budget) == 40
    assert sum(1 for c in plan.budget if c.amount is None) == 14
    assert sum(len(a.deliverables) for a in plan.activities) == 36
    assert len(plan.measures) == 5
    assert sum(1 for c in plan.budget if c.footnote) == 8


def test_a_superscript_mark_on_zero_is_a_footnote_not_seven_kroner(word_plan):
    plan = word_plan
    school = next(c for c in plan.budget if c.activity == "Skolefravær" and c.year == 2017)
    assert school.amount == 0 and school.footnote.startswith("⁷ Aktiviteten opbygges")
    dialog = next(c for c in plan.budget if c.activity.startswith("Dialog") and c.year == 2018)
    assert dialog.amount == 235_000 and dialog.footnote.startswith("¹ Det er en ambition")


def test_header_footer_and_toc_field_are_left_out(word_file):
    texts = [line.text for line in read_plan_lines(word_file)]
    assert not [t for t in texts if "sidehoved" in t or "sidefod" in t]
    assert not [t for t in texts if t.rstrip().endswith("\t7") or "Bookmark" in t]
    assert texts.count("Aktivitet: Bylivspuljen") == 1


def test_the_word_table_is_read_as_a_table_with_merged_cells(word_file):
    lines = [line for line in read_plan_lines(word_file) if line.table == 1]
    rows = [line.text.split("\t") for line in lines]
    assert rows[1][2:] == ["2017", "2018", "2019", "2020"]
    assert [r[0] for r in rows if r[1] == "Ung i Job"] == ["3"]  # merged down its rows
    assert 0 in lines[4].merged


def _word_plan(tmp_path, text, name="plan.docx", **variant):
    return write_word_plan(text, tmp_path / name, **(variant or VARIANTS["superscript-runs"]))


def test_an_error_in_the_word_table_names_the_table_the_row_and_the_year(tmp_path):
    text = TEXT_2017.replace("\tUng i Job\t100.000\t50.000 ⁶", "\tUng i Job\t100.000\tmange")
    path = _word_plan(tmp_path, text, "ung-i-job.docx")
    with pytest.raises(InputError) as error:
        parse_plan_file(path)
    message = str(error.value)
    assert "ung-i-job.docx" in message
    assert "oversigtstabellen, række 'Ung i Job', kolonne 2018" in message
    assert error.value.row is None  # no line count of the reader's own


def test_an_amount_merged_over_two_years_is_refused_not_split(tmp_path):
    from docx import Document

    path = _word_plan(tmp_path, TEXT_2017)
    document = Document(path)
    table = document.tables[0]
    row = next(r for r, tr in enumerate(table.rows) if tr.cells[1].text == "Bylivspuljen")
    table.cell(row, 3).text = ""
    table.cell(row, 2).merge(table.cell(row, 3))
    document.save(path)
    with pytest.raises(InputError) as error:
        parse_plan_file(path)
    assert "merged cell" in str(error.value)
    assert "række 'Bylivspuljen', kolonne 2017" in str(error.value)


def test_word_numbered_lists_read_as_their_numbers(tmp_path):
    path = _word_plan(tmp_path, TEXT_2017, **VARIANTS["list-paragraphs-numbered"])
    texts = [line.text for line in read_plan_lines(path)]
    assert "1. Dialog og kommunikation" in texts and "3. Børn, unge og beboere" in texts
    assert "- Organisering af løbende tryghedsaktiviteter i 2017" in texts


def test_a_top_level_word_heading_ends_the_activity_above_it(tmp_path):
    """Under the last activity's Leverance, a Heading 1 the reader does not know: its
    bullets are no deliverables of the activity."""
    from docx import Document

    text = TEXT_2017.replace(
        "Ansvarlige aktører\n\n3B, understøttet af arbejdsgruppen",
        "Leverance\n\n- Anden leverance\n\nEvaluering af partnerskabet\n\n- Midtvejsevaluering",
    )
    path = _word_plan(tmp_path, text)
    document = Document(path)
    heading = next(p for p in document.paragraphs if p.text == "Evaluering af partnerskabet")
    heading.style = document.styles["Heading 1"]
    document.save(path)
    group = next(a for a in parse_plan_file(path).activities if a.name == "Utryghedsgruppe")
    assert [d.text for d in group.deliverables][-1] == "Anden leverance"
