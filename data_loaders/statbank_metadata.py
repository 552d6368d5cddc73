"""A StatBank table's metadata (``POST /v1/tableinfo``), and indicators made from it.

The answer names the table (``id``, ``text``, ``unit``) and its ``variables``, each with its
``values`` (``id`` and ``text``): for STRAF11 the variable OVERTRÆD lists every offence group
the table has. A category of the table that the catalogue lacks becomes an indicator named
as Statistics Denmark names it, so that no one has to edit the packaged catalogue.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import requests

from dashboard.model import Indicator
from dashboard.names import normalise_name
from data_loaders.errors import InputError
from data_loaders.files import read_bytes
from data_loaders.statbank_export import statbank_source

TIMEOUT_SECONDS = 60
NOT_FIGURE_VARIABLES = {"OMRÅDE", "TID", "CONTENTSCODE"}


@dataclass
class TableInfo:
    table: str
    text: str
    unit: str
    categories: dict[str, str]  # the figure variable's values: id -> text
    variable: str  # that variable's id, e.g. OVERTRÆD

    def category(self, name: str, is_code: bool) -> tuple[str, str] | None:
        """(id, text) of the category an answer names by code or by its text."""
        if is_code:
            return (name, self.categories[name]) if name in self.categories else None
        key = normalise_name(name)
        return next(((i, t) for i, t in self.categories.items() if normalise_name(t) == key), None)


def parse_tableinfo(data: bytes, name: str, table: str) -> TableInfo:
    """The metadata answer; refuses one that is not of ``table`` or has no figure variable."""
    try:
        body = json.loads(data)
    except ValueError as exc:
        raise InputError(name, f"the table's metadata is not valid JSON ({exc})") from exc
    if not isinstance(body, dict) or not isinstance(body.get("variables"), list):
        raise InputError(name, "not a StatBank tableinfo answer (no 'variables')")
    if str(body.get("id", "")).upper() != table.upper():
        raise InputError(name, f"the metadata is of table {body.get('id')!r}, not {table}")
    for variable in body["variables"]:
        if not isinstance(variable, dict) or variable.get("time"):
            continue
        if str(variable.get("id", "")).upper() in NOT_FIGURE_VARIABLES:
            continue
        values = variable.get("values") or []
        categories = {
            str(v["id"]): str(v["text"]) for v in values if isinstance(v, dict) and "id" in v
        }
        return TableInfo(
            table.upper(),
            str(body.get("text", "")),
            str(body.get("unit", "")),
            categories,
            str(variable["id"]),
        )
    raise InputError(name, f"the metadata of {table} names no variable besides area and time")


def read_tableinfo(table: str, path: Path | None, base_url: str) -> TableInfo:
    """The metadata from a saved answer, else from the API."""
    if path is not None:
        return parse_tableinfo(read_bytes(path), str(path), table)
    address = f"{base_url.rstrip('/')}/tableinfo"
    body = {"table": table.upper(), "format": "JSON", "lang": "da"}
    try:
        response = requests.post(address, json=body, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise InputError(
            address,
            f"the metadata of {table} could not be read ({type(exc).__name__}); "
            "give a saved answer with --tableinfo FILE",
        ) from exc
    if response.status_code != 200:
        raise InputError(address, f"Statistics Denmark answered HTTP {response.status_code}")
    return parse_tableinfo(response.content, address, table)


def indicator_from_metadata(info: TableInfo, category_id: str, text: str) -> Indicator:
    """A catalogue entry for one category of the table, named as the table names it."""
    unit = info.unit.strip().lower() or "antal"
    counts = unit == "antal"
    slug = re.sub(r"[^a-z0-9]+", "_", category_id.lower()).strip("_")
    return Indicator(
        code=f"dst_{info.table.lower()}_{slug}",
        name=f"{text} (Danmarks Statistik, {info.table})",
        definition=f"{info.text}: {text}".strip(": "),
        unit=unit,
        direction="neutral",
        kind="context",
        frequency="",
        source=statbank_source(info.table),
        min_value=0.0 if counts else None,
        whole_number=counts,
        dst_table=info.table,
        dst_code=category_id,
        dst_label=text,
        position=10_000,
    )
