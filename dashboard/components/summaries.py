"""Sentences generated from the data, in Danish, shown above charts and read by screen readers."""

from __future__ import annotations

from dashboard.components.format import money, number
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
