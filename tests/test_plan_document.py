"""The plan reader on the real 2017 Tryghedsplan, its .docx twin, and variants of the template."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from dashboard.names import normalise_name
from dashboard.pages.plan import responsible_text
from data_loaders.errors import InputError
from data_loaders.plan.document import parse_plan_file
from tests.conftest import PLAN_2017

TEXT_2017 = PLAN_2017.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan():
    return parse_plan_file(PLAN_2017)


def activity(plan, name):
    return next(a for a in plan.activities if a.name == name)


def test_focus_areas_include_the_cross_cutting_one(plan):
    assert [(a.number, a.name) for a in plan.focus_areas] == [
        (1, "Dialog og kommunikation"),
        (2, "Tryggere byliv"),
        (3, "Børn, unge og beboere"),
        (None, "Kompetenceudvikling og lokalt samarbejde"),
    ]


def test_nine_activities_two_sub_activities_and_the_meeting_line(plan):
    top = [a for a in plan.activities if a.parent is None]
    assert len(top) == 9
    subs = [a.name for a in plan.activities if a.parent == "Dialog, kommunikation og begivenheder"]
    assert subs == ["Tryghedsfremmende aktiviteter", "Beboerinddragelse, formidling og fundraising"]
    labels = list(dict.fromkeys(c.activity for c in plan.budget))
    assert len(labels) == 10 and labels[-1] == "Mødefacilitering"
    assert all(c.focus_area is None for c in plan.budget if c.activity == "Mødefacilitering")


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("Opsøgende Familierådgiver", 6),
        ("Ungeengagement i læringsrum", 4),
        ("Streetaktiviteter og gadeplan", 6),
        ("Ung i Job (14-18 år)", 6),
        ("Utryghedsgruppe", 1),
        ("Tryghedsfremmende aktiviteter", 4),
        ("Beboerinddragelse, formidling og fundraising", 6),
    ],
)
def test_deliverables_as_the_document_lists_them(plan, name, count):
    assert len(activity(plan, name).deliverables) == count


def test_responsible_parties_with_lead(plan):
    ung_i_job = activity(plan, "Ung i Job (14-18 år)")
    assert [(r.party, r.role) for r in ung_i_job.responsible] == [("SSP København", "lead")]
    street = activity(plan, "Streetaktiviteter og gadeplan")
    assert street.responsible[0].party == "Socialforvaltningen"
    assert street.responsible[0].role == "lead"
    assert {"Børne- og Ungdomsforvaltningen", "Klynge A19"} <= {r.party for r in street.responsible}
    tryghed = activity(plan, "Tryghedsfremmende aktiviteter")
    lead = [r.party for r in tryghed.responsible if r.role == "lead"]
    assert lead == ["3B's boligsociale helhedsplan"]  # "koordinatoren er tovholder"


def test_forty_cells_fourteen_unknown_and_the_frame(plan):
    assert len(plan.budget) == 40
    unknown = [c for c in plan.budget if c.amount is None]
    assert len(unknown) == 14
    assert all(c.unknown_reason == "ikke besluttet ('?')" for c in unknown)
    assert plan.frame == {2017: 1_200_000, 2018: 1_200_000, 2019: 1_200_000, 2020: 1_200_000}
    known_2017 = sum(c.amount for c in plan.budget if c.year == 2017 and c.amount is not None)
    assert known_2017 == plan.frame[2017]
    known_2018 = sum(c.amount for c in plan.budget if c.year == 2018 and c.amount is not None)
    assert (known_2018, plan.frame[2018] - known_2018) == (640_000, 560_000)


def test_eight_footnotes_on_their_cells(plan):
    noted = {(c.activity, c.year): c.footnote for c in plan.budget if c.footnote}
    assert len(noted) == 8
    assert noted[("Lommepengejob", 2018)] == "⁴ TMF overtager udgiften fra 2018"
    assert noted[("Streetaktiviteter og gadeplan", 2017)].startswith("⁵ Efter en evaluering")
    assert noted[("Skolefravær", 2017)].startswith("⁷")


def test_handovers(plan):
    lommepenge = activity(plan, "Lommepengejob (13-14 år)").handovers
    assert [(h.to_party, h.from_year, h.status) for h in lommepenge] == [
        ("Teknik- og Miljøforvaltningen", 2018, "decided")
    ]
    familie = activity(plan, "Opsøgende Familierådgiver").handovers
    assert [(h.to_party, h.gradual) for h in familie] == [("Socialforvaltningen", True)]
    ung = activity(plan, "Ung i Job (14-18 år)").handovers
    assert [(h.to_party, h.gradual) for h in ung] == [("Socialforvaltningen", True)]
    street = activity(plan, "Streetaktiviteter og gadeplan").handovers
    assert len(street) == 1 and street[0].to_party is None and "evaluering" in street[0].text


def test_disagreeing_handover_parties_are_reported(plan):
    assert any("Ungeengagement" in w and "Kultur" in w and "Social" in w for w in plan.warnings)


def test_table_names_match_sections_despite_spelling(plan):
    assert activity(plan, "Lommepengejob (13-14 år)").table_name == "Lommepengejob"
    assert activity(plan, "Opsøgende Familierådgiver").table_name == "Opsøgende familierådgiver"
    assert normalise_name("Ung i Job (14-18 år)") == normalise_name("Ung i Job")
    assert any("Mødefacilitering" in w for w in plan.warnings)


def test_due_dates_and_approvals_and_measures(plan):
    dues = [
        (d.due_text, d.due_date)
        for d in activity(plan, "Tryghedsfremmende aktiviteter").deliverables
    ]
    assert ("maj og august 2017", date(2017, 8, 31)) in dues
    assert ("november 2017", date(2017, 11, 30)) in dues
    assert [(a.body, a.date) for a in plan.approvals] == [
        ("Styregruppen", date(2016, 10, 24)),
        ("Økonomiudvalget", date(2016, 12, 6)),
        ("Borgerrepræsentationen", date(2016, 12, 15)),
    ]
    assert len(plan.measures) == 5 and plan.measures[-1].startswith("Antallet af deltagere")


def test_consistent_plan_has_no_economy_disagreements(plan):
    assert not [w for w in plan.warnings if "Økonomi section says" in w]


def test_overview_and_section_disagreement_is_reported_with_both_values(tmp_path):
    changed = TEXT_2017.replace(
        "Løn til lommepengejobbere\t10.000", "Løn til lommepengejobbere\t12.000"
    )
    path = tmp_path / "plan.txt"
    path.write_text(changed, encoding="utf-8")
    warnings = parse_plan_file(path).warnings
    assert any("10.000 kr." in w and "12.000 kr." in w and "Lommepengejob" in w for w in warnings)


def test_next_years_template_with_other_names_and_headings(tmp_path):
    """Another year: new activity, other amounts, heading variants, table name differing."""
    text = (
        TEXT_2017.replace(
            "Tryghedsplan for Amager Partnerskab 2017", "Tryghedsplan for Amager Partnerskab 2018"
        )
        .replace("\tUtryghedsgruppe\t0 ⁸\t?", "\tUtrygheds-gruppen\t50.000\t?")
        .replace("Aktivitet: Utryghedsgruppe", "Aktiviteten: Utryghedsgruppen")
        .replace("Leverance\n\n- I 2017 vil", "Leverancer/effekt\n\n- I 2017 vil")
    )
    path = tmp_path / "plan2018.txt"
    path.write_text(text, encoding="utf-8")
    plan = parse_plan_file(path)
    assert plan.plan_year == 2018
    group = activity(plan, "Utryghedsgruppen")
    assert group.table_name == "Utrygheds-gruppen" and len(group.deliverables) == 1
    cell = next(c for c in plan.budget if c.activity == "Utrygheds-gruppen" and c.year == 2017)
    assert cell.amount == 50_000


def test_unmatched_table_row_is_reported_not_guessed(tmp_path):
    text = TEXT_2017.replace("\tSkolefravær\t0 ⁷", "\tNatteravne\t0 ⁷")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan = parse_plan_file(path)
    assert any("'Natteravne' has no activity section" in w for w in plan.warnings)
    assert any("'Skolefravær' has no row" in w for w in plan.warnings)
    assert activity(plan, "Skolefravær").table_name is None


def _docx_from_text(text: str, path: Path) -> None:
    """A Word document laid out like the original: paragraphs, bullets, and real tables."""
    document = Document()
    rows: list[list[str]] = []

    def flush_table():
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
            rows.clear()

    for line in text.splitlines():
        if (
            "\t" in line
            and not line.rstrip().endswith(("Error! Bookmark not defined.",))
            and (line.count("\t") > 1 or not line.split("\t")[-1].strip().isdigit())
        ):
            rows.append(line.split("\t"))
            continue
        flush_table()
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    flush_table()
    document.save(path)


def test_docx_gives_the_same_plan_as_the_text_export(tmp_path, plan):
    path = tmp_path / "tryghedsplan-2017.docx"
    _docx_from_text(TEXT_2017, path)
    from_docx = parse_plan_file(path)
    assert from_docx.to_export() == plan.to_export()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (
            b"Tryghedsplan for Amager Partnerskab 2017\n\nIngen tabel her.\n",
            "no overview table",
        ),
        (b"Just some text\n", "no title"),
    ],
)
def test_bad_documents_are_refused_with_the_file_named(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        parse_plan_file(path)
    assert message in str(error.value) and "bad.txt" in str(error.value)


def test_text_in_an_amount_names_row_and_column(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(TEXT_2017.replace("\tBylivspuljen\t233.000", "\tBylivspuljen\tmange"), "utf-8")
    with pytest.raises(InputError) as error:
        parse_plan_file(path)
    row = next(
        i for i, line in enumerate(TEXT_2017.splitlines(), 1) if line.startswith("2\tBylivspuljen")
    )
    assert (error.value.row, error.value.column) == (row, "2017")


def test_a_corrupt_docx_is_refused(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(InputError, match="not a readable .docx"):
        parse_plan_file(path)


def test_partnership_periods_stated_in_the_plan(plan):
    """ "funktionsperiode er fra 2017 til 2020 … fortsættelse af den første periode fra
    2013-2016": both periods, the earlier one with no budget in this plan."""
    assert [(p.first_year, p.last_year) for p in plan.periods] == [(2013, 2016), (2017, 2020)]
    assert "første periode" in plan.periods[0].text


def test_the_plan_page_names_the_lead_first(plan):
    """/plan: "3B's boligsociale helhedsplan (tovholder)" before the co-responsible, as the
    plan lists them on /leverancer, not wherever the table cell happened to have it."""
    activity = next(a for a in plan.activities if a.name == "Tryghedsfremmende aktiviteter")
    assert responsible_text(activity) == (
        "3B's boligsociale helhedsplan (tovholder), Partnerskabets arbejdsgruppe (medansvarlig)"
    )
