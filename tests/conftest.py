"""Shared fixtures: a database per test, on SQLite by default or on the PostgreSQL server
named by ``TEST_DATABASE_URL``, made from templates built once per run.

Two templates: one migrated, and one that ``init_database`` then loaded with the bundled
defaults (plan, figures, meetings). A test gets the loaded one's rows if it asks for
``loaded_db`` (directly or through ``live_app``/``make_user``), else the migrated one's. On
SQLite each test gets a copy of the template's file. On PostgreSQL each test process keeps
one database and puts it back to the template's rows before each test (``_PgWorkerDatabase``):
a ``CREATE DATABASE … TEMPLATE`` and its ``DROP`` per test took 0.3–0.7 s, the put-back takes
30–40 ms. Every database a run makes is named after the ``TEST_DATABASE_URL``
database followed by ``_``, so a run only ever creates and drops its own.
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url, select, text

from dashboard.config import normalise_database_url
from dashboard.db import get_engine, migrate, session_factory, session_scope
from dashboard.model import Base

SHARED_PLAN = Path(__file__).resolve().parents[1] / "data_loaders" / "data"
PLAN_2017 = SHARED_PLAN / "tryghedsplan-amager-partnerskab-2017.txt"
FIXTURES = Path(__file__).parent / "fixtures"

PG_URL = os.environ.get("TEST_DATABASE_URL")

_copies = itertools.count(1)


def _pg_url(name: str) -> str:
    url = make_url(normalise_database_url(PG_URL)).set(database=name)
    return url.render_as_string(hide_password=False)


def _pg_name(suffix: str) -> str:
    # pytest-xdist runs the suite in several processes: each builds its own templates.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{make_url(PG_URL).database}_{worker}_{suffix}"


def _pg_admin(statement: str) -> None:
    """CREATE/DROP DATABASE, run from the ``TEST_DATABASE_URL`` database (they refuse to run
    inside a transaction)."""
    engine = get_engine(normalise_database_url(PG_URL))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(statement))


def _pg_create(name: str, template: str | None = None) -> str:
    _pg_drop(name)  # left by a killed run
    _pg_admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return _pg_url(name)


def _pg_drop(name: str) -> None:
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_connect(name: str) -> psycopg.Connection:
    """A connection of its own (not from the app's pool), for building and putting back."""
    libpq = make_url(_pg_url(name)).set(drivername="postgresql")
    return psycopg.connect(libpq.render_as_string(hide_password=False))


def _release(url: str) -> None:
    """Close this process's pooled connections to the database, so that it can be copied,
    put back or dropped and a run does not hold hundreds of idle connections."""
    get_engine(url).dispose()


def _finished_template(url: str) -> str:
    """What a test's database is made from: the database name on PostgreSQL, the file on
    SQLite."""
    if PG_URL:
        _release(url)
        return make_url(url).database
    # Fold the write-ahead log into the file so that a plain copy holds everything.
    with get_engine(url).connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    _release(url)
    return url.split("sqlite:///", 1)[1]


# What a test may have changed besides rows: tables, columns, indexes, constraints, triggers,
# functions, types and the migration revision. Names and definitions, not object ids, so a
# restore that recreates the same schema counts as unchanged.
_SCHEMA = """
SELECT md5(string_agg(part, '|' ORDER BY part)) FROM (
    SELECT c.relname || ':' || c.relkind::text || ':' || coalesce(string_agg(
        a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
        || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
        || coalesce(' = ' || pg_get_expr(d.adbin, d.adrelid), ''), ',' ORDER BY a.attnum), '')
    FROM pg_class c
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE c.relnamespace = 'public'::regnamespace
    GROUP BY c.oid, c.relname, c.relkind
    UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL SELECT conrelid::regclass::text || ':' || conname || ':' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL SELECT 'trigger ' || tgrelid::regclass::text || ':' || tgname
        FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'function ' || oid::regprocedure::text FROM pg_proc
        WHERE pronamespace = 'public'::regnamespace
    UNION ALL SELECT 'type ' || typname FROM pg_type
        WHERE typnamespace = 'public'::regnamespace AND typtype IN ('e', 'd', 'c')
    UNION ALL SELECT 'revision ' || version_num FROM alembic_version
) AS parts(part)
"""
_SEQUENCES = "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences"


@dataclass(frozen=True)
class _Image:
    """A template's rows (each table as COPY writes it), its sequences and its schema."""

    rows: tuple[tuple[str, bytes], ...]
    sequences: tuple[tuple[str, int | None], ...]
    schema: str


def _image(template: str) -> _Image:
    with _pg_connect(template) as conn, conn.cursor() as cur:
        rows = []
        for table in Base.metadata.sorted_tables:
            with cur.copy(f'COPY "{table.name}" TO STDOUT') as copy:
                data = b"".join(bytes(block) for block in copy)
            if data:
                rows.append((table.name, data))
        sequences = tuple(cur.execute(_SEQUENCES).fetchall())
        schema = cur.execute(_SCHEMA).fetchone()[0]
    return _Image(tuple(rows), sequences, schema)


class _PgWorkerDatabase:
    """The one database of this test process, put back to a template's rows before each test.

    Other connections to it are ended first (as ``DROP DATABASE … WITH (FORCE)`` would). If
    the schema is no longer the template's (a test that migrates down, or restores a
    backup), the database is made anew from the migrated template; so is it when anything
    else goes wrong. The templates share one schema: loaded is migrated plus rows."""

    def __init__(self) -> None:
        self.url: str | None = None
        self._images: dict[str, _Image] = {}
        self._checks_stay_on = False

    @property
    def name(self) -> str:
        return _pg_name("tests")

    def put_back(self, template: str, migrated: str) -> str:
        """The URL of this process's database, holding exactly ``template``'s rows."""
        if template not in self._images:
            self._images[template] = _image(template)
        image = self._images[template]
        if self.url is None:
            self.url = _pg_create(self.name, migrated)
        _release(self.url)  # this process's pooled connections: about to be ended
        try:
            self._fill(image)
        except psycopg.Error:
            self.url = _pg_create(self.name, migrated)
            self._fill(image)
        return self.url

    def _fill(self, image: _Image) -> None:
        with _pg_connect(self.name) as conn, conn.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cur.execute(_SCHEMA).fetchone()[0] != image.schema:
                raise psycopg.errors.InvalidSchemaDefinition("not the template's schema")
            self._without_foreign_key_checks(conn)
            # Children before parents, in case the checks stay on. DELETE beats TRUNCATE on
            # tables this small (10 ms against 130 ms for all of them).
            # The model's tables: alembic_version is not one of them, and keeps its revision
            # (which the schema check compares).
            cur.execute(
                "; ".join(
                    f'DELETE FROM "{table.name}"' for table in reversed(Base.metadata.sorted_tables)
                )
            )
            for table, data in image.rows:
                with cur.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
            cur.execute(
                "SELECT " + ", ".join("setval(%s, %s, %s)" for _ in image.sequences),
                [
                    value
                    for name, last in image.sequences
                    for value in (name, last or 1, last is not None)
                ],
            )

    def _without_foreign_key_checks(self, conn: psycopg.Connection) -> None:
        """The template's rows satisfy the foreign keys already: checking them again row by
        row makes the put-back three times slower. Turning the checks off for the
        transaction takes a superuser (as the suite's PostgreSQL user usually is); for
        another user they stay on."""
        if self._checks_stay_on:
            return
        try:
            with conn.transaction():
                conn.execute("SET LOCAL session_replication_role = replica")
        except psycopg.errors.InsufficientPrivilege:
            self._checks_stay_on = True

    def drop(self) -> None:
        if self.url is not None:
            _pg_drop(self.name)


_pg_worker = _PgWorkerDatabase()


@contextmanager
def database_copy(template: str, folder: Path) -> Iterator[str]:
    """URL of a new database of its own copied from a template (``_migrated_template`` or
    ``_loaded_template``), for a fixture that outlives a test; dropped afterwards."""
    if PG_URL:
        name = _pg_name(f"copy_{next(_copies)}")
        url = _pg_create(name, template)
    else:
        path = folder / f"copy-{next(_copies)}.db"
        shutil.copy(template, path)
        url = f"sqlite:///{path}"
    try:
        yield url
    finally:
        _release(url)
        if PG_URL:
            _pg_drop(name)


@contextmanager
def _template(suffix: str, folder: Path, start: str | None = None) -> Iterator[str]:
    """A database to build a template in, empty or a copy of the template ``start``; yields
    its URL."""
    if PG_URL:
        name = _pg_name(suffix)
        yield _pg_create(name, start)
        _pg_drop(name)
        return
    path = folder / f"{suffix}.db"
    if start:
        shutil.copy(start, path)
    yield f"sqlite:///{path}"


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory) -> Iterator[str]:
    """Migrate once per run; each test then starts from a copy."""
    with _template("migrated", tmp_path_factory.mktemp("template")) as url:
        migrate(url)
        yield _finished_template(url)


