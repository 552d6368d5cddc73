"""A second partnership's plan in the template's variations, as text and as Word: every
activity and budget cell read right, and loaded with --partnership beside Amager's plan."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.cli import main
from dashboard.model import Partnership, PlanVersion
from data_loaders.plan.document import parse_plan_file
from tests.conftest import FIXTURES, PLAN_2017, dump

TINGBJERG_TXT = FIXTURES / "plans" / "tryghedsplan-tingbjerg-husum.txt"
TINGBJERG_DOCX = FIXTURES / "plans" / "tryghedsplan-tingbjerg-husum.docx"
NEW = "* Ny aktivitet i 2016"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def plan():
    return parse_plan_file(TINGBJERG_TXT)


def test_title_without_year_takes_the_approval_sentences_year(plan):
    assert (plan.partnership, plan.plan_year) == ("Tingbjerg-Husum Partnerskab", 2016)
    assert plan.title == "Tryghedsplan for Tingbjerg-Husum Partnerskab"
    assert [(a.body, a.date) for a in plan.approvals] == [("Udvalget", date(2016, 2, 2))]
    assert [(p.first_year, p.last_year) for p in plan.periods] == [(2016, 2019)]


def test_every_activity_where_the_plan_puts_it(plan):
    assert [(a.number, a.name) for a in plan.focus_areas] == [
        (1, "Trygge byrum"),
        (2, "Unge og fællesskab"),
    ]
    assert [(a.name, a.focus_area, a.table_name) for a in plan.activities] == [
        ("Nattevandring", 1, "Nattevandring"),
        ("Tryghedsvandringer", 1, "Tryghedsvandringer"),
        ("Ungeguides", 2, "Ungeguides"),
        ("Lektiecafé", 2, "Lektiecafé"),
        ("Politiets nærbetjente", None, None),
        ("Fritidsjob", None, None),
    ]
    deliverables = {a.name: [d.text for d in a.deliverables] for a in plan.activities}
    assert deliverables["Nattevandring"] == [
        "Nattevandring to aftener om ugen i 2016",
        "Årlig opgørelse af antal vandringer i december 2016",
    ]
    # the Målsætninger bullets under it belong to no activity
    assert deliverables["Tryghedsvandringer"] == ["To tryghedsvandringer i 2016"]
    assert deliverables["Fritidsjob"] == ["20 unge i fritidsjob ved udgangen af 2016"]
    responsible = {a.name: [r.party for r in a.responsible] for a in plan.activities}
    assert responsible["Nattevandring"] == ["SSP København", "Københavns Politi"]
    assert responsible["Politiets nærbetjente"] == ["Københavns Politi"]
    assert plan.warnings == []


def test_every_budget_cell_in_kroner_with_its_notes(plan):
    cells = [(c.focus_area, c.activity, c.year, c.amount, c.footnote) for c in plan.budget]
    assert cells == [
        (1, "Nattevandring", 2016, 150_000, None),
        (1, "Nattevandring", 2017, 150_000, None),
        (1, "Tryghedsvandringer", 2016, 40_000, NEW),
        (
            1,
            "Tryghedsvandringer",
            2017,
            40_000,
            f"² Teknik- og Miljøforvaltningen overtager udgiften fra 2018 {NEW}",
        ),
        (2, "Ungeguides", 2016, 300_000, NEW),
        (2, "Ungeguides", 2017, None, NEW),
        (2, "Lektiecafé", 2016, 60_000, None),
        (2, "Lektiecafé", 2017, 0, None),
    ]
    assert plan.frame == {2016: 550_000}  # 2017's "I alt" is '?' (footnote ¹)
    handover = next(a for a in plan.activities if a.name == "Tryghedsvandringer").handovers
    assert [(h.to_party, h.from_year) for h in handover] == [
        ("Teknik- og Miljøforvaltningen", 2018)
    ]


def test_the_word_file_gives_the_same_plan(plan):
    from_word = parse_plan_file(TINGBJERG_DOCX)
    assert from_word.to_export() == plan.to_export()
    assert from_word.warnings == plan.warnings


@pytest.mark.parametrize("fixture", [TINGBJERG_TXT, TINGBJERG_DOCX], ids=["txt", "docx"])
def test_loads_with_partnership_beside_amager(cli_env, db_url, session, plan, fixture):
    assert run("load", "plan", str(PLAN_2017)).exit_code == 0
    result = run("load", "plan", str(fixture), "--partnership", "tingbjerg-husum", "--strict")
    assert result.exit_code == 0, result.stderr
    slugs = {p.slug: p.name for p in session.scalars(select(Partnership))}
    assert slugs["tingbjerg-husum"] == "Tingbjerg-Husum Partnerskab"
    version = session.scalars(
        select(PlanVersion).join(Partnership).where(Partnership.slug == "tingbjerg-husum")
    ).one()
    assert version.year == 2016
    exported = json.loads(run("export", "plan", "--partnership", "tingbjerg-husum").stdout)
    assert exported == plan.to_export()
    before = dump(db_url, skip=("load_log",))
    again = run("load", "plan", str(fixture), "--partnership", "tingbjerg-husum")
    assert "unchanged" in again.stdout and dump(db_url, skip=("load_log",)) == before


def test_year_option_overrides_the_approval_sentence(cli_env, session):
    result = run(
        "load", "plan", str(TINGBJERG_TXT), "--partnership", "tingbjerg-husum", "--year", "2017"
    )
    assert result.exit_code == 0
    assert session.scalars(select(PlanVersion.year)).all() == [2017]
