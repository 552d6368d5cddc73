"""``--partnership`` on the commands of one partnership: optional with one partnership, needed
with several (exit 2, the choices named), an unknown slug refused; the load log names the
partnership of each load; the registry gives a new partnership its own area; ``init`` stays
idempotent beside a second partnership."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.cli import main
from dashboard.db import session_scope
from dashboard.model import Area, LoadLog, Meeting, Partnership
from dashboard.queries.areas import own_area_codes
from data_loaders.defaults import init_database
from tests.conftest import FIXTURES, PLAN_2017, dump

TINGBJERG = FIXTURES / "plans" / "tryghedsplan-tingbjerg-husum.txt"
CHOICES = "amager-partnerskab, tingbjerg-husum"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def two(loaded_db, cli_env):
    """The bundled data and Tingbjerg-Husum's plan beside it."""
    result = run("load", "plan", str(TINGBJERG), "--partnership", "tingbjerg-husum")
    assert result.exit_code == 0, result.stderr
    return loaded_db


def _budget(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("Indsatsområde;Aktivitet;2016\n1;Nattevandring;160.000\n", encoding="utf-8")
    return path


def test_with_one_partnership_it_is_used_and_an_unknown_slug_names_it(loaded_db, cli_env):
    assert json.loads(run("export", "plan").stdout)["partnership"] == "Amager Partnerskab"
    for command in (["export", "plan"], ["export", "budget"], ["meetings"], ["loads"]):
        result = run(*command, "--partnership", "amager")
        assert result.exit_code == 2, command
        assert "no partnership 'amager'" in result.stderr and "amager-partnerskab" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["export", "plan"],
        ["export", "budget", "--format", "csv"],
        ["meetings"],
        ["export", "meeting-pack", "1", "-o", "pack.pdf"],
        ["load", "plan", str(PLAN_2017)],
    ],
    ids=["export-plan", "export-budget", "meetings", "meeting-pack", "load-plan"],
)
def test_with_several_a_command_without_partnership_names_the_choices(two, command, db_url):
    before = dump(db_url)
    result = run(*command)
    assert result.exit_code == 2
    assert f"several partnerships; give --partnership: {CHOICES}" in result.stderr
    assert dump(db_url) == before


def test_load_budget_revises_the_named_partnerships_plan_and_logs_it(two, tmp_path, db_url):
    budget = _budget(tmp_path)
    before = dump(db_url)
    refused = run("load", "budget", str(budget))
    assert refused.exit_code == 2 and CHOICES in refused.stderr
    assert dump(db_url) == before
    loaded = run("load", "budget", str(budget), "--partnership", "tingbjerg-husum")
    assert loaded.exit_code == 0, loaded.stderr
    exported = json.loads(run("export", "budget", "--partnership", "tingbjerg-husum").stdout)
    assert {c["activity"]: c["amount"] for c in exported} == {"Nattevandring": 160_000}
    amager = json.loads(run("export", "budget", "--partnership", "amager-partnerskab").stdout)
    assert len(amager) == 40  # Amager's plan untouched
    with session_scope(db_url) as session:
        slugs = dict(
            session.execute(
                select(LoadLog.kind, Partnership.slug)
                .join(Partnership, Partnership.id == LoadLog.partnership_id)
                .where(LoadLog.kind == "budget")
            ).all()
        )
    assert slugs == {"budget": "tingbjerg-husum"}


def test_loads_shows_each_loads_partnership_and_filters(two):
    entries = json.loads(run("loads", "--format", "json").stdout)
    by_kind = {(e["kind"], e["partnership"]) for e in entries}
    assert ("plan", "tingbjerg-husum") in by_kind and ("plan", "amager-partnerskab") in by_kind
    assert ("indicators", None) in by_kind  # the figures every partnership shares
    text = run("loads").stdout
    assert " tingbjerg-husum plan loaded " in text and " shared indicators " in text
    only = json.loads(run("loads", "--format", "json", "--partnership", "tingbjerg-husum").stdout)
    assert {e["partnership"] for e in only} == {"tingbjerg-husum", None}


