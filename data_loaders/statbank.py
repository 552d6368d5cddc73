"""Statistics Denmark's StatBank API: the request, and the BULK and JSON-stat answers as rows.

The API is ``POST {base}/data`` with a JSON body ``{"table", "format", "variables": [{"code",
"values"}], "lang"}``. BULK answers are semicolon-separated with a header row, labels (not
codes) in the Danish text, and decimal commas; JSONSTAT answers wrap a JSON-stat dataset in
``"dataset"``. Errors come as ``{"errorTypeCode", "message"}``. Nothing here touches the
database: see ``data_loaders.load_dst``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import requests

from dashboard.numbers import NumberError, parse_number
from data_loaders.errors import InputError
from data_loaders.files import decode_text, read_bytes
from data_loaders.indicator_cells import cell_text
from data_loaders.periods import PeriodError, parse_period
from data_loaders.statbank_export import find_header

DEFAULT_BASE_URL = "https://api.statbank.dk/v1"
TIMEOUT_SECONDS = 60
# The variable that tells one figure of a table from another (the offence group for STRAF11).
FIGURE_VARIABLE = {"STRAF11": "OVERTRÆD", "STRAF22": "OVERTRÆD"}
AREA_VARIABLE = "OMRÅDE"
TIME_VARIABLE = "Tid"
MISSING = {"..", "...", "", "-"}


class DstRow(NamedTuple):
    """One figure of an answer: area and figure as the answer names them (code or label)."""

    row: int  # 1-based line in a BULK answer; 1-based value position in JSON-stat
    area: str
    area_is_code: bool
    figure: str
    figure_is_code: bool
    period: str  # canonical
    value: float


@dataclass
class StatbankRequest:
    table: str
    areas: list[str]
    figures: list[str]  # codes of the table's figure variable
    format: str = "BULK"
    lang: str = "da"

    def body(self) -> dict:
        table = self.table.upper()
        return {
            "table": table,
            "format": self.format,
            "lang": self.lang,
            "variables": [
                {"code": AREA_VARIABLE, "values": self.areas},
                {"code": FIGURE_VARIABLE.get(table, "ContentsCode"), "values": self.figures},
                {"code": TIME_VARIABLE, "values": ["*"]},
            ],
        }


def fetch(request: StatbankRequest, base_url: str = DEFAULT_BASE_URL) -> bytes:
    """The answer's bytes. Network failures and the API's error bodies raise ``InputError``."""
    address = f"{base_url.rstrip('/')}/data"
    try:
        response = requests.post(address, json=request.body(), timeout=TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise InputError(
            address, f"Statistics Denmark could not be reached ({type(exc).__name__}: {exc})"
        ) from exc
    error = api_error(response.content)
    if error:
        raise InputError(address, f"Statistics Denmark refused the request: {error}")
    if response.status_code != 200:
        raise InputError(
            address, f"Statistics Denmark answered HTTP {response.status_code} {response.reason}"
        )
    if not response.content.strip():
        raise InputError(address, "Statistics Denmark sent an empty answer")
    return response.content


def api_error(data: bytes) -> str | None:
    """The API's own error message, if ``data`` is an error body."""
    if not data.lstrip().startswith(b"{"):
        return None
    try:
        body = json.loads(data)
    except ValueError:
        return None
    if isinstance(body, dict) and "errorTypeCode" in body:
        return f"{body.get('message', '')} ({body['errorTypeCode']})"
    return None


def read_answer_file(path: Path) -> bytes:
    """A saved answer for ``--from-file``; a saved error body is refused like a live one."""
    data = read_bytes(path)
    error = api_error(data)
    if error:
        raise InputError(
            str(path), f"the file holds an error answer from Statistics Denmark: {error}"
        )
    return data


def parse_answer(data: bytes, fmt: str, name: str) -> list[DstRow]:
    if fmt == "BULK":
        return parse_bulk(decode_text(data, name), name)
    if fmt == "JSONSTAT":
        return parse_jsonstat(data, name)
    raise InputError(name, f"unknown format {fmt!r}; use BULK or JSONSTAT")


# --- BULK ------------------------------------------------------------------------------------


def parse_bulk(text: str, name: str) -> list[DstRow]:
    """A BULK answer, or a web export saved as CSV (title lines above the header)."""
    reader = csv.reader(io.StringIO(text), delimiter=";")
    return parse_bulk_rows(((reader.line_num, cells) for cells in reader), name)


def parse_bulk_rows(rows: Iterable[tuple[int, list]], name: str) -> list[DstRow]:
    """BULK-shaped rows (OMRÅDE;…;TID;INDHOLD), from text or from a saved .xlsx export."""
    first, _titles, rest = find_header(rows, _is_bulk_header)
    header = [cell_text(h).upper() for h in (first[1] if first else [])]
    header_row = first[0] if first else 1
    try:
        i_area, i_time, i_value = (header.index(c) for c in (AREA_VARIABLE, "TID", "INDHOLD"))
    except ValueError as exc:
        raise InputError(
            name,
            f"a BULK answer needs the columns OMRÅDE, TID and INDHOLD; found {header}",
            row=header_row,
        ) from exc
    figure_columns = [i for i in range(len(header)) if i not in (i_area, i_time, i_value)]
    if len(figure_columns) != 1:
        raise InputError(
            name, f"cannot tell which column names the figure among {header}", row=header_row
        )
    i_figure = figure_columns[0]
    rows = []
    for number, raw_cells in rest:
        cells = [cell_text(c) for c in raw_cells]
        while len(cells) > len(header) and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        if len(cells) != len(header):
            raise InputError(name, f"{len(cells)} cells, the header has {len(header)}", row=number)
        raw = raw_cells[i_value]
        if raw.__class__ is str and raw.strip() in MISSING:
            continue
        rows.append(
            DstRow(
                number,
                cells[i_area],
                False,
                cells[i_figure],
                False,
                _period(cells[i_time], name, number, "TID"),
                _bulk_value(raw, name, number),
            )
        )
    if not rows:
        raise InputError(name, "the answer holds no figures")
    return rows


