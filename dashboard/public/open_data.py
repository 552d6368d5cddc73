"""The open-data tables: what each column means, how a table becomes CSV and JSON, and the
OpenAPI description of the JSON endpoints. Rows come only from the query functions the
overview uses (``dashboard.queries.public``, ``bylivspulje.granted_projects``,
``public_walks.public_findings``), so a download
always says what the page says.

Every row names its partnership (column ``partnership``, the slug of ``/p/<slug>/``);
``?partnerskab=<slug>`` keeps one partnership's rows, without it every partnership's. A
figure about a shared area (København, a district, Danmark) is no partnership's own: its
``partnership`` is "", and it is left out when one partnership is asked for, because it is
not that partnership's figure (the overview still shows it beside its own)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from dashboard.components.spreadsheet import safe_text
from dashboard.queries import public as q
from dashboard.queries import public_figures as figures
from dashboard.queries.bylivspulje import granted_projects
from dashboard.queries.partnership import PartnershipRef, partnerships
from dashboard.queries.plan import latest_plan
from dashboard.queries.public_walks import public_findings

LICENCE_NAME = "Vilkår for brug af danske offentlige data"
LICENCE_URL = (
    "https://digst.dk/data/videreanvendelse-af-offentlige-data/"
    "licens-og-brugsvilkaar-for-offentlige-data/"
)
ATTRIBUTION = (
    "Indeholder data, som benyttes i henhold til vilkår for brug af danske offentlige data"
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # integer, number, string, boolean, count (integer or "under 5"), array
    description: str
    nullable: bool = False


@dataclass(frozen=True)
class OpenTable:
    name: str  # the stable part of the URL: /data/<name>.json and .csv
    title: str
    description: str
    columns: list[Column]
    # The rows of one partnership, or of every partnership with None.
    rows: Callable[[Session, PartnershipRef | None], list[dict]]


PARAMETER = "partnerskab"
PARTNERSHIP_COLUMN = Column(
    "partnership",
    "string",
    "Partnerskabet, rækken hører til (det samme navn som i adressen /p/<navn>/). Filtrér med "
    f"?{PARAMETER}=<navn>.",
)
SHARED_PARTNERSHIP_COLUMN = Column(
    "partnership",
    "string",
    "Det partnerskab, hvis eget område tallet handler om; tomt for et fælles område "
    f"(København, en bydel, Danmark). Med ?{PARAMETER}=<navn> kun det partnerskabs egne "
    "områder.",
)


def _plan_rows(read: Callable[[Session, int], list[dict]]):
    """Rows of each partnership's newest plan (none for a partnership without a plan)."""

    def rows(session: Session, partnership: PartnershipRef | None) -> list[dict]:
        found = []
        for ref in [partnership] if partnership else partnerships(session):
            version = latest_plan(session, ref.id)
            if version is not None:
                found += [{**row, "partnership": ref.slug} for row in read(session, version.id)]
        return found

    return rows


def _deliverable_rows(session: Session, plan_id: int) -> list[dict]:
    return [
        {
            "focus_area": p.focus_area,
            "focus_area_name": p.focus_area_name,
            "total": p.total,
            **p.by_status,
            "share_done_percent": p.share_done,
            "share_text": p.share_text,
        }
        for p in q.deliverable_progress(session, plan_id)
    ]


# Which rows are suppressed and why, in the words of the table and its "value" column.
COUNT_NOTE = (
    "Et antal personer under 5 (fx anmeldelser, sigtede børn, deltagere) vises som teksten "
    '"under 5", så ingen kan genkendes; kolonnen counts_people siger, hvilke rækker det gælder. '
    "Et antal af ting (fx gennemførte tryghedsvandringer, udgivne beboerblade, aktiviteter) "
    "vises, som det er."
)

