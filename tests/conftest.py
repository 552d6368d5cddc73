"""Shared fixtures: a migrated database per test, on SQLite by default or on the
PostgreSQL server named by ``TEST_DATABASE_URL``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from dashboard.config import normalise_database_url
from dashboard.db import get_engine, migrate, session_factory, session_scope
from dashboard.model import Base

SHARED_PLAN = Path(__file__).resolve().parents[1] / "data_loaders" / "data"
PLAN_2017 = SHARED_PLAN / "tryghedsplan-amager-partnerskab-2017.txt"
FIXTURES = Path(__file__).parent / "fixtures"

PG_URL = os.environ.get("TEST_DATABASE_URL")


def _truncate_all(url: str) -> None:
    engine = get_engine(url)
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory) -> str:
    """Migrate once per run; each test then starts from a clean copy."""
    if PG_URL:
        url = normalise_database_url(PG_URL)
        with get_engine(url).begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        migrate(url)
        return url
    template = tmp_path_factory.mktemp("template") / "template.db"
    url = f"sqlite:///{template}"
    migrate(url)
    # Fold the write-ahead log into the file so that a plain copy holds the schema.
    with get_engine(url).connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    get_engine(url).dispose()
    return str(template)


@pytest.fixture
def db_url(_migrated_template, tmp_path) -> str:
    """URL of an empty, migrated database that belongs to this test alone."""
    if PG_URL:
        _truncate_all(_migrated_template)
        return _migrated_template
    path = tmp_path / "test.db"
    shutil.copy(_migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def session(db_url):
    """A session on the test database; the test commits what it means to keep."""
    s = session_factory(db_url)()
    yield s
    s.close()


@pytest.fixture
def cli_env(db_url, monkeypatch, tmp_path):
    """Environment for running ``tryghed`` in-process against the test database."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("TRYGHED_INSTANCE", str(tmp_path / "instance"))
    return {"DATABASE_URL": db_url}


@pytest.fixture
def loaded_db(db_url) -> str:
    """A test database set up like the embedded default: bundled plan (and figures) loaded."""
    from data_loaders.defaults import init_database

    init_database(db_url)
    return db_url


@pytest.fixture
def live_app(loaded_db):
    """Base URL of the app served on a loopback port over the default data."""
    from tests.browser import serve

    with serve(loaded_db) as base_url:
        yield base_url


def dump(url: str, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table, for before/after comparisons."""
    engine = get_engine(url)
    result = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = conn.execute(table.select()).all()
            result[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return result


@pytest.fixture
def make_user(loaded_db):
    """Create a user with a role (and optional party); returns (username, password)."""
    from dashboard.services.users import create_user

    def make(role: str, username: str | None = None, party: str | None = None):
        username = username or f"{role}-bruger"
        password = f"{role}-hemmelig-kode-42"
        with session_scope(loaded_db) as session:
            create_user(session, username, password, role, party)
        return username, password

    return make
