"""Routes of the public blueprint: one function per URL, each reading public queries only."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request

from dashboard.components.area_map import area_map
from dashboard.components.format import long_date, money, number
from dashboard.components.summaries import year_sentence
from dashboard.components.svg_charts import hatch_definitions, stacked_bar, swatch, trend_chart
from dashboard.components.trend_text import (
    indicator_value,
    point_label,
    source_label,
    trend_sentence,
)
from dashboard.db import request_session
from dashboard.public import http
from dashboard.public.content import accessibility_contact, partnership_text
from dashboard.public.open_data import (
    ATTRIBUTION,
    LICENCE_NAME,
    LICENCE_URL,
    TABLES,
    as_csv,
    as_json,
    openapi_document,
)
from dashboard.queries import public as q
from dashboard.queries.budget import year_totals

public = Blueprint("public", __name__, template_folder="templates")

# The internal (Dash) pages linked from the public header; they ask for a login themselves.
INTERNAL_LINKS = [
    ("/okonomi", "Økonomi"),
    ("/leverancer", "Leverancer"),
    ("/tryghed", "Tryghed og kriminalitet"),
    ("/moede", "Møde"),
]


@public.after_request
def _finish(response: Response) -> Response:
    return http.finish_page(response)


@public.app_context_processor
def _template_helpers() -> dict:
    return {
        "static_url": http.static_url,
        "internal_links": INTERNAL_LINKS,
        "money": money,
        "number": number,
        "long_date": long_date,
        "UNDER_5": q.UNDER_5,
    }


@public.get("/")
def overview():
    with request_session() as session:
        plan = q.public_plan(session)
        totals = year_totals(session, plan.id) if plan else []
        progress = q.deliverable_progress(session, plan.id) if plan else []
        trends = q.key_trends(session)
        fresh = q.freshness(session)
    texts = partnership_text(
        plan.partnership_slug if plan else None, plan.partnership if plan else "Partnerskabet"
    )
    frame_scale = max([t.frame or 0 for t in totals] + [t.known for t in totals] + [1])
    return render_template(
        "public/overview.html",
        plan=plan,
        texts=texts,
        totals=totals,
        year_sentences=[year_sentence(t) for t in totals],
        money_bars=[
            stacked_bar([(t.known, "solid"), (max(t.unallocated or 0, 0), "hatched")], frame_scale)
            for t in totals
        ],
        progress=progress,
        progress_bars=[
            stacked_bar([(p.share_done, "solid"), (100 - p.share_done, "empty")], 100)
            if p.share_done is not None
            else None
            for p in progress
        ],
        statuses=q.STATUS_LABELS,
        trends=[
            {
                "trend": t,
                "sentence": trend_sentence(t),
                "chart": trend_chart(t),
                "sources": [(url, source_label(url)) for url in t.sources],
                "rows": [
                    (p.period, point_label(p, t.unit), p.area, p.comparable, p.note)
                    for p in t.points
                ],
            }
            for t in trends
        ],
        indicator_value=indicator_value,
        map=area_map(),
        fresh=fresh,
        hatch=hatch_definitions(),
        swatch=swatch,
    )


@public.get("/data")
def open_data_page():
    with request_session() as session:
        fresh = q.freshness(session)
    return render_template(
        "public/data.html",
        tables=TABLES.values(),
        licence_name=LICENCE_NAME,
        licence_url=LICENCE_URL,
        attribution=ATTRIBUTION,
        fresh=fresh,
    )


@public.get("/data/<name>.<fmt>")
def open_data_file(name: str, fmt: str):
    table = TABLES.get(name)
    if table is None or fmt not in ("json", "csv"):
        abort(404)
    with request_session() as session:
        plan = q.public_plan(session)
        rows = table.rows(session, plan.id if plan else None)
        fresh = q.freshness(session)
    if fmt == "csv":
        response = Response(as_csv(table, rows), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
    else:
        response = _json(as_json(table, rows, fresh.updated))
    # Open data is for everyone's scripts and pages, wherever they run.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@public.get("/data/openapi.json")
def openapi():
    response = _json(openapi_document(request.host_url.rstrip("/")))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@public.get("/tilgaengelighed")
def accessibility_statement():
    return render_template("public/tilgaengelighed.html", contact=accessibility_contact())


@public.get("/robots.txt")
def robots():
    # Everything public may be indexed; the internal pages answer anonymous visitors with
    # the login page anyway.
    text = "User-agent: *\nAllow: /\nDisallow: /_dash\nDisallow: /auth/\n"
    return Response(text, mimetype="text/plain")


@public.get("/filer/<name>")
def static_file(name: str):
    if name not in http.STATIC_FILES:
        abort(404)
    return http.static_response(name)


def _json(document: dict) -> Response:
    return Response(json.dumps(document, ensure_ascii=False, indent=1), mimetype="application/json")
