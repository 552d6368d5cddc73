"""The open-data tables: what each column means, how a table becomes CSV and JSON, and the
OpenAPI description of the JSON endpoints. Rows come only from ``dashboard.queries.public``,
the same functions the front page uses, so a download always says what the page says."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from dashboard.components.spreadsheet import safe_text
from dashboard.queries import public as q

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
    rows: Callable[[Session, int | None], list[dict]]


def _plan_rows(read: Callable[[Session, int], list[dict]]):
    def rows(session: Session, plan_id: int | None) -> list[dict]:
        return [] if plan_id is None else read(session, plan_id)

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


COUNT_NOTE = 'Tal under 5 vises som teksten "under 5".'

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
            ],
            rows=_plan_rows(q.budget_per_year),
        ),
        OpenTable(
            name="leverancer",
            title="Leverancer: status pr. indsatsområde",
            description=(
                "Antal leverancer i planen pr. indsatsområde og status, og andelen der er "
                "færdige. Ingen navne og ingen kommentarer. " + COUNT_NOTE + " Et tal, der "
                "kunne regnes ud fra totalen og de andre tal, skjules også."
            ),
            columns=[
                Column("focus_area", "integer", "Indsatsområdets nummer (1–3).", nullable=True),
                Column("focus_area_name", "string", "Indsatsområdets navn."),
                Column("total", "count", "Antal leverancer i alt."),
                *[
                    Column(status, "count", f"Antal leverancer med status '{label}'.")
                    for status, label in q.STATUS_LABELS.items()
                ],
                Column(
                    "share_done_percent",
                    "number",
                    "Andel færdige af de leverancer, der ikke er opgivet, i procent; tom når "
                    "tallet ville afsløre et antal under 5.",
                    nullable=True,
                ),
                Column("share_text", "string", "Andelen i ord, som forsiden viser den."),
            ],
            rows=_plan_rows(_deliverable_rows),
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
            ],
            rows=lambda session, _plan_id: q.public_measurements(session),
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


# --- OpenAPI -----------------------------------------------------------------------------


def _column_schema(column: Column) -> dict:
    nullable = [{"type": "null"}] if column.nullable else []
    if column.type == "count":
        variants = [{"type": "number"}, {"type": "string", "enum": [q.UNDER_5]}]
        return {"oneOf": variants + nullable, "description": column.description}
    if column.type == "array":
        schema: dict = {"type": "array", "items": {"type": "string"}}
    else:
        schema = {"type": column.type}
    if column.nullable:
        schema["type"] = [schema["type"], "null"]
    return {**schema, "description": column.description}


def openapi_document(base_url: str = "") -> dict:
    """OpenAPI 3.1 description of the JSON endpoints (and their CSV twins)."""
    schemas: dict = {
        "License": {
            "type": "object",
            "required": ["name", "url", "attribution"],
            "properties": {
                "name": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "attribution": {"type": "string"},
            },
        },
        "ColumnDescription": {
            "type": "object",
            "required": ["name", "type", "description", "nullable"],
            "properties": {
                "name": {"type": "string"},
                "type": {"type": "string"},
                "description": {"type": "string"},
                "nullable": {"type": "boolean"},
            },
        },
    }
    paths: dict = {}
    for table in TABLES.values():
        row_name = "".join(part.capitalize() for part in table.name.split("-")) + "Row"
        schemas[row_name] = {
            "type": "object",
            "required": [c.name for c in table.columns],
            "properties": {c.name: _column_schema(c) for c in table.columns},
        }
        schemas[row_name.removesuffix("Row") + "Table"] = {
            "type": "object",
            "required": ["table", "title", "description", "license", "columns", "rows"],
            "properties": {
                "table": {"type": "string", "const": table.name},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "license": {"$ref": "#/components/schemas/License"},
                "updated": {"type": ["string", "null"], "format": "date"},
                "columns": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/ColumnDescription"},
                },
                "rows": {"type": "array", "items": {"$ref": f"#/components/schemas/{row_name}"}},
            },
        }
        paths[f"/data/{table.name}.json"] = {
            "get": {
                "operationId": f"get_{table.name.replace('-', '_')}_json",
                "summary": table.title,
                "description": table.description,
                "responses": {
                    "200": {
                        "description": table.title,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "$ref": "#/components/schemas/"
                                    + row_name.removesuffix("Row")
                                    + "Table"
                                }
                            }
                        },
                    }
                },
            }
        }
        paths[f"/data/{table.name}.csv"] = {
            "get": {
                "operationId": f"get_{table.name.replace('-', '_')}_csv",
                "summary": table.title + " (CSV)",
                "description": "Samme rækker som JSON-udgaven, som CSV (RFC 4180, UTF-8).",
                "responses": {
                    "200": {
                        "description": table.title,
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    }
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tryghedsdashboard: åbne data",
            "version": "1.0.0",
            "description": (
                "Offentlige tabeller fra tryghedspartnerskabets dashboard: budget, status for "
                "leverancer og målinger af tryghed og kriminalitet. Kun offentlige "
                "opsummeringer; tal under 5 vises som 'under 5'."
            ),
            "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
        },
        "servers": [{"url": base_url or "/"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
