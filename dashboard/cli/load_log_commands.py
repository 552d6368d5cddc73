"""``tryghed loads``, and what every load command shares: its warnings printed, ``--strict``."""

from __future__ import annotations

import json

import click

from dashboard.cli.groups import main, pass_context
from dashboard.cli.partnership_option import partnership_errors_exit_2, partnership_option
from data_loaders.load_log import recent_loads

strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Refuse the file (exit 1, nothing written) if the reader has any warning",
)


def echo_warnings(warnings) -> None:
    """Every warning of a load on stderr, so that no one learns of them only from the log."""
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


@main.command("loads")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@partnership_option("Only this partnership's loads and the shared figures' (default: all loads)")
@pass_context
@partnership_errors_exit_2
def loads(ctx, limit: int, fmt: str, partnership_slug: str | None) -> None:
    """The most recent loads, newest first, with their partnership ("shared": figures every
    partnership uses), result and warnings."""
    entries = recent_loads(ctx.url, limit, partnership_slug)
    if fmt == "json":
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo("No loads yet")
    for entry in entries:
        count = len(entry["warnings"])
        click.echo(
            f"#{entry['id']} {entry['loaded_at']} {entry['partnership'] or 'shared'} "
            f"{entry['kind']} {entry['outcome']} "
            f"{entry['file']} ({entry['rows']} rows, {count} warning{'s' if count != 1 else ''})"
            + (f" by {entry['loaded_by']}" if entry["loaded_by"] else "")
        )
        for warning in entry["warnings"]:
            click.echo(f"    - {warning}")
