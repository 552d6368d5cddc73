"""The bundled indicator catalogue, areas, and the 2017 plan's baselines and targets.

``sync_catalogue`` brings the database in line with the bundled files (insert what is missing,
update what changed, never delete: measurements may point at a retired indicator).
``Catalogue`` answers "which indicator / area is this?" for the loaders, and refuses to guess.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Area, AreaAlias, Baseline, Indicator, Target
from dashboard.names import normalise_name

INDICATOR_FIELDS = (
    "name definition unit direction kind effect frequency source activity_name plan_measure "
    "min_value max_value whole_number counts_people dst_table dst_code dst_label"
).split()
AREA_FIELDS = "name kind valid_from valid_to break_note dst_code".split()


def bundled_rows(file_name: str) -> list[dict[str, str]]:
    text = resources.files("data_loaders").joinpath("data", file_name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _blank_to_none(value: str) -> str | None:
    return value if value != "" else None


def _indicator_values(row: dict[str, str], position: int) -> dict:
    values = {f: _blank_to_none(row[f]) for f in INDICATOR_FIELDS}
    values["definition"] = row["definition"]
    values["source"] = row["source"]
    values["frequency"] = row["frequency"]
    values["whole_number"] = row["whole_number"] == "1"
    # Only an explicit 0 makes a count a count of things: blank stays on the safe side.
    values["counts_people"] = row["counts_people"] != "0"
    for f in ("min_value", "max_value"):
        values[f] = float(row[f]) if row[f] else None
    values["position"] = position
    return values


def sync_catalogue(session: Session) -> bool:
    """Make indicators, areas, baselines and targets match the bundled files. True if it wrote."""
    changed = False
    indicators = {i.code: i for i in session.scalars(select(Indicator))}
    for position, row in enumerate(bundled_rows("indicator_catalogue.csv")):
        changed |= _upsert(
            session, indicators, Indicator, row["code"], _indicator_values(row, position)
        )
    areas = {a.code: a for a in session.scalars(select(Area))}
    area_rows = bundled_rows("areas.csv")
    for position, row in enumerate(area_rows):
        values = {f: _blank_to_none(row[f]) for f in AREA_FIELDS}
        values["break_note"] = row["break_note"]
        for f in ("valid_from", "valid_to"):
            values[f] = int(row[f]) if row[f] else None
        values["position"] = position
        changed |= _upsert(session, areas, Area, row["code"], values)
    session.flush()
    for row in area_rows:  # links second: a parent may come later in the file
        area = areas[row["code"]]
        for link, code in (("parent_id", row["parent"]), ("predecessor_id", row["predecessor"])):
            wanted = areas[code].id if code else None
            if getattr(area, link) != wanted:
                setattr(area, link, wanted)
                changed = True
        aliases = {a.name for a in area.aliases}
        for alias in filter(None, row["aliases"].split("|")):
            if alias not in aliases:
                area.aliases.append(AreaAlias(name=alias))
                changed = True
    session.flush()
    changed |= _sync_plan_goals(session, indicators, _areas_by_name(session))
    session.flush()
    return changed


def add_indicator(url: str, code: str, name: str, unit: str, **values) -> None:
    """``tryghed indicators add``: one more indicator in the database's catalogue (the
    bundled file stays as shipped; ``sync_catalogue`` never deletes). Refuses a code or a
    name the catalogue already has, as ``InputError``."""
    from dashboard.db import session_scope
    from data_loaders.errors import InputError

    if not re.fullmatch(r"[a-z0-9_]{2,80}", code):
        raise InputError("indicator catalogue", f"code {code!r}: use 2-80 of a-z, 0-9 and _")
    with session_scope(url) as session:
        sync_catalogue(session)
        catalogue = Catalogue.read(session)
        same = catalogue.indicators.get(code) or catalogue.by_name.get(normalise_name(name))
        if same is not None:
            raise InputError(
                "indicator catalogue",
                f"the catalogue already has {same.code!r} ({same.name}); nothing was added",
            )
        session.add(Indicator(code=code, name=name, unit=unit, position=10_000, **values))


def _upsert(session: Session, existing: dict, model, code: str, values: dict) -> bool:
    row = existing.get(code)
    if row is None:
        row = existing[code] = model(code=code, **values)
        session.add(row)
        return True
    differs = {k: v for k, v in values.items() if getattr(row, k) != v}
    for key, value in differs.items():
        setattr(row, key, value)
    return bool(differs)


def _areas_by_name(session: Session) -> dict[str, Area]:
    return {a.name: a for a in session.scalars(select(Area))}


def _sync_plan_goals(session: Session, indicators: dict, areas: dict[str, Area]) -> bool:
    changed = False
    baselines = {
        (b.indicator_id, b.area_id, b.plan_year, b.source): b
        for b in session.scalars(select(Baseline))
    }
    for row in bundled_rows("plan_baselines.csv"):
        indicator, area = indicators[row["indicator"]], areas[row["area"]]
        key = (indicator.id, area.id, int(row["plan_year"]), row["source"])
        values = {
            "partnership_name": row["partnership"],
            "period": _blank_to_none(row["period"]),
            "value": float(row["value"]),
            "qualifier": row["qualifier"],
            "text": row["text"],
        }
        changed |= _upsert_keyed(session, baselines, Baseline, key, values)
    targets = {
        (t.indicator_id, t.partnership_name, t.plan_year, t.source): t
        for t in session.scalars(select(Target))
    }
    for row in bundled_rows("plan_targets.csv"):
        indicator = indicators[row["indicator"]]
        key = (indicator.id, row["partnership"], int(row["plan_year"]), row["source"])
        values = {
            "area_id": areas[row["area"]].id if row["area"] else None,
            "min_value": float(row["min_value"]) if row["min_value"] else None,
            "max_value": float(row["max_value"]) if row["max_value"] else None,
            "per": row["per"],
            "text": row["text"],
            "activity_name": _blank_to_none(row["activity_name"]),
        }
        changed |= _upsert_keyed(session, targets, Target, key, values)
    return changed


def _upsert_keyed(session: Session, existing: dict, model, key: tuple, values: dict) -> bool:
    row = existing.get(key)
    if row is None:
        names = [c for c in model.__table__.c.keys() if c in _KEY_COLUMNS[model.__tablename__]]
        session.add(model(**dict(zip(names, key, strict=True)), **values))
        return True
    differs = {k: v for k, v in values.items() if getattr(row, k) != v}
    for name, value in differs.items():
        setattr(row, name, value)
    return bool(differs)


# Key columns in table order, matching the tuples built above.
_KEY_COLUMNS = {
    "baseline": ("indicator_id", "area_id", "plan_year", "source"),
    "target": ("indicator_id", "partnership_name", "plan_year", "source"),
}


@dataclass
class Catalogue:
    """Lookups the loaders need, read once per load."""

    indicators: dict[str, Indicator]  # by code
    areas: dict[str, Area]  # by normalised name, alias, code and DST code
    dst_indicators: dict[tuple[str, str], Indicator]  # (table, code or normalised label)
    by_name: dict[str, Indicator] = field(default_factory=dict)  # by normalised name

    @classmethod
    def read(cls, session: Session) -> Catalogue:
        indicators = {i.code: i for i in session.scalars(select(Indicator))}
        areas: dict[str, Area] = {}
        by_id = {}
        for area in session.scalars(select(Area)):
            by_id[area.id] = area
            areas[normalise_name(area.name)] = area
            areas[normalise_name(area.code)] = area
        for alias in session.scalars(select(AreaAlias)):
            areas.setdefault(normalise_name(alias.name), by_id[alias.area_id])
        dst: dict[tuple[str, str], Indicator] = {}
        for indicator in indicators.values():
            if indicator.dst_table:
                table = indicator.dst_table.upper()
                dst[(table, indicator.dst_code or "")] = indicator
                dst[(table, normalise_name(indicator.dst_label or ""))] = indicator
        by_name = {normalise_name(i.name): i for i in indicators.values()}
        return cls(indicators, areas, dst, by_name)

    def indicator(self, text: str) -> Indicator | None:
        """The indicator a file names: by its code, by its own name ("Andel utrygge i eget
        nabolag"), or as "<StatBank table> <category>" ("STRAF11 Voldsforbrydelser i alt")."""
        found = self.indicators.get(text) or self.by_name.get(normalise_name(text))
        if found is None and " " in text:
            table, category = text.split(" ", 1)
            found = self.dst_indicators.get((table.upper(), category)) or self.dst_indicators.get(
                (table.upper(), normalise_name(category))
            )
        return found

    def area(self, name: str) -> Area | None:
        return self.areas.get(normalise_name(name))

    def area_by_dst_code(self, code: str) -> Area | None:
        return next((a for a in self.areas.values() if a.dst_code == code), None)
