"""tryghed backup FILE / tryghed restore FILE."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard.backup import BackupError, backup, restore
from dashboard.cli.groups import main, pass_context


@main.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def backup_command(ctx, file: Path) -> None:
    """Write a consistent copy of the whole database to FILE (safe while the app runs)."""
    try:
        backup(ctx.url, file)
    except BackupError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Backup written to {file}")


@main.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database")
@pass_context
def restore_command(ctx, file: Path, yes: bool) -> None:
    """Replace the whole database with the backup in FILE."""
    if not yes:
        click.confirm("This replaces every row in the database. Continue?", abort=True)
    try:
        restore(ctx.url, file)
    except BackupError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Database restored from {file}")
