"""Shared fixtures: a database per test, on SQLite by default or on the PostgreSQL server
named by ``TEST_DATABASE_URL``, copied from templates made once per run.

Two templates: one migrated, and one that ``init_database`` then loaded with the bundled
defaults (plan, figures, meetings). A test gets a copy of the loaded one if it asks for
``loaded_db`` (directly or through ``live_app``/``make_user``), else of the migrated one. On
SQLite a copy is a file copy; on PostgreSQL ``CREATE DATABASE … TEMPLATE``, made one test
ahead (``_PgCopies``), under names that start with the name of the ``TEST_DATABASE_URL``
database followed by ``_``, so a run only ever creates and drops its own databases.
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

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
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # left by a killed run
    _pg_admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return _pg_url(name)


def _release(url: str) -> None:
    """Close this process's pooled connections to the database, so that it can be copied or
    dropped and a run does not hold hundreds of idle connections."""
    get_engine(url).dispose()


def _finished_template(url: str) -> str:
    """What ``database_copy`` copies: the database name on PostgreSQL, the file on SQLite."""
    if PG_URL:
        _release(url)
        return make_url(url).database
    # Fold the write-ahead log into the file so that a plain copy holds everything.
    with get_engine(url).connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    _release(url)
    return url.split("sqlite:///", 1)[1]


class _PgCopies:
    """PostgreSQL copies made one test ahead and dropped behind, in background threads.

    ``CREATE DATABASE … TEMPLATE`` and ``DROP DATABASE`` take 0.1–1 s each, mostly the
    server waiting for its disk: made while the previous test runs, a test no longer waits
    for them. Each spare is a fresh copy of its template that nothing has opened; a test
    still gets a database of its own."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pg-copy")
        self._spares: dict[str, Future] = {}
        self._drops: list[Future] = []

    def _new(self, template: str) -> Future:
        name = _pg_name(f"{os.getpid()}_{next(_copies)}")
        return self._pool.submit(lambda: (name, _pg_create(name, template)))

    def take(self, template: str) -> tuple[str, str]:
        """(name, URL) of a fresh copy of ``template``; the next one is started at once."""
        spare = self._spares.pop(template, None) or self._new(template)
        self._spares[template] = self._new(template)
        return spare.result()

    def drop(self, name: str) -> None:
        # The finished ones need no keeping, unless to report their failure at the end.
        self._drops = [d for d in self._drops if not d.done() or d.exception()]
        self._drops.append(
            self._pool.submit(_pg_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        )

    def discard(self, template: str) -> None:
        """Drop the spare of ``template`` and wait for every drop, before the template goes.
        Every drop is waited for even when one failed; the first failure is raised after."""
        failures = []
        spare = self._spares.pop(template, None)
        if spare is not None:
            try:
                self.drop(spare.result()[0])
            except Exception as exc:  # noqa: BLE001 - the spare's CREATE failed: nothing to drop
                failures.append(exc)
        drops, self._drops = self._drops, []
        for drop in drops:
            if drop.exception() is not None:
                failures.append(drop.exception())
        if failures:
            raise failures[0]


_pg_copies = _PgCopies()


@contextmanager
def database_copy(template: str, folder: Path) -> Iterator[str]:
    """URL of a new database copied from a template (``_migrated_template`` or
    ``_loaded_template``); on PostgreSQL it is dropped afterwards."""
    if PG_URL:
        name, url = _pg_copies.take(template)
    else:
        path = folder / f"copy-{next(_copies)}.db"
        shutil.copy(template, path)
        url = f"sqlite:///{path}"
    try:
        yield url
    finally:
        _release(url)
        if PG_URL:
            _pg_copies.drop(name)


@contextmanager
def _template(suffix: str, folder: Path, start: str | None = None) -> Iterator[str]:
    """A database to build a template in, empty or a copy of the template ``start``; yields
    its URL."""
    if PG_URL:
        name = _pg_name(suffix)
        yield _pg_create(name, start)
        try:
            _pg_copies.discard(name)
        finally:  # the template goes even when a copy's drop failed
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
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
def db_url(request, tmp_path) -> Iterator[str]:
    """URL of a migrated database that belongs to this test alone: empty, or with the bundled
    defaults when the test asks for ``loaded_db`` (which then names the same database)."""
    wanted = "_loaded_template" if "_loaded_template" in request.fixturenames else None
    template = request.getfixturevalue(wanted or "_migrated_template")
    with database_copy(template, tmp_path) as url:
        yield url


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
