"""A restored backup equals the original, on SQLite and on PostgreSQL."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import update

from dashboard.cli import main
from dashboard.db import session_scope
from dashboard.model import BudgetLine
from tests.conftest import dump


def test_backup_then_restore_gives_back_the_original(cli_env, loaded_db, tmp_path):
    original = dump(loaded_db)
    target = tmp_path / "backup.bin"
    result = CliRunner().invoke(main, ["backup", str(target)])
    assert result.exit_code == 0, result.output
    with session_scope(loaded_db) as session:
        session.execute(update(BudgetLine).values(amount=1))
    assert dump(loaded_db) != original
    result = CliRunner().invoke(main, ["restore", "--yes", str(target)])
    assert result.exit_code == 0, result.output
    assert dump(loaded_db) == original


def test_restore_refuses_a_file_that_is_not_a_backup(cli_env, loaded_db, tmp_path):
    original = dump(loaded_db)
    bogus = tmp_path / "bogus.bin"
    bogus.write_bytes(b"not a backup at all" * 100)
    result = CliRunner().invoke(main, ["restore", "--yes", str(bogus)])
    assert result.exit_code == 1 and "bogus.bin" in result.output
    assert dump(loaded_db) == original
