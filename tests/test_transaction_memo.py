"""A read asked twice in one transaction goes to the database once, and never answers from
before a write: a flushed change, a raw statement of any text, the transaction's end."""

from __future__ import annotations

from sqlalchemy import event, select, text

from dashboard.db import get_engine, session_scope
from dashboard.model import Indicator, Partnership
from dashboard.queries.areas import own_area_codes
from dashboard.queries.indicators import indicator_catalogue


class _Statements:
    """Counts the statements sent to the database while in use."""

    def __init__(self, url: str):
        self.engine, self.sent = get_engine(url), []

    def _record(self, _conn, _cursor, statement, *_args):
        self.sent.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._record)


def _first_indicator(session) -> Indicator:
    return session.scalars(select(Indicator).order_by(Indicator.position)).first()


def _partnership_id(url: str) -> int:
    with session_scope(url) as session:
        return session.scalars(select(Partnership.id)).first()


def test_the_same_read_twice_in_a_transaction_is_sent_once(loaded_db):
    partnership_id = _partnership_id(loaded_db)
    with session_scope(loaded_db) as session, _Statements(loaded_db) as statements:
        first = (indicator_catalogue(session), own_area_codes(session, partnership_id))
        sent_once = len(statements.sent)
        second = (indicator_catalogue(session), own_area_codes(session, partnership_id))
        assert len(statements.sent) == sent_once
    assert first[0].equals(second[0]) and first[1] == second[1] and first[1]
    # Each caller gets a frame of its own: a column one adds is not in the next one's.
    first[0]["added"] = 1
    with session_scope(loaded_db) as session:
        assert "added" not in indicator_catalogue(session).columns


def test_a_flushed_change_is_read_back_in_the_same_transaction(loaded_db):
    with session_scope(loaded_db) as session:
        indicator = _first_indicator(session)
        assert indicator_catalogue(session).iloc[0]["name"] == indicator.name
        indicator.name = "Rettet navn"
        session.flush()
        assert indicator_catalogue(session).iloc[0]["name"] == "Rettet navn"


def test_a_change_not_yet_flushed_is_read_back_as_a_query_would(loaded_db):
    with session_scope(loaded_db) as session:
        indicator_catalogue(session)
        _first_indicator(session).name = "Ændret, ikke gemt endnu"
        assert indicator_catalogue(session).iloc[0]["name"] == "Ændret, ikke gemt endnu"


def test_raw_sql_of_any_text_is_read_back_in_the_same_transaction(loaded_db):
    partnership_id = _partnership_id(loaded_db)
    with session_scope(loaded_db) as session:
        codes = own_area_codes(session, partnership_id)
        code = sorted(codes)[0]
        session.execute(
            text("/* fix */ UPDATE area SET code = :new WHERE code = :old"),
            {"new": "rettet-kode", "old": code},
        )
        assert own_area_codes(session, partnership_id) == codes - {code} | {"rettet-kode"}
        first = indicator_catalogue(session)["code"].iloc[0]
        session.execute(
            text("WITH x AS (SELECT 1) UPDATE indicator SET name = 'Via CTE' WHERE code = :c"),
            {"c": first},
        )
        assert indicator_catalogue(session).iloc[0]["name"] == "Via CTE"


def test_the_next_transaction_reads_anew_after_a_commit_or_a_rollback(loaded_db):
    with session_scope(loaded_db) as session:
        _first_indicator(session).name = "Ændret og gemt"
        session.commit()  # the same session, a new transaction
        assert indicator_catalogue(session).iloc[0]["name"] == "Ændret og gemt"
        _first_indicator(session).name = "Fortrudt"
        session.flush()
        assert indicator_catalogue(session).iloc[0]["name"] == "Fortrudt"  # kept in the memo
        session.rollback()
        assert indicator_catalogue(session).iloc[0]["name"] == "Ændret og gemt"