@pytest.fixture(scope="session")
def _loaded_template(_migrated_template, tmp_path_factory) -> Iterator[str]:
    """Load the bundled defaults for real with ``init_database``, once per run (the tests of
    loading itself load into their own empty ``db_url``)."""
    from data_loaders.defaults import init_database

    folder = tmp_path_factory.mktemp("template")
    with _template("loaded", folder, _migrated_template) as url:
        init_database(url)
        yield _finished_template(url)


@pytest.fixture
def db_url(request, tmp_path, _migrated_template) -> Iterator[str]:
    """URL of a migrated database that belongs to this test alone: empty, or with the bundled
    defaults when the test asks for ``loaded_db`` (which then names the same database)."""
    wanted = "_loaded_template" if "_loaded_template" in request.fixturenames else None
    template = request.getfixturevalue(wanted) if wanted else _migrated_template
    if PG_URL:
        url = _pg_worker.put_back(template, _migrated_template)
        yield url
        _release(url)
        return
    with database_copy(template, tmp_path) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def _drop_worker_database() -> Iterator[None]:
    """This process's PostgreSQL database goes at the end of the run."""
    yield
    _pg_worker.drop()


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
def loaded_db(db_url, _loaded_template) -> str:
    """A test database set up like the embedded default: bundled plan (and figures) loaded."""
    return db_url


