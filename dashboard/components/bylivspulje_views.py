"""How Bylivspuljen's data is drawn: the year's money, the applications by state and the
history (the forms are in ``bylivspulje_forms``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from dash import dcc, html

from dashboard.clock import local_day
from dashboard.components.format import UNDECIDED, form_number, long_date, money, parse_date
from dashboard.components.tables import Column, data_table
from dashboard.model.bylivspulje import APPLICANT_KINDS, POOL_USES, RECEIVED_VIA
from dashboard.numbers import end_sentence

STATE_LABELS = {
    "modtaget": "Modtaget",
    "indstillet": "Indstillet",
    "besluttet": "Besluttet",
    "afrapporteret": "Afrapporteret",
}
ENTITY_LABELS = {"application": "Ansøgning", "recommendation": "Indstilling"}
ACTION_LABELS = {
    "created": "oprettet",
    "recommended": "indstillet",
    "decided": "besluttet",
    "reported": "afrapporteret",
}


def money_view(pool) -> html.Div:
    """Frame, granted, spent and left for the year; "ikke besluttet" while the frame is '?'."""
    if not pool.has_line:
        note = f"Planen har ingen linje for Bylivspuljen i {pool.year}."
    elif pool.frame is None:
        note = f"Rammen for {pool.year} er ikke besluttet i planen ('?'); bevillinger tælles med."
    elif pool.raised:
        note = end_sentence(f"Styregruppen har hævet rammen med {money(pool.raised)}")
    else:
        note = None
    cells = [
        ("Ramme", money(pool.frame) if pool.has_line else UNDECIDED, "byl-ramme"),
        ("Bevilget", money(pool.granted), "byl-bevilget"),
        ("Forbrugt", money(pool.spent), "byl-forbrugt"),
        ("Tilbage", money(pool.left), "byl-tilbage"),
    ]
    return html.Div(
        [
            html.Dl(
                [
                    part
                    for label, value, cell_id in cells
                    for part in (
                        html.Dt(label, className="col-sm-3"),
                        html.Dd(value, id=cell_id, className="col-sm-9"),
                    )
                ],
                className="row mb-1",
            ),
            html.P(note, className="small text-muted") if note else None,
        ]
    )


APPLICATION_COLUMNS = [
    Column("title", "Ansøgning"),
    Column("use", "Formål i planen"),
    Column("applicant", "Ansøger"),
    Column("received", "Modtaget"),
    Column("asked", "Ansøgt", numeric=True),
    Column("state", "Status"),
    Column("recommended", "Indstilling"),
    Column("granted", "Bevilget", numeric=True),
    Column("spent", "Forbrugt", numeric=True),
]


def applications_table(rows) -> html.Div:
    records = [
        {
            "title": html.Span([html.Strong(r.title), html.Br(), r.purpose, *_place(r)]),
            "use": r.use_label,
            "applicant": ", ".join(x for x in (r.applicant, r.organisation) if x),
            "received": f"{long_date(r.received_on)} via {r.received_via.lower()}",
            "asked": money(r.amount_asked),
            "state": STATE_LABELS[r.state],
            "recommended": _recommended(r),
            "granted": "–" if r.amount_granted is None else money(r.amount_granted),
            "spent": "–" if r.amount_spent is None else money(r.amount_spent),
        }
        for r in rows
    ]
    return data_table(
        "Ansøgninger til Bylivspuljen",
        APPLICATION_COLUMNS,
        records,
        stack=True,
        empty="Ingen ansøgninger i det valgte år og den valgte status.",
    )


def point_text(lon: float | None, lat: float | None) -> str | None:
    """ "længdegrad 12,5966, breddegrad 55,6594" (as the form asks for them), or None."""
    if lon is None or lat is None:
        return None
    return f"længdegrad {form_number(lon)}, breddegrad {form_number(lat)}"


def _place(row) -> list:
    """The place under the purpose: its words and its point on the map, when given."""
    point = point_text(row.lon, row.lat)
    where = "; ".join(x for x in (row.place, point and f"på kortet {point}") if x)
    return [html.Br(), html.Span(f"Sted: {where}", className="small")] if where else []


def _recommended(row) -> str:
    if row.recommendation_id is None:
        return "–"
    text = f"{'For' if row.recommended_for else 'Imod'}, {row.package}"
    if row.decided_on is not None:
        text += f"; besluttet {long_date(row.decided_on)} ({row.decided_where})"
    return text


@dataclass(frozen=True)
class HistoryWords:
    """How one history (the pool's, the safety walks') reads: the words for its entities,
    actions and fields, and which fields hold what, so that every value is shown in the
    page's words: amounts in kr., dates in Danish, decimals with a comma, codes by their
    labels, ids by the name of what they point to (``names``: field → id → name or day, as
    the page's query reads them; an id it cannot name is left out rather than shown raw)."""

    entities: Mapping[str, str]
    actions: Mapping[str, str]
    fields: Mapping[str, str]
    codes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    amounts: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    decimals: frozenset[str] = frozenset()
    unshown: frozenset[str] = frozenset()
    yes_no: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    names: Mapping[str, Mapping[int, object]] = field(default_factory=dict)


def history_view(changes, words: HistoryWords | None = None) -> html.Div:
    """The changes, newest first: who, when, what, old → new, in ``words`` (the pool's
    unless another history's are given)."""
    words = words or POOL_HISTORY
    if not changes:
        return html.P("Ingen ændringer endnu.", className="text-muted")
    return html.Ul(
        [
            html.Li(
                f"{long_date(local_day(c.changed_at))}, {c.changed_by}: "
                f"{words.entities.get(c.entity, c.entity)}"
                f"{' ' + c.subject if c.subject else ''} "
                f"{words.actions.get(c.action, c.action)} – {_changes_text(c.changes, words)}"
            )
            for c in changes
        ],
        className="small",
    )


def _changes_text(changes: str, words: HistoryWords) -> str:
    """ "ansøgt: 40.000 kr.; forbrugt: 12.000 kr. → 18.000 kr.": a field set for the first
    time shows its value, a changed one old → new."""
    fields = json.loads(changes)
    return "; ".join(
        f"{words.fields.get(key, key)}: "
        + (
            _value(key, new, words)
            if old is None or old == ""
            else f"{_value(key, old, words)} → {_value(key, new, words)}"
        )
        for key, (old, new) in fields.items()
        # An empty field created empty (no note given) says nothing.
        if key not in words.unshown and not (old in (None, "") and new in (None, ""))
    )


def _value(key: str, value, words: HistoryWords) -> str:
    """A stored value in the page's words."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        yes, no = words.yes_no.get(key, ("ja", "nej"))
        return yes if value else no
    if key in words.amounts and isinstance(value, int):
        return money(value)
    if key in words.dates:
        parsed = parse_date(value)
        return long_date(parsed) if parsed else str(value)
    if key in words.decimals and isinstance(value, int | float):
        return form_number(value)
    if key in words.names:
        named = words.names[key].get(value)
        if isinstance(named, date):
            return long_date(named)
        # An id nothing names any more (a row deleted since) is no word for a reader.
        return str(named) if named is not None else "–"
    return words.codes.get(key, {}).get(value, str(value))


# The stored fields in the history's words.
FIELD_LABELS = {
    "year": "år",
    "title": "titel",
    "purpose": "formål",
    "use": "brug",
    "applicant_kind": "ansøger",
    "organisation": "organisation",
    "amount_asked": "ansøgt",
    "place": "sted",
    "lon": "længdegrad",
    "lat": "breddegrad",
    "received_on": "modtaget",
    "received_via": "via",
    "in_favour": "indstilling",
    "amount": "indstillet beløb",
    "reason": "begrundelse",
    "recommended_on": "indstillet den",
    "applications": "ansøgninger",
    "recommendation_id": "samlet i",
    "decided_on": "besluttet den",
    "in_writing": "skriftligt",
    "meeting_id": "møde",
    "decision_id": "beslutning",
    "frame_raise": "rammen hævet med",
    "decision_note": "bemærkning",
    "grants": "bevillinger",
    "amount_granted": "bevilget",
    "carried_out": "gennemført",
    "amount_spent": "forbrugt",
    "report": "afrapportering",
    "reported_on": "afrapporteret den",
}


POOL_HISTORY = HistoryWords(
    ENTITY_LABELS,
    ACTION_LABELS,
    FIELD_LABELS,
    codes={"use": POOL_USES, "applicant_kind": APPLICANT_KINDS, "received_via": RECEIVED_VIA},
    amounts=frozenset({"amount_asked", "amount", "frame_raise", "amount_granted", "amount_spent"}),
    dates=frozenset({"received_on", "recommended_on", "decided_on", "reported_on"}),
    # Kept in the history for the record, but ids a reader cannot place (the application's
    # own row says what it was granted, the table where it was decided).
    unshown=frozenset({"applications", "meeting_id", "decision_id", "grants"}),
    yes_no={"in_favour": ("for", "imod")},
    decimals=frozenset({"lon", "lat"}),
)


def pool_history_words(packages: Mapping[int, str]) -> HistoryWords:
    """The pool's history in the page's words, the packages its ids point to named as
    ``packages`` (``queries.bylivspulje.package_labels``) names them."""
    return replace(POOL_HISTORY, names={"recommendation_id": packages})


def pool_use_table(pools, href: str) -> html.Div:
    """The pool's use per year beside its budget line (/okonomi), with a link to its page."""
    rows = [
        {
            "year": str(p.year),
            "frame": money(p.frame) if p.has_line else UNDECIDED,
            "granted": money(p.granted),
            "spent": money(p.spent),
            "left": money(p.left),
        }
        for p in pools
    ]
    columns = [
        Column("year", "År"),
        Column("frame", "Ramme", numeric=True),
        Column("granted", "Bevilget", numeric=True),
        Column("spent", "Forbrugt", numeric=True),
        Column("left", "Tilbage", numeric=True),
    ]
    return html.Div(
        [
            data_table("Bylivspuljens brug pr. år", columns, rows, empty="Ingen Bylivspulje."),
            html.P(dcc.Link("Ansøgninger og bevillinger i Bylivspuljen", href=href)),
        ],
        id="okonomi-bylivspulje",
    )
