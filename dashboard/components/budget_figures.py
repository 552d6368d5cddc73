"""The /okonomi charts, from ``queries.budget``: funding per focus area and year with the
unallocated rest hatched, and one focus area's activities over the years. Drawn on the
server as stacked bars (``svg_bars``); a '?' amount is never a segment, the words under
its year's bar count it."""

from __future__ import annotations

from functools import partial

from dashboard.components.format import money, number
from dashboard.components.svg_bars import HATCHED, BarRow, Series, fill_for, stacked_rows
from dashboard.components.svg_image import Draw

UNALLOCATED = "Endnu ikke fordelt"


def _undecided(count: int) -> str:
    return f"{number(count)} beløb ikke besluttet" if count else ""


def funding_chart(by_area, totals) -> tuple[Draw, str]:
    """A bar per year: a segment per focus area's known money, then the unallocated rest of
    the frame, hatched. Returns the drawing (for any width) and its text alternative."""
    years = [t.year for t in totals]
    labels = list(dict.fromkeys(by_area["focus_area_label"]))
    series = [Series(label, fill_for(i)) for i, label in enumerate(labels)]
    series.append(Series(UNALLOCATED, HATCHED))
    known = {(r.focus_area_label, r.year): r.known for r in by_area.itertuples()}
    rows = []
    for t in totals:
        values = {label: known.get((label, t.year), 0) for label in labels}
        values[UNALLOCATED] = max(t.unallocated or 0, 0)
        note = f"{money(t.known)} fordelt"
        note += f" af rammen på {money(t.frame)}" if t.frame is not None else ", ramme ikke oplyst"
        if t.undecided:
            note += f"; {_undecided(len(t.undecided))}"
        rows.append(BarRow(str(t.year), values, note))
    alt = (
        f"Søjler pr. år {years[0]}–{years[-1]}: hvert indsatsområdes fordelte beløb og, "
        "skraveret, det der endnu ikke er fordelt af rammen. "
        + " ".join(f"{r.label}: {r.note.removesuffix('.')}." for r in rows)
        + " Beløbene pr. indsatsområde står i tabellen under grafen."
        if rows
        else "Der er ingen budgetlinjer i planen."
    )
    return partial(stacked_rows, series, rows, money), alt


def activities_chart(lines, area_label: str) -> tuple[Draw, str]:
    """A bar per year of one area's activities; '?' cells are counted in the words, not
    drawn. Returns the drawing and its text alternative."""
    rows_of_area = lines[lines["focus_area_label"] == area_label]
    activities = list(dict.fromkeys(rows_of_area["activity"]))
    series = [Series(a, fill_for(i)) for i, a in enumerate(activities)]
    rows = []
    for year, cells in rows_of_area.groupby("year", sort=True):
        known = cells[cells["amount"].notna()]
        values = {a: int(v) for a, v in zip(known["activity"], known["amount"], strict=True)}
        open_cells = len(cells) - len(known)
        note = f"{money(sum(values.values()))} i alt"
        if open_cells:
            note += f"; {_undecided(open_cells)}"
        rows.append(BarRow(str(year), values, note))
    alt = (
        f"Søjler pr. år for aktiviteterne i {area_label}. "
        + " ".join(f"{r.label}: {r.note.removesuffix('.')}." for r in rows)
        + " Beløbene står i tabellen under grafen."
    )
    return partial(stacked_rows, series, rows, money), alt
