"""``tryghed meetings`` and ``tryghed export meeting-pack``: the meetings as the database
holds them, and the PDF pack for one of them, from a terminal (or a scheduled job)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard import clock
from dashboard.cli.groups import export, main, pass_context
from dashboard.cli.partnership_option import (
    chosen_partnership,
    partnership_errors_exit_2,
    partnership_option,
)
from dashboard.components.format import long_date
from dashboard.db import session_scope
from dashboard.meeting_pack import PdfUnavailable, html_to_pdf, pack_content, pack_html


@main.command("meetings")
@partnership_option()
@pass_context
@partnership_errors_exit_2
def list_meetings(ctx, partnership_slug: str | None) -> None:
    """List the partnership's meetings: id, date, body and title, oldest first."""
    from dashboard.queries.meetings import meetings

    with session_scope(ctx.url) as session:
        partnership = chosen_partnership(session, partnership_slug)
        for m in meetings(session, partnership.id):
            click.echo(f"{m.id}\t{m.date.isoformat()}\t{m.body_name}\t{m.title}")


@export.command("meeting-pack")
@click.argument("meeting_id", type=int)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--html", "as_html", is_flag=True, help="Write the print view (HTML), not a PDF")
@partnership_option()
@pass_context
@partnership_errors_exit_2
def export_meeting_pack(
    ctx, meeting_id: int, output: Path, as_html: bool, partnership_slug: str | None
) -> None:
    """Write the meeting pack for MEETING_ID (see `tryghed meetings`) as PDF or HTML; the
    meeting must be the partnership's."""
    from dashboard.queries.meetings import meeting

    with session_scope(ctx.url) as session:
        partnership = chosen_partnership(session, partnership_slug)
        found = meeting(session, meeting_id)
        if found is None or found.partnership_id != partnership.id:
            click.echo(f"Error: {partnership.slug} has no meeting {meeting_id}", err=True)
            sys.exit(1)
        try:
            content = pack_content(session, meeting_id, clock.today())
        except LookupError as exc:
            click.echo(f"Error: no such meeting or no plan loaded ({exc})", err=True)
            sys.exit(1)
    document = pack_html(content)
    if as_html:
        output.write_text(document, encoding="utf-8")
    else:
        try:
            output.write_bytes(html_to_pdf(document))
        except PdfUnavailable as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
    meeting = content.window.meeting
    click.echo(f"Wrote the pack for {meeting.body_name} {long_date(meeting.date)} to {output}")
