"""Routes of the public blueprint: one function per URL, each reading public queries only.

``/p/<slug>/`` is a partnership's overview (Overblik). ``/`` is that overview when the
installation serves one partnership, and the list of partnerships when it serves several.
The header, title and footer name the partnership the page is about, or, on the shared
pages (/data, /tilgaengelighed, the list), the only one or every one."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.components.area_map import area_map
from dashboard.components.format import keep_together, long_date, money, number, percent
from dashboard.components.glance_tiles import period_notice
from dashboard.components.summaries import year_sentence
from dashboard.components.svg_charts import hatch_definitions, stacked_bar, swatch, trend_chart
from dashboard.components.trend_text import (
    indicator_value,
    point_label,
    source_label,
    trend_sentence,
)
from dashboard.components.walk_map import map_data_uri
from dashboard.db import request_session
from dashboard.public import http
from dashboard.public.content import (
    STATEMENT_REVIEWED,
    STATEMENT_WRITTEN,
    accessibility_contact,
    footer_line,
    partnership_text,
)
from dashboard.public.open_data import (
    ATTRIBUTION,
    LICENCE_NAME,
    LICENCE_URL,
    PARAMETER,
    TABLES,
    as_csv,
    as_json,
)
from dashboard.public.openapi import openapi_document
from dashboard.queries import public as q
from dashboard.queries import public_figures as figures
from dashboard.queries.budget import year_totals
from dashboard.queries.bylivspulje import granted_projects
from dashboard.queries.partnership import partnership_by_slug
from dashboard.queries.period import plan_period
from dashboard.queries.public_partnership import (
    PublicPartnership,
    public_partnership,
    public_partnerships,
)
from dashboard.queries.public_walks import walk_summary
from dashboard.urls import partnership_path

public = Blueprint("public", __name__, template_folder="templates")

# The internal (Dash) pages, in the public header for logged-in users only: to anyone else
# each would be a login form, so a resident sees "Log ind" instead of four dead ends.
# Unprefixed they lead to the user's own partnership (``dashboard.app``).
INTERNAL_LINKS = [
    ("/okonomi", "Økonomi"),
    ("/leverancer", "Leverancer"),
    ("/tryghed", "Tryghed"),
    ("/moede", "Møde"),
]


@public.after_request
def _finish(response: Response) -> Response:
    return http.finish_page(response)


public.add_app_template_filter(keep_together)


@public.app_context_processor
def _template_helpers() -> dict:
    return {
        "static_url": http.static_url,
        # Amounts and percentages never break across lines on the public pages.
        "money": lambda amount: keep_together(money(amount)),
        "number": number,
        "percent": percent,
        "long_date": long_date,
        "UNDER_5": q.UNDER_5,
    }


def _page(
    session: Session,
    template: str,
    partnership: PublicPartnership | None = None,
    status: int = 200,
    **context,
):
    """Render ``template`` in the public frame: header, title and footer of ``partnership``,
    or (a shared page) of the installation's only partnership, or of all of them."""
    everyone = context.pop("everyone", None)
    if everyone is None:
        everyone = public_partnerships(session)
    shown = partnership or (everyone[0] if len(everyone) == 1 else None)
    home = partnership_path(shown.slug) if shown else "/"
    html = render_template(
        template,
        site_partnership=shown,
        home_href=home,
        home_current=request.path in (home, "/") if shown else request.path == "/",
        logged_in=current_user.is_authenticated,
        internal_links=_internal_links(shown),
        footer_lines=[footer_line(p) for p in ([shown] if shown else everyone)],
        **context,
    )
    return Response(html, status=status, mimetype="text/html")


def _internal_links(shown: PublicPartnership | None) -> list[tuple[str, str]]:
    """The internal pages for the header: none for an anonymous visitor; the shown
    partnership's for its members, the user's own partnership's for anyone else."""
    if not current_user.is_authenticated:
        return []
    own = shown is not None and current_user.member_of(shown.id)
    return [
        (partnership_path(shown.slug, path) if own else path, label)
        for path, label in INTERNAL_LINKS
    ]


@public.get("/")
def overview():
    """The only partnership's overview, or the list to choose from."""
    with request_session() as session:
        everyone = public_partnerships(session)
        if len(everyone) == 1:
            return _overview(session, everyone[0])
        return _page(session, "public/partnerships.html", partnerships=everyone, everyone=everyone)


@public.get("/p/<slug>/")
def partnership_overview(slug: str):
    with request_session() as session:
        partnership = public_partnership(session, slug)
        if partnership is None:
            return _page(session, "public/not_found.html", status=404, slug=slug)
        return _overview(session, partnership)


