"""The state at a glance and the finished period, on the bundled 2017 plan loaded for real:
the figures (queries.glance), the period rule (queries.period) with the clock inside and
after the period 2017–2020, and the Danish words of the tiles and the attention list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from dashboard.components.briefing_text import needs_attention
from dashboard.components.glance_tiles import UNFINISHED, glance_text, period_notice
from dashboard.db import session_scope
from dashboard.model import Deliverable
from dashboard.queries.deliverables import deliverable_table
from dashboard.queries.glance import glance
from dashboard.queries.period import partnership_period
from dashboard.queries.plan import latest_plan
from tests.partnerships import amager_id

DURING = date(2018, 6, 1)  # inside the plan's period 2017–2020
AFTER = date(2026, 12, 2)  # six years after it


def test_the_glance_figures_of_the_2017_plan(session, loaded_db):
    found = glance(session, amager_id(session), DURING)
    money = {m.year: m for m in found.money}
    assert sorted(money) == [2017, 2018, 2019, 2020]
    assert (money[2017].allocated, money[2017].unallocated, money[2017].undecided) == (
        1_200_000,
        0,
        0,
    )
    assert (money[2018].allocated, money[2018].unallocated, money[2018].undecided) == (
        640_000,
        560_000,
        4,
    )
    assert (money[2019].allocated, money[2019].undecided) == (235_000, 5)
    counts = found.deliverables
    assert (counts.total, counts.done, counts.delayed, counts.not_started) == (36, 0, 0, 36)
    # 18 are due before 1 June 2018 (the nineteenth on 31 December 2018).
    assert counts.overdue == 18 and counts.unfinished_at_end == 0
    assert [h.indicator for h in found.headlines] == [
        "utrygge_aften_nat",
        "utrygge_i_nabolaget",
        "borgervendt_krim_pr1000",
    ]
    night = found.headlines[0]
    assert (night.start_value, night.start_period, night.end_value, night.end_period) == (
        34.0,
        "2014",
        29.0,
        "2020",
    )
    assert [h.verdict for h in found.headlines] == ["better", "better", "worse"]
    # The needs-attention list asks about the coming year's '?' cells: 2019's five.
    assert (found.waiting.undecided_cells, found.waiting.undecided_years) == (5, [2019])
    assert found.waiting.open_handovers == 5


def test_the_tiles_say_the_state_in_words(session, loaded_db):
    text = glance_text(glance(session, amager_id(session), DURING))
    assert text.heading == "Status lige nu" and text.notice is None
    by_key = {t.key: t for t in text.money + text.work}
    assert by_key["okonomi-2018"].figure == "640.000 kr. fordelt"
    assert "560.000 kr. ikke fordelt" in by_key["okonomi-2018"].lines
    assert by_key["okonomi-2018"].status == "4 beløb ikke besluttet (?)"
    assert by_key["okonomi-2017"].status == "Alt fordelt"
    assert by_key["leverancer"].status == "18 med overskredet frist"
    night = by_key["indikator-utrygge_aften_nat"]
    assert night.figure == "29 % i 2020" and night.status == "Bedre"
    assert "Retning: lavere er bedre" in night.lines
    # 29 % is the old area's figure; the newest (2021) is for the area enlarged that year.
    assert "Område: Partnerskabsområdet (Urbanplanen og Hørgården)" in night.lines
    assert "Nyeste tal: 27 % i 2021, ikke sammenligneligt (andet område)" in night.lines
    # The plan sets no target for the headline indicators: said once, not on every tile.
    assert text.targets_note == "Planen sætter intet mål for disse indikatorer."
    assert not any("intet mål" in line or "Mål:" in line for t in text.work for line in t.lines)
    assert by_key["indikator-borgervendt_krim_pr1000"].status == "Dårligere"
    # Every tile links to its detail.
    assert {t.page for t in text.money} == {"/okonomi"}
    assert by_key["leverancer"].page == "/leverancer"
    assert night.page == "/tryghed" and night.anchor == "udvikling"


def test_a_running_period_and_a_finished_one(session, loaded_db):
    partnership = amager_id(session)
    running = partnership_period(session, partnership, DURING)
    assert (running.years, running.finished, running.judged_on) == ("2017–2020", False, DURING)
    assert period_notice(running) is None
    over = partnership_period(session, partnership, AFTER)
    assert over.finished and over.judged_on == date(2021, 1, 1)
    assert period_notice(over, final_state=False) == "Partnerskabsperioden 2017–2020 er afsluttet."
    assert f"«{UNFINISHED}»" in period_notice(over)
    # The last day of the period still runs; the first day after it does not.
    assert not partnership_period(session, partnership, date(2020, 12, 31)).finished
    assert partnership_period(session, partnership, date(2021, 1, 1)).finished


def test_after_the_period_deliverables_are_judged_at_its_end(session, loaded_db):
    version = latest_plan(session, amager_id(session))
    first, second, third = session.scalars(
        select(Deliverable).order_by(Deliverable.id).limit(3)
    ).all()
    first.status = "done"
    second.due_date = date(2022, 6, 30)  # due after the period: never overdue once it ended
    third.due_date = date(2020, 6, 30)
    session.commit()

    during = deliverable_table(session, version.id, date(2019, 1, 1))
    after = deliverable_table(session, version.id, AFTER)
    # Overdue after the period is the state at its end, not today's: a due date after the
    # period's end never becomes overdue, one inside it stays overdue.
    rows = after.set_index("id")
    assert not rows.loc[second.id, "overdue"] and rows.loc[third.id, "overdue"]
    assert not rows.loc[first.id, "unfinished_at_end"]
    assert rows["unfinished_at_end"].sum() == 35
    assert not during["unfinished_at_end"].any()
    assert deliverable_table(session, version.id, date(2023, 1, 1))["overdue"].sum() == int(
        after["overdue"].sum()
    )

    finished = glance_text(glance(session, amager_id(session), AFTER))
    assert finished.heading == "Slutstatus for perioden 2017–2020"
    assert finished.notice.startswith("Partnerskabsperioden 2017–2020 er afsluttet.")
    tile = next(t for t in finished.work if t.key == "leverancer")
    assert tile.figure == "1 af 36 afsluttet"
    assert tile.status == f"35 {UNFINISHED}"
    # All '?' of the plan wait for no coming year once it is over: every year's.
    assert glance(session, amager_id(session), AFTER).waiting.undecided_years == [2018, 2019, 2020]

    attention = needs_attention(session, version.id, AFTER)
    assert "ikke var afsluttet ved periodens slut (31. december 2020)" in attention.overdue_heading
    running = needs_attention(session, version.id, date(2019, 1, 1))
    assert running.overdue_heading == "Leverancer med overskredet frist, pr. tovholder"


def test_a_plan_without_a_period_runs(loaded_db):
    with session_scope(loaded_db) as session:
        assert partnership_period(session, 999_999, AFTER) is None
        assert glance(session, 999_999, AFTER) is None