TABLES: dict[str, OpenTable] = {
    table.name: table
    for table in [
        OpenTable(
            name="budget",
            title="Budget pr. aktivitet og år",
            description=(
                "Hver celle i tryghedsplanens oversigtstabel: hvor mange kroner en aktivitet "
                "har fået for et år. Et beløb, der ikke er besluttet ('?' i planen), er tomt "
                "(null), aldrig 0."
            ),
            columns=[
                Column("year", "integer", "År."),
                Column(
                    "focus_area",
                    "integer",
                    "Indsatsområdets nummer (1–3); tomt for tværgående linjer.",
                    nullable=True,
                ),
                Column("focus_area_name", "string", "Indsatsområdets navn."),
                Column("activity", "string", "Aktiviteten, som planens tabel navngiver den."),
                Column(
                    "amount",
                    "integer",
                    "Beløb i kroner; tomt når beløbet ikke er besluttet.",
                    nullable=True,
                ),
                Column("decided", "boolean", "Om beløbet er besluttet (true) eller ej (false)."),
                Column("footnote", "string", "Planens fodnote til linjen, hvis der er en."),
                PARTNERSHIP_COLUMN,
            ],
            rows=_plan_rows(q.budget_per_activity),
        ),
        OpenTable(
            name="budget-aar",
            title="Budget pr. år: ramme, fordelt og endnu ikke fordelt",
            description=(
                "Pr. år: rammen (planens 'I alt'), summen af de besluttede beløb, den del af "
                "rammen der endnu ikke er fordelt, og hvor mange beløb der ikke er besluttet. "
                "Det er de tal, forsiden viser."
            ),
            columns=[
                Column("year", "integer", "År."),
                Column("frame", "integer", "Rammen i kroner ('I alt').", nullable=True),
                Column("known", "integer", "Fordelt: summen af de besluttede beløb i kroner."),
                Column(
                    "unallocated",
                    "integer",
                    "Endnu ikke fordelt: rammen minus det fordelte, i kroner.",
                    nullable=True,
                ),
                Column("undecided_count", "integer", "Antal beløb, der ikke er besluttet."),
                Column(
                    "undecided_activities",
                    "array",
                    "Aktiviteter med et beløb, der ikke er besluttet (i CSV adskilt af '; ').",
                ),
                PARTNERSHIP_COLUMN,
            ],
            rows=_plan_rows(q.budget_per_year),
        ),
        OpenTable(
            name="leverancer",
            title="Leverancer: status pr. indsatsområde",
            description=(
                "Antal leverancer i planen pr. indsatsområde og status, og andelen der er "
                "afsluttet. Ingen navne og ingen kommentarer. Antallene er de rigtige, også når "
                "de er små: de tæller opgaver, ikke personer."
            ),
            columns=[
                Column("focus_area", "integer", "Indsatsområdets nummer (1–3).", nullable=True),
                Column("focus_area_name", "string", "Indsatsområdets navn."),
                Column("total", "integer", "Antal leverancer i alt."),
                *[
                    Column(status, "integer", f"Antal leverancer med status '{label}'.")
                    for status, label in q.STATUS_LABELS.items()
                ],
                Column(
                    "share_done_percent",
                    "number",
                    "Andel afsluttede af de leverancer, der ikke er opgivet, i procent; tom når "
                    "alle leverancer i indsatsområdet er opgivet.",
                    nullable=True,
                ),
                Column("share_text", "string", "Andelen i ord, som forsiden viser den."),
                PARTNERSHIP_COLUMN,
            ],
            rows=_plan_rows(_deliverable_rows),
        ),
        OpenTable(
            name="bylivspulje",
            title="Bylivspuljen: bevilgede projekter",
            description=(
                "Projekter, styregruppen har bevilget penge til fra Bylivspuljen efter "
                "arbejdsgruppens indstilling. Ingen navne eller andre oplysninger om "
                "ansøgerne; ansøgninger, der ikke har fået penge, er ikke med."
            ),
            columns=[
                Column("year", "integer", "Puljens år."),
                Column("title", "string", "Projektets titel."),
                Column("use", "string", "Hvad planen siger, puljen her bruges til."),
                Column("amount", "integer", "Bevilget beløb i kroner."),
                Column("place", "string", "Stedet i området; tomt når det ikke er angivet."),
                PARTNERSHIP_COLUMN,
                # Added after the partnership column, so a CSV read by position keeps working.
                Column(
                    "lon",
                    "number",
                    "Stedets længdegrad (WGS84, decimalgrader) på partnerskabets kort, afrundet "
                    "til 3 decimaler (omkring 100 m), så ingen ansøgers bolig kan udpeges; tom "
                    "når stedet ikke er sat på kortet.",
                    nullable=True,
                ),
                Column(
                    "lat",
                    "number",
                    "Stedets breddegrad (WGS84, decimalgrader), afrundet til 3 decimaler; tom "
                    "når stedet ikke er sat på kortet.",
                    nullable=True,
                ),
            ],
            rows=lambda session, partnership: granted_projects(
                session, partnership.id if partnership else None
            ),
        ),
        OpenTable(
            name="tryghedsvandringer",
            title="Tryghedsvandringer: fund og status",
            description=(
                "De steder, tryghedsvandringerne har peget på som utrygge, med kategori, "
                "status og datoer. Ingen navne, ingen beskrivelser, ingen ansvarlige."
            ),
            columns=[
                Column("category", "string", "Fundets kategori (fx Lys, Affald)."),
                Column("status", "string", "Åben, I gang, Udbedret eller Afvist."),
                Column("place", "string", "Stedet i området, kort beskrevet."),
                Column("found_on", "string", "Datoen for vandringen, der fandt stedet (ISO)."),
                Column(
                    "fixed_on",
                    "string",
                    "Datoen for den senere vandring, der så stedet udbedret (ISO); tom når "
                    "ingen vandring har set det udbedret.",
                    nullable=True,
                ),
                PARTNERSHIP_COLUMN,
            ],
            rows=lambda session, partnership: public_findings(
                session, partnership.id if partnership else None
            ),
        ),
        OpenTable(
            name="indikatorer",
            title="Tryghed og kriminalitet: målinger med kilder",
            description=(
                "Alle målinger af tryghed og kriminalitet, som dashboardet kender, med "
                "område, periode, enhed, kilde og bemærkninger. To kilder til samme tal er to "
                "rækker. " + COUNT_NOTE
            ),
            columns=[
                Column("indicator", "string", "Indikatorens kode."),
                Column("indicator_name", "string", "Indikatorens navn."),
                Column("area", "string", "Området, tallet gælder."),
                Column("area_code", "string", "Områdets kode."),
                Column(
                    "series_area",
                    "string",
                    "Det område, serien begyndte med (et udvidet område fortsætter serien).",
                ),
                Column(
                    "comparable_with_series",
                    "boolean",
                    "false når området er ændret, så tallet ikke kan sammenlignes med "
                    "seriens tidligere tal.",
                ),
                Column("break_note", "string", "Hvorfor tallet ikke kan sammenlignes."),
                Column("period", "string", "Perioden, som kilden navngiver den (2019, 2019Q3)."),
                Column(
                    "describes_period",
                    "string",
                    "Den periode tallet handler om, når den er en anden end kildens navn.",
                ),
                Column("value", "count", "Værdien (decimaltal med punktum). " + COUNT_NOTE),
                Column("unit", "string", "Enhed: pct, antal eller pr 1000 indb."),
                Column("unit_detail", "string", "Uddybning af enheden, hvis kilden giver en."),
                Column("source", "string", "Kilden: adressen tallet er læst fra."),
                Column("note", "string", "Bemærkning om tallet (fx tvivl om sammenlignelighed)."),
                Column(
                    "counts_people",
                    "boolean",
                    "true når indikatoren tæller personer: så vises et antal under 5 som "
                    '"under 5". false når den tæller ting, som vises, som de er.',
                ),
                SHARED_PARTNERSHIP_COLUMN,
            ],
            rows=lambda session, partnership: figures.public_measurements(
                session, partnership.id if partnership else None
            ),
        ),
    ]
}


def as_json(table: OpenTable, rows: list[dict], updated: date | None) -> dict:
    """The JSON document: the rows plus what they mean, their licence and their freshness."""
    return {
        "table": table.name,
        "title": table.title,
        "description": table.description,
        "license": {"name": LICENCE_NAME, "url": LICENCE_URL, "attribution": ATTRIBUTION},
        "updated": updated.isoformat() if updated else None,
        "columns": [
            {"name": c.name, "type": c.type, "description": c.description, "nullable": c.nullable}
            for c in table.columns
        ],
        "rows": rows,
    }


def as_csv(table: OpenTable, rows: list[dict]) -> str:
    """RFC 4180: comma-separated, UTF-8, a header row of column names, decimal point; empty
    cell for null; every text quoted; text that Excel would run as a formula (at its start or
    after a delimiter or line break) gets a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(c.name)) for c in table.columns])
    return buffer.getvalue()


def _csv_cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return safe_text("; ".join(value))
    return safe_text(value)
