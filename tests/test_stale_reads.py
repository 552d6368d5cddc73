"""Reads always answer from the database as it is now: whoever wrote, however, and from
whichever process. These four cases once got stale answers from a per-worker memo that
guessed what had changed from the text of SQL statements."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select, text

from dashboard.db import get_engine, session_scope
from dashboard.model import BudgetLine, Deliverable, PlanVersion
from dashboard.queries.budget import year_totals
from dashboard.queries.deliverables import deliverable_table


def _plan_id(url: str) -> int:
    with session_scope(url) as session:
        return session.scalars(select(PlanVersion.id).order_by(PlanVersion.id.desc())).first()


def _known_2017(url: str) -> int:
    with session_scope(url) as session:
        return next(t.known for t in year_totals(session, _plan_id(url)) if t.year == 2017)


def _a_budget_line_of_2017(url: str) -> int:
    with session_scope(url) as session:
        return session.scalars(
            select(BudgetLine.id).where(BudgetLine.year == 2017, BudgetLine.amount.is_not(None))
        ).first()


def test_a_flushed_change_is_read_back_inside_its_own_transaction(loaded_db):
    plan_id = _plan_id(loaded_db)
    with session_scope(loaded_db) as session:
        before = deliverable_table(session, plan_id)  # read first, as the loaders do
        deliverable = session.get(Deliverable, int(before.iloc[0]["id"]))
        new_status = "dropped" if deliverable.status != "dropped" else "done"
        deliverable.status = new_status
        session.flush()
        after = deliverable_table(session, plan_id)
        assert after.iloc[0]["status"] == new_status


def test_raw_sql_with_a_leading_comment_is_read_back(loaded_db):
    before = _known_2017(loaded_db)
    line_id = _a_budget_line_of_2017(loaded_db)
    with session_scope(loaded_db) as session:
        session.execute(
            text("/* fix */ UPDATE budget_line SET amount = amount + 1000 WHERE id = :id"),
            {"id": line_id},
        )
    assert _known_2017(loaded_db) == before + 1000


def test_a_core_write_without_a_session_is_read_back(loaded_db):
    before = _known_2017(loaded_db)
    line_id = _a_budget_line_of_2017(loaded_db)
    # How an Alembic data migration writes: a Core statement on an engine connection.
    with get_engine(loaded_db).begin() as conn:
        conn.execute(
            BudgetLine.__table__.update()
            .where(BudgetLine.__table__.c.id == line_id)
            .values(amount=BudgetLine.__table__.c.amount + 1000)
        )
    assert _known_2017(loaded_db) == before + 1000


def test_a_change_made_by_another_process_is_read_back(loaded_db):
    before = _known_2017(loaded_db)
    assert before == 1_200_000
    line_id = _a_budget_line_of_2017(loaded_db)
    # An operator's fix in psql or sqlite3: a separate process with its own driver connection.
    script = (
        "import sys\n"
        "from sqlalchemy import create_engine, text\n"
        "with create_engine(sys.argv[1]).begin() as conn:\n"
        "    conn.execute(text('UPDATE budget_line SET amount = amount + 1000 WHERE id = '"
        " + sys.argv[2]))\n"
    )
    url = get_engine(loaded_db).url.render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-c", script, url, str(line_id)], check=True)
    assert _known_2017(loaded_db) == 1_201_000