def test_meetings_are_the_partnerships_and_a_pack_for_anothers_meeting_is_refused(two, db_url):
    with session_scope(db_url) as session:
        amager = session.scalars(
            select(Meeting.id).join(Partnership).where(Partnership.slug == "amager-partnerskab")
        ).all()
    listing = run("meetings", "--partnership", "amager-partnerskab").stdout.splitlines()
    assert [int(line.split("\t")[0]) for line in listing] == sorted(amager) and amager
    # Tingbjerg-Husum's plan names only "Udvalget", not a body that becomes a meeting
    assert run("meetings", "--partnership", "tingbjerg-husum").stdout == ""
    other = str(amager[0])
    result = run("export", "meeting-pack", other, "-o", "p.pdf", "--partnership", "tingbjerg-husum")
    assert result.exit_code == 1 and f"tingbjerg-husum has no meeting {other}" in result.stderr


def test_a_plan_naming_another_partnership_is_not_filed_under_the_only_one(loaded_db, cli_env):
    before = dump(loaded_db)
    result = run("load", "plan", str(TINGBJERG))
    assert result.exit_code == 2
    assert (
        "'tingbjerg-husum-partnerskab'" in result.stderr and "amager-partnerskab" in result.stderr
    )
    assert dump(loaded_db) == before


def test_indicator_commands_take_no_partnership(loaded_db, cli_env):
    result = run("load", "indicators", str(PLAN_2017), "--partnership", "amager-partnerskab")
    assert result.exit_code == 2 and "No such option" in result.stderr
    assert "shared by every partnership" in run("load", "indicators", "-h").stdout


def test_the_registry_gives_a_new_partnership_its_own_area(two, db_url):
    with session_scope(db_url) as session:
        found = {p.slug: p for p in session.scalars(select(Partnership))}
        tingbjerg, amager = found["tingbjerg-husum"], found["amager-partnerskab"]
        assert tingbjerg.map_outline == "Tingbjerg/Husum" and tingbjerg.members == ""
        area = session.get(Area, tingbjerg.area_id)
        assert (area.code, area.kind, area.parent.name) == (
            "partnerskabsomraadet_tingbjerg_husum",
            "partnership_area",
            "Brønshøj-Husum",
        )
        assert own_area_codes(session, tingbjerg.id) == {"partnerskabsomraadet_tingbjerg_husum"}
        assert own_area_codes(session, amager.id) == {
            "partnerskabsomraadet",
            "partnerskabsomraadet_2021",
            "urbanplanen",
            "remisevaengerne",
            "horgaarden",
        }


def test_init_again_beside_a_second_partnership_changes_nothing(two, db_url):
    before = dump(db_url, skip=("load_log",))
    init_database(db_url)
    assert dump(db_url, skip=("load_log",)) == before


def test_the_release_step_gives_a_migrated_partnership_its_registry_facts(loaded_db, cli_env):
    """A database from before the registry (its partnership without texts or area) gets them
    from ``tryghed migrate``, the Procfile's release step, without waiting for a plan load;
    what an operator has written since is kept."""
    with session_scope(loaded_db) as session:
        amager = session.scalar(select(Partnership).where(Partnership.slug == "amager-partnerskab"))
        amager.members, amager.area_id, amager.about = "", None, "Rettet af sekretariatet."
    result = run("migrate")
    assert result.exit_code == 0, result.output
    with session_scope(loaded_db) as session:
        amager = session.scalar(select(Partnership).where(Partnership.slug == "amager-partnerskab"))
        assert "Københavns Politi" in amager.members
        assert amager.about == "Rettet af sekretariatet."
        assert session.get(Area, amager.area_id).code == "partnerskabsomraadet"
