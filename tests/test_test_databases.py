"""The suite's own PostgreSQL databases: each test starts from its template's rows, whatever
the test before it did to the database (conftest ``_PgWorkerDatabase``)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dashboard.db import get_engine
from tests.conftest import PG_URL, _pg_worker, _release, dump

pytestmark = pytest.mark.skipif(not PG_URL, reason="on SQLite each test copies a file")


def test_what_a_test_wrote_is_gone_for_the_next(_loaded_template, _migrated_template):
    url = _pg_worker.put_back(_loaded_template, _migrated_template)
    loaded = dump(url)
    with get_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM deliverable_responsible"))
        conn.execute(text("UPDATE deliverable SET text = 'ændret' WHERE id = 1"))
        conn.execute(text("INSERT INTO party (name, short_name) VALUES ('Ny part', 'Ny')"))
    _release(url)

    assert _pg_worker.put_back(_loaded_template, _migrated_template) == url
    assert dump(url) == loaded
    # the sequences too: a new row gets the id it would have had in the template
    with get_engine(url).begin() as conn:
        new_id = conn.execute(
            text("INSERT INTO party (name, short_name) VALUES ('Ny', 'Ny') RETURNING id")
        )
        assert new_id.scalar_one() == max(row[0] for row in loaded["party"]) + 1
    _release(url)

    _pg_worker.put_back(_migrated_template, _migrated_template)
    assert not any(dump(url).values())


def _indexes(url: str) -> set[str]:
    with get_engine(url).connect() as conn:
        found = conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'party'"))
        return set(found.scalars())


def test_a_changed_schema_is_made_anew(_loaded_template, _migrated_template):
    url = _pg_worker.put_back(_loaded_template, _migrated_template)
    loaded, indexes = dump(url), _indexes(url)
    # Changes that the rows would go back into unnoticed: only the schema check sees them.
    with get_engine(url).begin() as conn:
        conn.execute(text("CREATE INDEX party_by_name ON party (name)"))
        conn.execute(text("ALTER TABLE party ALTER COLUMN short_name DROP NOT NULL"))
    _release(url)

    _pg_worker.put_back(_loaded_template, _migrated_template)
    assert _indexes(url) == indexes
    with get_engine(url).connect() as conn:
        nullable = conn.execute(
            text(
                "SELECT is_nullable FROM information_schema.columns"
                " WHERE table_name = 'party' AND column_name = 'short_name'"
            )
        ).scalar_one()
    assert nullable == "NO"
    _release(url)
    assert dump(url) == loaded


def test_a_connection_left_open_does_not_hold_up_the_next_test(
    _loaded_template, _migrated_template
):
    url = _pg_worker.put_back(_loaded_template, _migrated_template)
    loaded = dump(url)
    engine = get_engine(url)
    left_open = engine.connect()
    left_open.execute(text("LOCK TABLE deliverable IN ACCESS EXCLUSIVE MODE"))  # idle in it

    assert _pg_worker.put_back(_loaded_template, _migrated_template) == url
    left_open.invalidate()
    _release(url)
    assert dump(url) == loaded
