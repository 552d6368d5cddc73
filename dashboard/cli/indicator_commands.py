"""Commands for safety and crime figures: load a file, load from Statistics Denmark, export.

The figures are about areas of Copenhagen, which every partnership compares with, so they
belong to the installation, not to a partnership: these commands take no ``--partnership``
and their loads are logged for no partnership (``tryghed loads`` shows them as shared)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dashboard.cli.groups import export, input_errors_exit_1, load, main, pass_context
from dashboard.cli.load_log_commands import echo_warnings, strict_option
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.db import session_scope
from dashboard.queries.indicators import measurements
from data_loaders.figure_writer import LoadResult
from data_loaders.indicator_catalogue import add_indicator
from data_loaders.load_dst import load_dst
from data_loaders.load_indicators import load_indicator_file
from data_loaders.statbank import DEFAULT_BASE_URL

EXPORT_HEADERS = {
    "indicator": "Indikator",
    "indicator_name": "Indikatornavn",
    "area": "Område",
    "series_area": "Serie (område før ændring)",
    "different_area": "Ændret område (brud i serien)",
    "break_note": "Om bruddet",
    "period": "Periode",
    "describes_period": "Beskriver perioden",
    "value": "Værdi",
    "unit": "Enhed",
    "unit_detail": "Enhed (kildens ord)",
    "source": "Kilde",
    "note": "Note",
}
JSON_FIELDS = [*EXPORT_HEADERS, "area_code", "period_kind", "period_start", "load_id"]

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


def _report(result: LoadResult, name: str) -> None:
    echo_warnings(result.warnings)
    if result.outcome == "unchanged":
        click.echo(f"{name}: unchanged ({result.rows} figures)")
    else:
        click.echo(f"{name}: loaded, {result.message} (load {result.load_id})")


def _progressbar(length: int, label: str):
    return click.progressbar(length=length, label=label, file=sys.stderr)


@load.command("indicators")
@click.argument("file", type=existing_file)
@strict_option
@pass_context
@input_errors_exit_1
def load_indicators_command(ctx, file: Path, strict: bool) -> None:
    """Load safety and crime figures from FILE (.csv/.xlsx, long or wide layout).

    All or nothing; loading the same file again changes nothing; changed values are updated
    and their old values kept. Unknown indicators or areas are reported, not invented.
    The figures are shared by every partnership (they are about Copenhagen's areas), so
    there is no --partnership.
    """
    result = load_indicator_file(
        ctx.url,
        file,
        loaded_by=_user(),
        progress_bar=lambda length: _progressbar(length, "Loading figures"),
        strict=strict,
    )
    _report(result, file.name)


@load.command("dst")
@click.option("--table", required=True, help="StatBank table, e.g. STRAF11")
@click.option(
    "--area",
    "areas",
    multiple=True,
    default=["101"],
    show_default=True,
    help="Area code (101 = København); repeat for more",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["bulk", "jsonstat"], case_sensitive=False),
    default="bulk",
    show_default=True,
)
@click.option(
    "--from-file",
    type=existing_file,
    help="Load a saved answer or web export (.csv/.txt/.json/.xlsx) instead of asking DST",
)
@click.option(
    "--tableinfo",
    type=existing_file,
    help="The table's saved metadata (/v1/tableinfo), for categories the catalogue lacks",
)
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, envvar="STATBANK_URL")
@pass_context
@input_errors_exit_1
def load_dst_command(ctx, table, areas, fmt, from_file, tableinfo, base_url) -> None:
    """Load reported crimes from Statistics Denmark's StatBank (POST /v1/data), shared by
    every partnership (no --partnership)."""
    click.echo(f"Loading {table.upper()} ({fmt.upper()}) …", err=True)
    result = load_dst(
        ctx.url,
        table,
        list(areas),
        fmt=fmt.upper(),
        from_file=from_file,
        base_url=base_url,
        loaded_by=_user(),
        tableinfo=tableinfo,
    )
    _report(result, str(from_file or table.upper()))


@main.group("indicators")
def indicators() -> None:
    """The indicator catalogue: what figures are kept, in what unit."""


@indicators.command("add")
@click.argument("code")
@click.option("--name", required=True, help="The indicator's name, as files may write it")
@click.option("--unit", required=True, help="e.g. antal, pct, 'pr 1000 indb'")
@click.option(
    "--direction",
    type=click.Choice(["higher_better", "lower_better", "neutral"]),
    default="neutral",
    show_default=True,
)
@click.option(
    "--kind",
    type=click.Choice(["effect", "output", "context"]),
    default="context",
    show_default=True,
)
@click.option("--definition", default="", help="What exactly is measured")
@click.option("--source", default="", help="Who publishes the figures")
@click.option("--min", "min_value", type=float, help="Lowest possible value")
@click.option("--max", "max_value", type=float, help="Highest possible value")
@click.option("--whole-number", is_flag=True, help="The indicator counts (no decimals)")
@click.option(
    "--counts-things",
    is_flag=True,
    help="It counts things (walks, newsletters), published as they are; without it a count "
    "below 5 is published as 'under 5', as a count of persons",
)
@click.option("--dst-table", help="StatBank table, e.g. STRAF11")
@click.option("--dst-code", help="The table's category code")
@click.option("--dst-label", help="The table's category text")
@pass_context
@input_errors_exit_1
def indicators_add(ctx, code: str, name: str, unit: str, **values) -> None:
    """Add indicator CODE to the catalogue in the database, so that files may name it."""
    values["counts_people"] = not values.pop("counts_things")
    add_indicator(ctx.url, code, name, unit, **values)
    click.echo(f"Indicator {code} added: {name} ({unit})")


@export.command("indicators")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def export_indicators(ctx, fmt: str, output: Path | None) -> None:
    """Every figure with indicator, area, period, value, unit, source, note and area breaks
    (all partnerships share the figures: no --partnership)."""
    with session_scope(ctx.url) as session:
        frame = measurements(session)
    frame["period_start"] = frame["period_start"].map(lambda d: d.isoformat())
    rows = [
        {k: (None if _is_missing(v) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]
    if fmt == "json":
        data = json.dumps(
            [{k: r[k] for k in JSON_FIELDS} for r in rows], ensure_ascii=False, indent=2
        )
        _write_output((data + "\n").encode("utf-8"), output)
    elif fmt == "csv":
        _write_output(csv_text(rows, EXPORT_HEADERS).encode("utf-8-sig"), output)
    else:
        _write_output(xlsx_bytes(rows, EXPORT_HEADERS, sheet="Indikatorer"), output)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _write_output(data: bytes, output: Path | None) -> None:
    if output is not None:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
