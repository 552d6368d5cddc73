"""How the safety walks' data is drawn on the page: the findings table (the map's text
alternative), the walks held and the history's words (the forms: ``walk_forms``; the map:
``walk_map``)."""

from __future__ import annotations

from dash import html

from dashboard.components.bylivspulje_views import HistoryWords
from dashboard.components.format import long_date, number
from dashboard.components.tables import Column, data_table
from dashboard.model.walks import ACTION_STATUSES, FINDING_CATEGORIES, PARTICIPANT_KINDS

HISTORY_LABELS = (
    {"walk": "Vandring", "finding": "Fund", "action": "Handling", "follow_up": "Opfølgning"},
    {
        "created": "oprettet",
        "changed": "ændret",
        "status": "ny status",
        "followed_up": "fulgt op",
    },
    {
        "walked_on": "dato",
        "route": "rute",
        **{k: v.lower() for k, v in PARTICIPANT_KINDS.items()},
        "walk_id": "vandring",
        "lon": "længdegrad",
        "lat": "breddegrad",
        "place": "sted",
        "category": "kategori",
        "description": "beskrivelse",
        "what": "handling",
        "party_id": "ansvarlig",
        "due_on": "frist",
        "pool_application_id": "betales af Bylivspuljen",
        "status": "status",
        "reason": "begrundelse",
        "finding_id": "fund",
        "fixed": "udbedret",
        "note": "bemærkning",
    },
)


def history_words(names) -> HistoryWords:
    """The walks' history in the page's words; ``names`` (``queries.walks.history_names``)
    names the walks, findings, parties and Bylivspulje applications its ids point to."""
    entities, actions, fields = HISTORY_LABELS
    return HistoryWords(
        entities,
        actions,
        fields,
        codes={"category": FINDING_CATEGORIES, "status": ACTION_STATUSES},
        dates=frozenset({"walked_on", "due_on"}),
        decimals=frozenset({"lon", "lat"}),
        names=names,
    )


def findings_table(rows, today) -> html.Div:
    """Every finding shown on the map, by its number, with its status in words."""
    columns = [
        Column("number", "Nr.", numeric=True),
        Column("status", "Status"),
        Column("category", "Kategori"),
        Column("place", "Sted"),
        Column("found", "Fundet"),
        Column("action", "Handling"),
        Column("party", "Ansvarlig"),
        Column("due", "Frist"),
    ]
    data = [
        {
            "number": str(r.number),
            "status": r.status_label + (f": {r.reason}" if r.status == "afvist" else ""),
            "category": r.category_label,
            "place": html.Span([html.Strong(r.place), html.Br(), r.description]),
            "found": long_date(r.walked_on),
            "action": _action_text(r),
            "party": r.party or "–",
            "due": (long_date(r.due_on) + (" (overskredet)" if r.overdue(today) else ""))
            if r.due_on
            else "–",
        }
        for r in rows
    ]
    return data_table(
        "Fund fra tryghedsvandringerne", columns, data, stack=True, empty="Ingen fund."
    )


def _action_text(row) -> str:
    if row.what is None:
        return "Ingen handling endnu" + (
            f" (udbedret {long_date(row.fixed_on)})" if row.fixed_on else ""
        )
    text = row.what
    if row.pool_application:
        text += f" (Bylivspuljen: {row.pool_application})"
    return text


def walks_table(rows) -> html.Div:
    columns = [
        Column("date", "Dato"),
        Column("route", "Rute"),
        *(Column(kind, label, numeric=True) for kind, label in PARTICIPANT_KINDS.items()),
        Column("findings", "Fund", numeric=True),
    ]
    data = [
        {
            "date": long_date(w.walked_on),
            "route": w.route,
            **{kind: number(getattr(w, kind)) for kind in PARTICIPANT_KINDS},
            "findings": number(w.findings),
        }
        for w in rows
    ]
    return data_table(
        "Tryghedsvandringer", columns, data, stack=True, empty="Ingen tryghedsvandringer endnu."
    )


def map_description(area_description: str, rows) -> str:
    """The map's text alternative: the area, then each finding by number and status."""
    if not rows:
        return f"{area_description} Ingen fund vises."
    listed = "; ".join(f"{r.number}: {r.place}, {r.status_label.lower()}" for r in rows)
    return f"{area_description} Fund på kortet: {listed}."
