"""Sentences generated from the data, in Danish, shown above charts and read by screen readers."""

from __future__ import annotations

import pandas as pd

from dashboard.components.format import money, number
from dashboard.frames import row_tuples
from dashboard.queries.budget import BudgetChange, YearTotals


def year_sentence(totals: YearTotals) -> str:
    """ "I 2018 er 640.000 kr. af rammen på 1.200.000 kr. fordelt; 560.000 kr. er endnu ikke
    fordelt, og 4 beløb er ikke besluttet." """
    if totals.frame is None:
        sentence = f"I {totals.year} er {money(totals.known)} fordelt; rammen er ikke oplyst"
    elif totals.unallocated == 0:
        sentence = f"I {totals.year} er hele rammen på {money(totals.frame)} fordelt"
    else:
        sentence = (
            f"I {totals.year} er {money(totals.known)} af rammen på {money(totals.frame)} "
            f"fordelt; {money(totals.unallocated)} er endnu ikke fordelt"
        )
    count = len(totals.undecided)
    if count:
        sentence += f", og {number(count)} beløb er ikke besluttet"
    return sentence + "."


def area_year_cell(known: int, known_cells: int, undecided: int) -> str:
    """ "235.000 kr.", "ikke besluttet" or "0 kr. + 2 beløb ikke besluttet": an area-year whose
    cells are all '?' is never shown as 0 kr."""
    if not undecided:
        return money(known)
    if not known_cells:
        return "ikke besluttet" if undecided == 1 else f"{number(undecided)} beløb ikke besluttet"
    return f"{money(known)} + {number(undecided)} beløb ikke besluttet"


def area_year_rows(by_area: pd.DataFrame, years: list[int]) -> list[tuple[str, list[str]]]:
    """The rows of the table "fordelt pr. indsatsområde og år" (``known_by_focus_area``)."""
    rows = []
    for label, group in by_area.groupby("focus_area_label", sort=False):
        cells = {
            r.year: area_year_cell(r.known, r.known_cells, r.undecided) for r in row_tuples(group)
        }
        rows.append((label, [cells.get(year, money(0)) for year in years]))
    return rows


KIND_WORDS = {
    "added": "ny budgetlinje",
    "removed": "fjernet",
    "changed": "ændret",
    "decided": "besluttet",
    "undecided": "ikke længere besluttet",
}


def change_sentence(change: BudgetChange) -> str:
    """ "Bylivspuljen 2018: ikke besluttet → 200.000 kr. (besluttet)"."""
    if change.kind == "added":
        return f"{change.activity} {change.year}: ny budgetlinje med {money(change.new)}"
    if change.kind == "removed":
        return f"{change.activity} {change.year}: fjernet (var {money(change.old)})"
    return (
        f"{change.activity} {change.year}: {money(change.old)} → {money(change.new)} "
        f"({KIND_WORDS[change.kind]})"
    )
