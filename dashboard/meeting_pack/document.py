"""The pack as one self-contained HTML document: inline CSS and SVG, no scripts, nothing
fetched (its Content-Security-Policy forbids it), so the browser and the PDF printer show
exactly the same thing. Text from the database is escaped by Jinja's autoescape."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from dashboard.clock import LOCAL
from dashboard.components.briefing_text import PAGE_NAMES, by_lead, overdue_count
from dashboard.components.deliverable_views import ROLE_LABELS
from dashboard.components.format import long_date, money, number
from dashboard.components.glance_tiles import UNFINISHED
from dashboard.components.summaries import area_year_rows, year_sentence
from dashboard.components.svg_charts import hatch_definitions, stacked_bar, swatch, trend_chart
from dashboard.components.trend_text import point_label, trend_sentence
from dashboard.frames import row_tuples
from dashboard.meeting_pack.content import PackContent
from dashboard.meeting_pack.summary import summary_context
from dashboard.model.meetings import link_label
from dashboard.queries.deliverables import STATUS_LABELS
from dashboard.queries.meetings import decisions_about


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dashboard.meeting_pack", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        money=money,
        number=number,
        long_date=long_date,
        local_time=lambda stamp: stamp.astimezone(LOCAL).strftime("%H:%M"),
        local_date=lambda stamp: long_date(stamp.astimezone(LOCAL).date()),
        css_string=css_string,
        page_name=lambda path: PAGE_NAMES.get(path, path),
    )
    return env


@cache
def _stylesheet() -> str:
    return resources.files("dashboard.meeting_pack").joinpath("templates", "pack.css").read_text()


def css_string(value: str) -> Markup:
    """A quoted CSS string that no text can break out of: anything but letters, digits and
    a few safe marks becomes a CSS escape (the meeting title ends up in ``@page`` rules)."""
    escaped = re.sub(
        r"[^0-9A-Za-zæøåÆØÅéü .,:·\-]",
        lambda m: f"\\{ord(m.group(0)):06x}",
        value,
    )
    return Markup(f'"{escaped}"')


def meeting_label(content: PackContent) -> str:
    m = content.window.meeting
    at = f" kl. {m.start_time.strftime('%H:%M')}" if m.start_time else ""
    return f"{m.body_name} {long_date(m.date)}{at}"


def pack_filename(content: PackContent) -> str:
    m = content.window.meeting
    return f"moedepakke-{m.date.isoformat()}-{m.body}.pdf"


def _year_rows(content: PackContent) -> list[dict]:
    scale = max([t.frame or t.known for t in content.totals] or [1])
    return [
        {
            "totals": t,
            "sentence": year_sentence(t),
            "bar": stacked_bar(
                [(t.known, "solid"), (max(t.unallocated or 0, 0), "hatched")], scale
            ),
        }
        for t in content.totals
    ]


def _status_rows(content: PackContent) -> list[dict]:
    return [
        {
            "party": row.party,
            "role": ROLE_LABELS.get(row.role, row.role),
            "counts": [number(count) for count in row.counts],
            "total": number(row.total),
        }
        for row in content.status_matrix.rows
    ]


def _deliverables_by_lead(content: PackContent) -> list[tuple[str, list[dict]]]:
    decided = content.decisions_by_item
    return by_lead(
        (
            row.lead,
            {
                "activity": row.activity,
                "text": row.text,
                "co": row.co,
                "due": long_date(row.due_date) if row.due_date else (row.due_text or "–"),
                "overdue": bool(row.overdue),
                "unfinished": bool(row.unfinished_at_end),
                "status": row.status_label,
                "comment": row.comment,
                "decisions": [
                    f"{long_date(d.meeting_date)}, {d.body_name}: {d.text}"
                    for d in decisions_about(
                        decided,
                        "deliverable",
                        int(row.id),
                        link_label("deliverable", row.activity, row.text),
                    )
                ],
            },
        )
        for row in row_tuples(content.deliverables)
    )


def _trends(content: PackContent) -> list[dict]:
    return [
        {
            "trend": trend,
            "chart": trend_chart(trend),
            "sentence": trend_sentence(trend),
            "points": [(p.period, p.area, point_label(p, trend.unit)) for p in trend.points],
        }
        for trend in content.trends
    ]


def _filters(content: PackContent) -> list[str]:
    window = content.window
    since = (
        f"efter {window.previous.body_name}s møde {long_date(window.previous.date)}"
        if window.previous
        else "alt, der er registreret (intet tidligere møde)"
    )
    return [
        f"Plan: {content.plan_title}, revision {content.plan_revision} ({content.plan_source})",
        f"Ændringer: {since}, til mødet {meeting_label(content)}",
        f"Overskredne frister og forældede tal vurderet pr. {long_date(content.made_on)}",
        "Alle indsatsområder og alle ansvarlige aktører; ingen filtre fravalgt",
    ]


def pack_html(content: PackContent) -> str:
    """The whole pack as one HTML document (screen view and print/PDF view alike)."""
    template = _environment().get_template("pack.html")
    return template.render(
        c=content,
        meeting=content.window.meeting,
        meeting_label=meeting_label(content),
        filters=_filters(content),
        stylesheet=Markup(_stylesheet()),
        hatch=hatch_definitions(),
        swatch_solid=swatch("solid"),
        swatch_hatched=swatch("hatched"),
        years=_year_rows(content),
        year_list=[t.year for t in content.totals],
        area_rows=area_year_rows(content.by_area, [t.year for t in content.totals]),
        status_labels=list(STATUS_LABELS.values()),
        status_rows=_status_rows(content),
        deliverables_by_lead=_deliverables_by_lead(content),
        trends=_trends(content),
        handover_status={"planned": "planlagt", "decided": "besluttet", "done": "gennemført"},
        summary=summary_context(content),
        overdue_count=overdue_count,
        unfinished_word=UNFINISHED.capitalize(),
    )
