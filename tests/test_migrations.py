"""The migrations build exactly the schema the model declares, on SQLite and PostgreSQL:
a table, column, index or constraint added to the model without a migration fails here."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from dashboard.db import alembic_config, get_engine
from dashboard.model import Base


def test_migrated_schema_matches_the_model(db_url):
    with get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def _alembic(url: str, action, revision: str) -> None:
    cfg = alembic_config(url)
    with get_engine(url).begin() as connection:
        cfg.attributes["connection"] = connection
        action(cfg, revision)


def _rows(url: str, table: str, columns: tuple[str, ...]) -> list[tuple]:
    with get_engine(url).connect() as connection:
        names = ", ".join(columns)
        query = text(f"SELECT {names} FROM {table} ORDER BY {names}")
        return [tuple(r) for r in connection.execute(query)]


BEFORE_0015 = {
    "area": ("id", "code", "name", "kind", "parent_id", "predecessor_id"),
    "partnership": ("id", "slug", "name"),
    "plan_version": ("id", "partnership_id", "year", "revision", "title"),
    "app_user": ("id", "username", "role", "active"),
    "load_log": ("id", "kind", "file_name", "outcome", "plan_version_id", "warnings"),
}


def test_0015_gives_data_of_one_partnership_its_partnership_and_goes_back(db_url):
    """A database as 0014 left it (one partnership, its plan, users, a plan load and an
    indicator load) upgrades with every user in the partnership, the partnership's own area
    set and the plan load logged for it, keeps every old value, and downgrades again."""
    _alembic(db_url, command.downgrade, "0014_load_log_warnings")
    statements = [
        "INSERT INTO area (id, code, name, kind, break_note, position) VALUES "
        "(1, 'kobenhavn', 'København', 'municipality', '', 0), "
        "(2, 'partnerskabsomraadet', 'Partnerskabsområdet', 'partnership_area', '', 1)",
        "INSERT INTO area (id, code, name, kind, parent_id, predecessor_id, break_note, "
        "position) VALUES (3, 'partnerskabsomraadet_2021', 'Udvidet', 'partnership_area', 1, 2, "
        "'', 2)",
        "INSERT INTO partnership (id, slug, name) VALUES (1, 'amager-partnerskab', 'Amager')",
        "INSERT INTO plan_version (id, partnership_id, year, revision, title, source_file, "
        "source_sha256, loaded_at) VALUES (1, 1, 2017, 1, 'Tryghedsplan 2017', 'plan.txt', "
        "'ab', '2024-01-02 03:04:05')",
        "INSERT INTO app_user (id, username, password_hash, role, active, created_at) VALUES "
        "(1, 'mette', 'x', 'admin', true, '2024-01-02 03:04:05'), "
        "(2, 'ole', 'x', 'arbejdsgruppe', false, '2024-01-02 03:04:05')",
        "INSERT INTO load_log (id, kind, file_name, sha256, outcome, rows, message, loaded_by, "
        "loaded_at, plan_version_id, warnings) VALUES "
        "(1, 'plan', 'plan.txt', 'ab', 'loaded', 9, '', 'cli', '2024-01-02 03:04:05', 1, 'w'), "
        "(2, 'indicators', 'tal.csv', 'cd', 'loaded', 3, '', 'cli', '2024-01-02 03:04:05', "
        "NULL, '')",
    ]
    with get_engine(db_url).begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    before = {table: _rows(db_url, table, columns) for table, columns in BEFORE_0015.items()}

    _alembic(db_url, command.upgrade, "head")
    assert {table: _rows(db_url, table, cols) for table, cols in BEFORE_0015.items()} == before
    assert _rows(db_url, "user_partnership", ("user_id", "partnership_id")) == [
        (1, 1),
        (2, 1),
    ]
    assert _rows(db_url, "partnership", ("area_id", "members")) == [(2, "")]
    assert _rows(db_url, "load_log", ("id", "partnership_id")) == [(1, 1), (2, None)]
    assert _rows(db_url, "app_user", ("all_partnerships",)) == [(False,), (False,)]

    _alembic(db_url, command.downgrade, "0014_load_log_warnings")
    assert {table: _rows(db_url, table, cols) for table, cols in BEFORE_0015.items()} == before
    _alembic(db_url, command.upgrade, "head")
    test_migrated_schema_matches_the_model(db_url)


def test_0019_marks_the_bundled_counts_of_things_and_keeps_the_rest_suppressed(db_url):
    """After 0019 only the catalogue's counts of things are published as they are: walks
    held, not charged children, and not an indicator nobody classified (the safe side)."""
    _alembic(db_url, command.downgrade, "0018_walks")
    with get_engine(db_url).begin() as connection:
        for position, code in enumerate(("tryghedsvandringer", "sigtelser_10_14aar", "brande")):
            connection.execute(
                text(
                    "INSERT INTO indicator (code, name, definition, unit, direction, kind, "
                    "frequency, source, whole_number, position) VALUES (:code, :code, '', "
                    "'antal', 'neutral', 'output', '', '', true, :position)"
                ),
                {"code": code, "position": position},
            )
    _alembic(db_url, command.upgrade, "head")
    assert _rows(db_url, "indicator", ("code", "counts_people")) == [
        ("brande", True),
        ("sigtelser_10_14aar", True),
        ("tryghedsvandringer", False),
    ]
    _alembic(db_url, command.downgrade, "0018_walks")
    assert _rows(db_url, "indicator", ("code",)) == [
        ("brande",),
        ("sigtelser_10_14aar",),
        ("tryghedsvandringer",),
    ]
    _alembic(db_url, command.upgrade, "head")
    test_migrated_schema_matches_the_model(db_url)
