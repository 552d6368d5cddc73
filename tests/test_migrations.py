"""The migrations build exactly the schema the model declares, on SQLite and PostgreSQL:
a table, column, index or constraint added to the model without a migration fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dashboard.db import get_engine
from dashboard.model import Base


def test_migrated_schema_matches_the_model(db_url):
    with get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
