"""Figures checked against the catalogue before any is written: known indicator and area,
a unit that fits, a value inside the indicator's range, and no key twice."""

from __future__ import annotations

import re
from collections.abc import Sequence

from data_loaders.errors import InputError
from data_loaders.indicator_catalogue import Catalogue
from data_loaders.indicator_file import FigureRow

MAX_UNKNOWN_SHOWN = 10
UNIT_SPELLINGS = {
    "pct": ("pct", "%", "procent", "percent"),
    "antal": ("antal", "count", "number"),
    "pr 1000 indb": ("pr 1000", "per 1000", "pr1000"),
}


Key = tuple[int, int, str, str]  # indicator, area, period, source
Values = tuple[str, float, str, str | None, str, int]  # period, value, note, unit, describes, row


def resolve_figures(
    catalogue: Catalogue, figures: Sequence[FigureRow], file: str
) -> dict[int, dict]:
    """Figures grouped by indicator id and keyed by natural key, validated against the catalogue."""
    unknown: dict[tuple[str, str], int] = {}
    indicators, areas, units = {}, {}, {}
    ranges = {
        i.id: (i.min_value, i.max_value, i.whole_number) for i in catalogue.indicators.values()
    }
    grouped: dict[int, dict[Key, Values]] = {}
    for figure in figures:
        indicator = indicators.get(figure.indicator, False)
        if indicator is False:
            indicator = indicators[figure.indicator] = catalogue.indicator(figure.indicator)
        area = areas.get(figure.area, False)
        if area is False:
            area = areas[figure.area] = catalogue.area(figure.area)
        if indicator is None or area is None:
            what = ("indicator", figure.indicator) if indicator is None else ("area", figure.area)
            unknown.setdefault(what, figure.row)
            continue
        indicator_id = indicator.id
        unit_key = (indicator_id, figure.unit)
        unit_detail = units.get(unit_key, False)
        if unit_detail is False:
            unit_detail = units[unit_key] = _unit_detail(indicator, figure, file)
        low, high, whole = ranges[indicator_id]
        value = figure.value
        if (
            (low is not None and value < low)
            or (high is not None and value > high)
            or (whole and not value.is_integer())
        ):
            _refuse_value(indicator, figure, file)
        key = (indicator_id, area.id, figure.period, figure.source)
        rows = grouped.get(indicator_id)
        if rows is None:
            rows = grouped[indicator_id] = {}
        if key in rows:
            raise InputError(
                file,
                f"the same figure ({figure.indicator}, {figure.area}, {figure.period}, same "
                f"source) appears twice: rows {rows[key][5]} and {figure.row}",
                row=figure.row,
            )
        rows[key] = (figure.period, value, figure.note, unit_detail, figure.describes, figure.row)
    if unknown:
        listed = sorted(unknown.items(), key=lambda item: item[1])
        shown = "; ".join(
            f"{w} {n!r} (first in row {r})" for (w, n), r in listed[:MAX_UNKNOWN_SHOWN]
        )
        more = len(listed) - MAX_UNKNOWN_SHOWN
        remedy = (
            "add the indicator with `tryghed indicators add` or write its code or name as "
            "the catalogue has it"
            if any(what == "indicator" for what, _name in unknown)
            else "write the area as the catalogue names it (areas.csv: name, alias or code)"
        )
        raise InputError(
            file,
            f"unknown {shown}{f' and {more} more' if more > 0 else ''}; {remedy}. "
            "Nothing was loaded",
            row=listed[0][1],
        )
    return grouped


def _unit_detail(indicator, figure: FigureRow, file: str) -> str | None:
    """None if the file's unit is the catalogue's; the file's wording if it adds to it."""
    if not figure.unit:
        return None
    written = re.sub(r"\s+", " ", figure.unit.casefold().replace(".", "")).strip()
    spellings = UNIT_SPELLINGS.get(indicator.unit, (indicator.unit,))
    if not any(written.startswith(s) for s in spellings):
        raise InputError(
            file,
            f"unit {figure.unit!r} does not fit indicator {indicator.code!r}, "
            f"which is measured in {indicator.unit!r}",
            row=figure.row,
            column="unit",
        )
    return None if written == indicator.unit else figure.unit


def _refuse_value(indicator, figure: FigureRow, file: str) -> None:
    value = figure.value
    problem = None
    if indicator.min_value is not None and value < indicator.min_value:
        problem = f"{value:g} is below the lowest possible value, {indicator.min_value:g}"
    elif indicator.max_value is not None and value > indicator.max_value:
        problem = f"{value:g} is above the highest possible value, {indicator.max_value:g}"
    elif indicator.whole_number and not value.is_integer():
        problem = f"{value:g} is not a whole number, but this indicator counts"
    raise InputError(
        file,
        f"{problem} ({indicator.code}, {indicator.unit})",
        row=figure.row,
        column=figure.column,
    )