def _is_bulk_header(texts: list[str]) -> bool:
    upper = {t.strip().upper() for t in texts}
    return {AREA_VARIABLE, "TID", "INDHOLD"} <= upper


def _bulk_value(raw, name: str, number: int) -> float:
    """A figure: a number cell of a workbook, or Danish text ("21.034", "12,5")."""
    if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw):
        return float(raw)
    try:
        return float(parse_number(str(raw)))
    except NumberError:
        raise InputError(name, f"{raw!r} is not a number", row=number, column="INDHOLD") from None


# --- JSON-stat -------------------------------------------------------------------------------


def parse_jsonstat(data: bytes, name: str) -> list[DstRow]:
    try:
        body = json.loads(data)
    except ValueError as exc:
        raise InputError(name, f"not valid JSON ({exc})") from exc
    dataset = body.get("dataset", body) if isinstance(body, dict) else None
    if not isinstance(dataset, dict) or "dimension" not in dataset or "value" not in dataset:
        raise InputError(name, "not a JSON-stat dataset (no 'dimension' and 'value')")
    dimension = dataset["dimension"]
    ids = dimension.get("id", dataset.get("id"))
    sizes = dimension.get("size", dataset.get("size"))
    role = dimension.get("role", dataset.get("role")) or {}
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise InputError(name, "the dataset's 'id' and 'size' do not match")
    codes = [_category_codes(dimension.get(d), d, name) for d in ids]
    for d, size, dim_codes in zip(ids, sizes, codes, strict=True):
        if len(dim_codes) != size:
            raise InputError(name, f"size {size} but {len(dim_codes)} categories", column=d)
    expected = math.prod(sizes)
    values = dataset["value"]
    if isinstance(values, list):
        if len(values) != expected:
            raise InputError(
                name, f"the sizes {sizes} make {expected} values but the answer has {len(values)}"
            )
        cells = enumerate(values)
    elif isinstance(values, dict):
        try:
            cells = sorted((int(k), v) for k, v in values.items())
        except ValueError as exc:
            raise InputError(name, "a sparse value key is not a position") from exc
        if cells and not 0 <= cells[-1][0] < expected:
            raise InputError(name, f"value position {cells[-1][0]} lies outside the sizes {sizes}")
    else:
        raise InputError(name, "'value' is neither a list nor an object")
    area_dim = _role_dimension(role, "geo", ids, AREA_VARIABLE)
    time_dim = _role_dimension(role, "time", ids, TIME_VARIABLE)
    metric = set(role.get("metric") or ["ContentsCode"])
    others = [d for d in ids if d not in (area_dim, time_dim) and d not in metric]
    if len(others) > 1:
        others = [d for d, s in zip(ids, sizes, strict=True) if d in others and s > 1]
    figure_dims = others or [d for d in ids if d in metric]
    if area_dim is None or time_dim is None or len(figure_dims) != 1:
        raise InputError(name, f"cannot tell area, time and figure apart among {ids}")
    at = {d: ids.index(d) for d in (area_dim, time_dim, figure_dims[0])}
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    rows = []
    for position, value in cells:
        if value is None:
            continue  # a suppressed or missing figure: unknown is not zero
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(name, f"value {position + 1} is {value!r}, not a number")
        picked = {d: codes[i][(position // strides[i]) % sizes[i]] for d, i in at.items()}
        rows.append(
            DstRow(
                position + 1,
                picked[area_dim],
                True,
                picked[figure_dims[0]],
                True,
                _period(picked[time_dim], name, position + 1, time_dim),
                float(value),
            )
        )
    if not rows:
        raise InputError(name, "the answer holds no figures")
    return rows


def _category_codes(dim, dim_id: str, name: str) -> list[str]:
    """Category codes in position order; the index may be a list or a code → position map."""
    try:
        index = dim["category"]["index"]
    except (TypeError, KeyError) as exc:
        raise InputError(name, "the dimension has no category index", column=dim_id) from exc
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        ordered = sorted(index.items(), key=lambda item: item[1])
        if [p for _, p in ordered] != list(range(len(ordered))):
            raise InputError(name, "the category positions are not 0, 1, 2 …", column=dim_id)
        return [str(c) for c, _ in ordered]
    raise InputError(name, "the category index is neither a list nor an object", column=dim_id)


def _role_dimension(role: dict, kind: str, ids: list[str], fallback: str) -> str | None:
    named = role.get(kind) or []
    if named and named[0] in ids:
        return named[0]
    return next((d for d in ids if d.upper() == fallback.upper()), None)


def _period(text: str, name: str, row: int, column: str) -> str:
    try:
        return parse_period(text).code
    except PeriodError as exc:
        raise InputError(name, str(exc), row=row, column=column) from exc
