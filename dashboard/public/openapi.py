"""The OpenAPI 3.1 description of the open-data endpoints, made from the tables' own column
descriptions (``open_data.TABLES``), so it cannot drift from what the endpoints answer."""

from __future__ import annotations

from dashboard.public.open_data import LICENCE_NAME, LICENCE_URL, PARAMETER, TABLES, Column
from dashboard.queries import public as q


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
        "Error": {
            "type": "object",
            "required": ["error", "partnerskab", "partnerskaber"],
            "properties": {
                "error": {"type": "string"},
                "partnerskab": {"type": "string"},
                "partnerskaber": {"type": "array", "items": {"type": "string"}},
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
    parameter = {
        "name": PARAMETER,
        "in": "query",
        "required": False,
        "description": (
            "Kun rækkerne fra dette partnerskab (det samme navn som i adressen /p/<navn>/, "
            "fx amager-partnerskab). Uden parameteren: alle partnerskabers rækker."
        ),
        "schema": {"type": "string"},
    }
    not_found = {
        "description": "Partnerskabet findes ikke (eller tabellen findes ikke).",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
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
                "parameters": [parameter],
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
                    },
                    "404": not_found,
                },
            }
        }
        paths[f"/data/{table.name}.csv"] = {
            "get": {
                "operationId": f"get_{table.name.replace('-', '_')}_csv",
                "summary": table.title + " (CSV)",
                "description": "Samme rækker som JSON-udgaven, som CSV (RFC 4180, UTF-8).",
                "parameters": [parameter],
                "responses": {
                    "200": {
                        "description": table.title,
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    "404": {
                        "description": "Partnerskabet findes ikke (eller tabellen findes ikke).",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    },
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tryghedsdashboard: åbne data",
            "version": "1.0.0",
            "description": (
                "Offentlige tabeller fra tryghedspartnerskabernes dashboard: budget, status for "
                "leverancer og målinger af tryghed og kriminalitet. Kun offentlige "
                "opsummeringer; et antal personer under 5 i målingerne vises som 'under 5' "
                "(kolonnen counts_people), et antal af ting som det er. Hver række har "
                "kolonnen "
                f"'partnership'; ?{PARAMETER}=<navn> giver kun ét partnerskabs rækker."
            ),
            "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
        },
        "servers": [{"url": base_url or "/"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
