"""Commands for the plan and its budget: init, parse, load, export, serve."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dashboard.cli.groups import export, input_errors_exit_1, load, main, parse, pass_context
from dashboard.cli.load_log_commands import echo_warnings, strict_option
from dashboard.cli.partnership_option import (
    chosen_partnership,
    partnership_errors_exit_2,
    partnership_option,
)
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.db import session_scope
from dashboard.queries.plan import latest_plan
from data_loaders.defaults import init_database, load_plan_file
from data_loaders.load_budget import load_budget_file
from data_loaders.plan.document import parse_plan_file
from data_loaders.plan_types import budget_cell_export
from data_loaders.stored_plan import plan_snapshot

BUDGET_HEADERS = {
    "focus_area": "Indsatsområde",
    "activity": "Aktivitet",
    "year": "År",
    "amount": "Beløb (kr.)",
    "footnote": "Fodnote",
    "unknown_reason": "Bemærkning",
}

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _report(result, file: Path) -> None:
    echo_warnings(result.warnings)
    if result.outcome == "unchanged":
        click.echo(f"{file.name}: unchanged (plan version {result.plan_version_id})")
    else:
        click.echo(
            f"{file.name}: loaded as plan version {result.plan_version_id} "
            f"(revision {result.revision}, {result.rows} rows)"
        )


@main.command()
@pass_context
def init(ctx) -> None:
    """Migrate the database and load the bundled defaults (safe to run again)."""
    steps = ["migrate and load the bundled 2017 plan"]
    with click.progressbar(steps, label="Setting up", file=sys.stderr) as bar:
        for _step in bar:
            init_database(ctx.url)
    click.echo(f"Database ready: {ctx.url.split('@')[-1]}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False)
def serve(host: str, port: int, debug: bool) -> None:
    """Serve the dashboard (embedded mode: creates and fills the database first)."""
    from werkzeug.serving import WSGIRequestHandler

    from dashboard.app import create_app

    class Handler(WSGIRequestHandler):
        def version_string(self) -> str:
            return "tryghed"  # not Werkzeug's and Python's versions, to every client

    create_app().run(host=host, port=port, debug=debug, request_handler=Handler)


@parse.command("plan")
@click.argument("file", type=existing_file)
@click.option("--year", type=click.IntRange(2000, 2100), help="Plan year, if not the title's")
@input_errors_exit_1
def parse_plan(file: Path, year: int | None) -> None:
    """Print the plan read from FILE (.txt or .docx) as JSON, with warnings. Writes nothing."""
    plan = parse_plan_file(file, year)
    _echo_json({**plan.to_export(), "warnings": plan.warnings})


@load.command("plan")
@click.argument("file", type=existing_file)
@partnership_option(
    "Partnership slug, e.g. amager-partnerskab; a new slug adds the partnership. Without it: "
    "the partnership the plan names, if the installation has none yet or only that one"
)
@click.option("--year", type=click.IntRange(2000, 2100), help="Plan year, if not the title's")
@strict_option
@pass_context
@partnership_errors_exit_2
@input_errors_exit_1
def load_plan(
    ctx, file: Path, partnership_slug: str | None, year: int | None, strict: bool
) -> None:
    """Load a Tryghedsplan; a changed plan becomes a new revision beside the old one."""
    result = load_plan_file(
        ctx.url, file, loaded_by="cli", partnership_slug=partnership_slug, year=year, strict=strict
    )
    _report(result, file)


@load.command("budget")
@click.argument("file", type=existing_file)
@partnership_option()
@strict_option
@pass_context
@partnership_errors_exit_2
@input_errors_exit_1
def load_budget(ctx, file: Path, partnership_slug: str | None, strict: bool) -> None:
    """Load an overview budget (.xlsx/.csv) as a new revision of the partnership's newest plan."""
    result = load_budget_file(
        ctx.url, file, loaded_by="cli", partnership_slug=partnership_slug, strict=strict
    )
    _report(result, file)


@partnership_errors_exit_2
def _latest_snapshot(url: str, partnership_slug: str | None):
    with session_scope(url) as session:
        version = latest_plan(session, chosen_partnership(session, partnership_slug).id)
        if version is None:
            raise click.ClickException("no plan is loaded; run `tryghed init` first")
        return plan_snapshot(session, version.id)


@export.command("plan")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@partnership_option()
@pass_context
def export_plan(ctx, fmt: str, partnership_slug: str | None) -> None:
    """Print the partnership's newest plan as JSON."""
    _echo_json(_latest_snapshot(ctx.url, partnership_slug).to_export())


@export.command("budget")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@partnership_option()
@pass_context
def export_budget(ctx, fmt: str, output: Path | None, partnership_slug: str | None) -> None:
    """Print the partnership's newest plan's overview table, one row per cell; '?' stays
    empty, never 0."""
    rows = [budget_cell_export(c) for c in _latest_snapshot(ctx.url, partnership_slug).budget]
    if fmt == "json":
        _echo_json(rows)
        return
    if fmt == "csv":
        _write_output(csv_text(rows, BUDGET_HEADERS).encode("utf-8-sig"), output)
        return
    _write_output(xlsx_bytes(rows, BUDGET_HEADERS, sheet="Budget"), output)


def _write_output(data: bytes, output: Path | None) -> None:
    if output is not None:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@pass_context
def migrate(ctx) -> None:
    """Bring the database schema up to date (the Procfile's release step), and give the
    partnerships the registry knows the facts they lack (texts, own area, map outline)."""
    from dashboard.db import migrate as upgrade
    from dashboard.db import session_scope
    from data_loaders.partnerships import apply_registry_to_all

    upgrade(ctx.url)
    with session_scope(ctx.url) as session:
        apply_registry_to_all(session)
    click.echo("Schema up to date")