@pytest.fixture
def live_app(loaded_db):
    """Base URL of the app served on a loopback port over the default data."""
    from tests.browser import serve

    with serve(loaded_db) as base_url:
        yield base_url


@pytest.fixture(scope="session", autouse=True)
def _one_chromium():
    """The browser tests share one Chromium (started on first use), closed at the end."""
    yield
    from tests.browser import close_browser

    close_browser()


@pytest.fixture(scope="session", autouse=True)
def _one_scrypt_hash_per_password():
    """scrypt is slow on purpose (0.1-0.3 s a call here), and the tests create hundreds of
    users from a handful of passwords and log them in hundreds of times: each password is
    hashed for real once and its hash (salt included) reused, and each pair of stored hash
    and typed password is checked by scrypt for real once and its answer reused. The check
    is a pure function of the pair, so every login gets the answer scrypt gives; a wrong
    password is refused because scrypt refused it."""
    from dashboard.services import users

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "hash_password", functools.cache(users.hash_password))
        patch.setattr(users, "check_password_hash", functools.cache(users.check_password_hash))
        yield


# Per database dialect, per table: its SELECT ordered by the primary key, compiled once.
_dump_queries: dict[str, tuple[tuple[str, str], ...]] = {}


def dump(url: str, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table (the driver's values, in primary-key order), for before/after
    comparisons. Straight through the driver's cursor: some tests dump hundreds of times."""
    engine = get_engine(url)
    queries = _dump_queries.get(engine.dialect.name)
    if queries is None:
        queries = _dump_queries[engine.dialect.name] = tuple(
            (table.name, str(select(table).order_by(*table.primary_key).compile(engine)))
            for table in Base.metadata.sorted_tables
        )
    result = {}
    with engine.connect() as conn:
        cursor = conn.connection.cursor()
        for name, query in queries:
            if name in skip:
                continue
            cursor.execute(query)
            result[name] = [tuple(row) for row in cursor.fetchall()]
        cursor.close()
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
