"""Events on the trend charts' timeline (issue 6): the working group adds and removes them
(role-checked, validated, removal kept with who), every trend chart draws them as a dated
line with their label, and the page lists them as text."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from dashboard.auth import SessionUser
from dashboard.components.svg_trend import trend_chart
from dashboard.db import session_scope
from dashboard.model import TimelineEvent, User
from dashboard.queries.partnership import only_partnership
from dashboard.queries.timeline import timeline
from dashboard.queries.trends import trend_data
from dashboard.services.errors import InvalidEdit, NotAllowed
from dashboard.services.timeline import add_event, remove_event
from tests.accounts import PASSWORD, add_user
from tests.svg_helpers import SVG, drawn, page_charts

LIGHTING = "Ny belysning på stierne i Urbanplanen"


def _user(url: str, username: str, role: str) -> SessionUser:
    add_user(url, username, role)
    with session_scope(url) as session:
        u = session.scalars(select(User).where(User.username == username)).one()
        return SessionUser(u.id, u.username, u.role, u.party_id)


def current_partnership_id(session) -> int:
    """The one partnership of the bundled defaults, which every write here acts in."""
    return only_partnership(session).id


def _events_drawn(session, partnership_id: int, indicator: str) -> dict[str, list]:
    """The events' labels on the trend chart, per width, with where their rule stands."""
    draw, _alt = trend_chart(trend_data(session, partnership_id, indicator))
    return {width: _event_labels(drawn(draw(width)[0])) for width in (360, 760)}


def _event_labels(chart) -> list[tuple[str, float]]:
    return [
        ("".join(t.itertext()), float(t.get("data-x")))
        for t in chart.iter(SVG + "text")
        if t.get("class") == "event"
    ]


def _add(url: str, user, day: date, label: str) -> int:
    with session_scope(url) as session:
        return add_event(session, user, current_partnership_id(session), day, label).id


def test_an_event_is_drawn_on_every_trend_chart_and_removed_again(loaded_db):
    editor = _user(loaded_db, "anna", "arbejdsgruppe")
    event_id = _add(loaded_db, editor, date(2018, 7, 1), f"  {LIGHTING} ")
    with session_scope(loaded_db) as session:
        partnership_id = current_partnership_id(session)
        events = timeline(session, partnership_id)
        charts = [
            _events_drawn(session, partnership_id, indicator)
            for indicator in ("utrygge_aften_nat", "utrygge_i_nabolaget")
        ]
    assert [(e.day, e.label, e.created_by) for e in events] == [
        (date(2018, 7, 1), LIGHTING, "anna")
    ]
    for chart in charts:
        assert chart[760] == [(LIGHTING, round(events[0].x, 6))] or [
            (label, round(x, 2)) for label, x in chart[760]
        ] == [(LIGHTING, round(events[0].x, 2))]
        # On a phone a long name may be cut to the room right of its rule, never dropped.
        [(label, _x)] = chart[360]
        assert LIGHTING.startswith(label.removesuffix("…"))

    with session_scope(loaded_db) as session:
        remove_event(session, editor, event_id, partnership_id=partnership_id)
    with session_scope(loaded_db) as session:
        assert timeline(session, partnership_id) == []
        kept = session.get(TimelineEvent, event_id)
        assert (kept.label, kept.removed_by) == (LIGHTING, "anna")
        after = _events_drawn(session, partnership_id, "utrygge_aften_nat")
    assert after == {360: [], 760: []}


def test_only_the_working_group_may_change_the_timeline_and_input_is_checked(loaded_db):
    reader = _user(loaded_db, "bo", "styregruppe")
    editor = _user(loaded_db, "anna", "arbejdsgruppe")
    with pytest.raises(NotAllowed):
        _add(loaded_db, reader, date(2018, 7, 1), LIGHTING)
    for day, label in (
        (None, LIGHTING),
        (date(1999, 12, 31), LIGHTING),
        (date(date.today().year + 1, 1, 1), LIGHTING),
        (date(2018, 7, 1), "   "),
        (date(2018, 7, 1), "x" * 121),
    ):
        with pytest.raises(InvalidEdit):
            _add(loaded_db, editor, day, label)
    with session_scope(loaded_db) as session:
        assert session.scalars(select(TimelineEvent)).all() == []


@pytest.mark.browser
def test_working_group_puts_an_event_on_the_timeline_from_the_page(live_app, loaded_db):
    from tests.browser import browser_page, log_in  # the app, only for the browser test

    add_user(loaded_db, "anna", "arbejdsgruppe")
    with browser_page() as page:
        log_in(page, live_app, "anna", PASSWORD)
        page.goto(live_app + "/tryghed")
        page.wait_for_selector("#tryghed-graf img")
        page.fill("#tryghed-begivenhed-dato", "01.07.2018")  # typed the Danish way
        page.fill("#tryghed-begivenhed-tekst", LIGHTING)
        page.click("#tryghed-begivenhed-tilfoej")
        page.wait_for_selector("#tryghed-begivenhed-besked:has-text('sat på tidslinjen')")
        # The list follows the save (its callback runs after the message's).
        page.wait_for_selector(f"#tryghed-begivenheder li:has-text('{LIGHTING}')")
        listed = page.inner_text("#tryghed-begivenheder")
        assert f"1. juli 2018: {LIGHTING} (tilføjet af anna)" in listed
        # The chart is redrawn by the same save: its desktop drawing names the event.
        page.wait_for_function(
            "() => decodeURIComponent(document.querySelector('#tryghed-graf img').src)"
            f".includes({LIGHTING!r})"
        )
        wide = page_charts(page, "#tryghed-graf")["wide"]
        assert LIGHTING in [label for label, _x in _event_labels(wide)]
        assert page.console_errors == []