def _overview(session: Session, partnership: PublicPartnership):
    plan = q.public_plan(session, partnership.id)
    totals = year_totals(session, plan.id) if plan else []
    lines = q.budget_per_activity(session, plan.id) if plan else []
    progress = q.deliverable_progress(session, plan.id) if plan else []
    trends = figures.key_trends(session, partnership.id)
    fresh = q.freshness(session, partnership.id)
    pool_projects = granted_projects(session, partnership.id)
    walked = walk_summary(session, partnership.id)
    area = area_map(partnership.map_outline)
    frame_scale = max([t.frame or 0 for t in totals] + [t.known for t in totals] + [1])
    return _page(
        session,
        "public/overview.html",
        partnership,
        plan=plan,
        texts=partnership_text(partnership),
        undescribed=plan is not None
        and any(
            not (a.purpose or a.target_group) for area in plan.focus_areas for a in area.activities
        ),
        totals=totals,
        activity_budget=_by_activity(lines),
        year_sentences=[keep_together(year_sentence(t)) for t in totals],
        money_bars=[
            stacked_bar([(t.known, "solid"), (max(t.unallocated or 0, 0), "hatched")], frame_scale)
            for t in totals
        ],
        pool_projects=pool_projects,
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
                "sentence": keep_together(trend_sentence(t)),
                "chart": trend_chart(t),
                "sources": [(url, source_label(url)) for url in t.sources],
                "rows": [
                    (
                        p.period,
                        keep_together(point_label(p, t.unit)),
                        p.area,
                        p.comparable,
                        keep_together(p.note),
                    )
                    for p in t.points
                ],
            }
            for t in trends
        ],
        indicator_value=indicator_value,
        map=area,
        walked=walked,
        fixed_map=map_data_uri(area, walked.fixed, with_status=False) if walked.fixed else None,
        fresh=fresh,
        period_notice=period_notice(
            plan_period(session, plan.id, clock.today()) if plan else None, final_state=False
        ),
        hatch=hatch_definitions(),
        swatch=swatch,
    )


def _by_activity(lines: list[dict]) -> list[tuple[str, str, dict[int, dict]]]:
    """The plan's budget lines as rows of (focus area, activity, year → line), in plan order."""
    rows: dict[tuple[str, str], dict[int, dict]] = {}
    for line in lines:
        rows.setdefault((line["focus_area_name"], line["activity"]), {})[line["year"]] = line
    return [(area, activity, years) for (area, activity), years in rows.items()]


@public.get("/data")
def open_data_page():
    with request_session() as session:
        everyone = public_partnerships(session)
        return _page(
            session,
            "public/data.html",
            tables=TABLES.values(),
            licence_name=LICENCE_NAME,
            licence_url=LICENCE_URL,
            attribution=ATTRIBUTION,
            fresh=q.freshness(session, None),
            partnerships=everyone,
            parameter=PARAMETER,
            everyone=everyone,
        )


@public.get("/data/<name>.<fmt>")
def open_data_file(name: str, fmt: str):
    """A table as JSON or CSV: every partnership's rows, or with ``?partnerskab=<slug>`` one
    partnership's (an unknown slug is 404, in words, never an empty table)."""
    table = TABLES.get(name)
    if table is None or fmt not in ("json", "csv"):
        abort(404)
    slug = request.args.get(PARAMETER)
    with request_session() as session:
        partnership = partnership_by_slug(session, slug) if slug is not None else None
        if slug is not None and partnership is None:
            response = _unknown_partnership(slug, fmt, public_partnerships(session))
        else:
            rows = table.rows(session, partnership)
            fresh = q.freshness(session, partnership.id if partnership else None)
            if fmt == "csv":
                response = Response(as_csv(table, rows), mimetype="text/csv")
                response.headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
            else:
                response = _json(as_json(table, rows, fresh.updated))
    # Open data is for everyone's scripts and pages, wherever they run.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _unknown_partnership(slug: str, fmt: str, everyone: tuple[PublicPartnership, ...]) -> Response:
    known = [p.slug for p in everyone]
    message = (
        f"Der er intet partnerskab, der hedder »{slug}«. Brug et af disse: "
        + (", ".join(known) or "(ingen endnu)")
        + f", eller udelad ?{PARAMETER}= for alle partnerskaber."
    )
    if fmt == "json":
        response = _json({"error": message, "partnerskab": slug, "partnerskaber": known})
    else:
        response = Response(message + "\n", mimetype="text/plain")
    response.status_code = 404
    return response


@public.get("/data/openapi.json")
def openapi():
    response = _json(openapi_document(request.host_url.rstrip("/")))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@public.get("/tilgaengelighed")
def accessibility_statement():
    with request_session() as session:
        everyone = public_partnerships(session)
        return _page(
            session,
            "public/tilgaengelighed.html",
            contact=accessibility_contact(),
            written=STATEMENT_WRITTEN,
            reviewed=STATEMENT_REVIEWED,
            parties=[footer_line(p) for p in everyone],
            partnerships=everyone,
            everyone=everyone,
        )


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
