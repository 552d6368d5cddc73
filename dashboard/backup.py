"""Backups of the whole database: SQLite's online backup API, or pg_dump/pg_restore.

Both are consistent while the app runs: SQLite copies a snapshot page by page under its own
locking; pg_dump reads one transaction snapshot.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from dashboard.config import normalise_database_url


class BackupError(RuntimeError):
    """The backup or restore could not be made; the message says why."""


def _sqlite_path(url: str) -> str:
    return make_url(url).database or ""


def _libpq_url(url: str) -> str:
    """pg_dump speaks libpq: postgresql://… without SQLAlchemy's driver suffix."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(url: str, target: Path) -> None:
    """Write a complete copy of the database at ``url`` to ``target``."""
    url = normalise_database_url(url)
    if url.startswith("sqlite"):
        with sqlite3.connect(_sqlite_path(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq_url(url)], target)


def restore(url: str, source: Path) -> None:
    """Replace the database at ``url`` with the backup in ``source``."""
    url = normalise_database_url(url)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    if url.startswith("sqlite"):
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_db:
                backup_db.execute("PRAGMA schema_version").fetchone()
                with sqlite3.connect(_sqlite_path(url)) as live:
                    backup_db.backup(live)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source}: not a SQLite backup ({exc})") from exc
        return
    _run(
        [
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
            f"--dbname={_libpq_url(url)}", str(source),
        ],
        source,
    )  # fmt: skip


def _run(command: list[str], file: Path) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian package postgresql-client)")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{file}: {command[0]} failed: {result.stderr.strip()}")
