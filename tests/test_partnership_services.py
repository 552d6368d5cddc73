"""Every write acts in one partnership (issue 15): a user of partnership A who sends the id of
partnership B's deliverable, timeline event, meeting or decision target changes nothing, and
is told exactly what an unknown id is told. The secretariat, global or the partnership's own,
is held to the same scope; in its own partnership every write still works."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import pytest
from sqlalchemy import select

from dashboard.auth import SessionUser
from dashboard.db import session_scope
from dashboard.model import (
    Activity,
    Area,
    BudgetLine,
    Deliverable,
    Handover,
    Indicator,
    Measurement,
    Meeting,
    Partnership,
    PlanVersion,
    User,
)
from dashboard.model.indicators import PARTNERSHIP_AREA_KIND
from dashboard.model.measurement_edits import REGISTERED_SOURCE
from dashboard.services.deliverables import set_deliverable_status
from dashboard.services.errors import InvalidEdit, NotAllowed
from dashboard.services.indicator_notes import save_indicator_note
from dashboard.services.measurements import register_output_value
from dashboard.services.meetings import (
    add_decision,
    add_meeting_note,
    create_meeting,
    update_meeting,
)
from dashboard.services.timeline import add_event, remove_event
from data_loaders.defaults import BUNDLED_PLAN, bundled_file, load_plan_file
from tests.accounts import add_user
from tests.conftest import dump

UNKNOWN = 987_654_321
DAY = date(2018, 3, 1)


@dataclass(frozen=True)
class Two:
    url: str
    a: int  # Amager Partnerskab, as the bundled defaults load it
    b: int  # the same plan once more, for another partnership


@pytest.fixture
def two(loaded_db, tmp_path) -> Two:
    """The bundled plan loaded a second time, for partnership "anden-by" (which the registry
    does not know: it has no area until a test gives it one). Its title
    names another partnership: a plan names its partnership in words, and the figures'
    targets (stated for "Amager Partnerskab") must stay Amager's."""
    text = bundled_file(BUNDLED_PLAN).read_text(encoding="utf-8")
    copy = tmp_path / "tryghedsplan-anden-by-2017.txt"
    copy.write_text(
        text.replace("Tryghedsplan for Amager Partnerskab 2017", "Tryghedsplan for Tingbjerg 2017"),
        encoding="utf-8",
    )
    load_plan_file(loaded_db, copy, partnership_slug="anden-by")
    with session_scope(loaded_db) as session:
        ids = dict(session.execute(select(Partnership.slug, Partnership.id)).all())
    return Two(loaded_db, ids["amager-partnerskab"], ids["anden-by"])


def _user(url: str, username: str, role: str, party: str | None = None, **scope) -> SessionUser:
    everywhere = scope.get("all_partnerships", False)
    mine = () if everywhere else ("amager-partnerskab",)
    add_user(url, username, role, party, partnerships=mine, all_partnerships=everywhere)
    with session_scope(url) as session:
        u = session.scalars(select(User).where(User.username == username)).one()
        return SessionUser(u.id, u.username, u.role, u.party_id, **scope)


def _global_admin(url: str) -> SessionUser:
    return _user(url, "sekretariat", "admin", all_partnerships=True)


def _of(session, model, partnership_id: int, through_activity: bool = True):
    """The first ``model`` row of the partnership's plan (by id)."""
    query = select(model)
    if through_activity:
        query = query.join(Activity, Activity.id == model.activity_id)
        version = Activity.plan_version_id
    else:
        version = model.plan_version_id
    query = query.join(PlanVersion, PlanVersion.id == version)
    return session.scalars(
        query.where(PlanVersion.partnership_id == partnership_id).order_by(model.id)
    ).first()


def _refusal(url: str, write) -> str:
    """Run ``write(session)``, which must be refused with ``InvalidEdit``; its message."""
    with pytest.raises(InvalidEdit) as refused, session_scope(url) as session:
        write(session)
    return str(refused.value)


def _refused_as_unknown(url: str, write, other_id: int, unknown_message: str) -> None:
    """``write`` with the other partnership's id is refused in the words an unknown id gets,
    and changes nothing."""
    before = dump(url)
    assert _refusal(url, lambda s: write(s, other_id)) == unknown_message
    assert _refusal(url, lambda s: write(s, UNKNOWN)) == unknown_message
    assert dump(url) == before


@pytest.mark.parametrize("scope", [{"all_partnerships": True}, {}], ids=["global", "own"])
def test_a_deliverable_of_another_partnership_is_refused_as_unknown(two, scope):
    admin = _user(two.url, "sekretariat", "admin", **scope)
    with session_scope(two.url) as session:
        theirs = _of(session, Deliverable, two.b)
        mine = _of(session, Deliverable, two.a)
        theirs_id, theirs_version, mine_id, mine_version = (
            theirs.id,
            theirs.version,
            mine.id,
            mine.version,
        )

    def edit(session, deliverable_id, partnership_id=two.a, version=theirs_version):
        return set_deliverable_status(
            session, admin, deliverable_id, version, "done", "Lukket", DAY,
            partnership_id=partnership_id,
        )  # fmt: skip

    _refused_as_unknown(two.url, edit, theirs_id, "Leverancen findes ikke.")
    with session_scope(two.url) as session:
        edit(session, mine_id, version=mine_version)
        edit(session, theirs_id, partnership_id=two.b)
    with session_scope(two.url) as session:
        assert session.get(Deliverable, mine_id).status == "done"
        assert session.get(Deliverable, theirs_id).status == "done"


def _registered(url: str) -> list[tuple[str, str, str]]:
    with session_scope(url) as session:
        return sorted(
            session.execute(
                select(Indicator.code, Area.code, Measurement.period)
                .join(Area, Area.id == Measurement.area_id)
                .join(Indicator, Indicator.id == Measurement.indicator_id)
                .where(Measurement.source == REGISTERED_SOURCE)
            ).all()
        )


def test_a_figure_is_registered_for_the_partnerships_own_area(two):
    admin = _global_admin(two.url)
    ssp = _user(two.url, "ssp1", "arbejdsgruppe", "SSP")  # SSP leads Ung i Job
    three_b = _user(two.url, "tre-b", "arbejdsgruppe", "3B")

    def register(partnership_id, user=admin, code="tryghedsfremmende_aktiviteter", period="2017"):
        with session_scope(two.url) as session:
            register_output_value(
                session, user, code, period, 12, "", 0, partnership_id=partnership_id
            )

    # Amager's plan names the area for this figure.
    register(two.a)
    before = dump(two.url)
    # Tingbjerg's plan sets no target for it and the partnership has no area yet: nowhere to
    # put the figure, and Amager's area is not borrowed.
    with pytest.raises(InvalidEdit, match="intet område i 2017"):
        register(two.b)
    with pytest.raises(InvalidEdit, match="Partnerskabet findes ikke"):
        register(UNKNOWN)
    assert dump(two.url) == before
    with session_scope(two.url) as session:
        area = Area(code="tingbjerg", name="Tingbjerg", kind=PARTNERSHIP_AREA_KIND)
        session.add(area)
        session.flush()
        session.get(Partnership, two.b).area_id = area.id
    # Its own figure, version 0 although Amager has one for the same indicator and year.
    register(two.b)
    # Ung i Job measures SSP's activity in Amager's plan; Tingbjerg's plan names no activity
    # for the figure, so there it is the whole working group's.
    with pytest.raises(NotAllowed, match="anden aktør"):
        register(two.a, three_b, "ung_i_job_deltagere")
    register(two.b, three_b, "ung_i_job_deltagere")
    # No target names an area for Ung i Job: Amager's own area, and from 2021 its successor.
    register(two.a, ssp, "ung_i_job_deltagere")
    register(two.a, ssp, "ung_i_job_deltagere", "2021")
    assert _registered(two.url) == [
        ("tryghedsfremmende_aktiviteter", "partnerskabsomraadet", "2017"),
        ("tryghedsfremmende_aktiviteter", "tingbjerg", "2017"),
        ("ung_i_job_deltagere", "partnerskabsomraadet", "2017"),
        ("ung_i_job_deltagere", "partnerskabsomraadet_2021", "2021"),
        ("ung_i_job_deltagere", "tingbjerg", "2017"),
    ]


def test_a_note_needs_a_known_partnership_and_each_partnership_has_its_own(two):
    worker = _user(two.url, "arbejder", "arbejdsgruppe", "SSP")

    def save(session, partnership_id, version=0, text="Faldet skyldes nye lamper"):
        return save_indicator_note(
            session, worker, "utrygge_aften_nat", partnership_id, version, text
        )

    before = dump(two.url)
    assert _refusal(two.url, lambda s: save(s, UNKNOWN)) == "Partnerskabet findes ikke."
    assert dump(two.url) == before
    with session_scope(two.url) as session:
        save(session, two.a)
    with session_scope(two.url) as session:
        assert save(session, two.b).version == 1  # not Amager's note, which is at 1 already


def test_an_event_of_another_partnership_is_not_removed(two):
    admin = _global_admin(two.url)
    with session_scope(two.url) as session:
        theirs = add_event(session, admin, two.b, DAY, "Ny belysning i Tingbjerg").id
    with pytest.raises(InvalidEdit, match="Partnerskabet findes ikke"):
        with session_scope(two.url) as session:
            add_event(session, admin, UNKNOWN, DAY, "Noget")

    def remove(session, event_id, partnership_id=two.a):
        return remove_event(session, admin, event_id, partnership_id=partnership_id)

    _refused_as_unknown(two.url, remove, theirs, "Begivenheden findes ikke.")
    with session_scope(two.url) as session:
        assert remove(session, theirs, two.b).removed_by == "sekretariat"
    # Removed is gone, in the same words.
    assert _refusal(two.url, lambda s: remove(s, theirs, two.b)) == "Begivenheden findes ikke."


def _meeting(session, partnership_id: int) -> Meeting:
    return session.scalars(
        select(Meeting)
        .where(Meeting.partnership_id == partnership_id, Meeting.body == "styregruppe")
        .order_by(Meeting.id)
    ).first()


def test_a_meeting_of_another_partnership_is_not_changed_noted_or_decided_on(two):
    admin = _global_admin(two.url)
    with session_scope(two.url) as session:
        theirs, mine = _meeting(session, two.b), _meeting(session, two.a)
        theirs_id, theirs_version, mine_id, mine_version = (
            theirs.id,
            theirs.version,
            mine.id,
            mine.version,
        )

    def update(session, meeting_id, partnership_id=two.a, version=theirs_version):
        return update_meeting(
            session, admin, meeting_id, version, "styregruppe", date(2016, 10, 24),
            time(15, 0), "Flyttet", ["Punkt"], partnership_id=partnership_id,
        )  # fmt: skip

    def note(session, meeting_id, partnership_id=two.a):
        return add_meeting_note(session, admin, meeting_id, "Note", partnership_id=partnership_id)

    def decide(session, meeting_id, partnership_id=two.a):
        return add_decision(session, admin, meeting_id, "Besluttet", partnership_id=partnership_id)

    for write in (update, note, decide):
        _refused_as_unknown(two.url, write, theirs_id, "Mødet findes ikke.")
    before = dump(two.url)
    with pytest.raises(InvalidEdit, match="Partnerskabet findes ikke"):
        with session_scope(two.url) as session:
            create_meeting(session, admin, UNKNOWN, "styregruppe", DAY, None, "Møde", [])
    assert dump(two.url) == before
    with session_scope(two.url) as session:
        update(session, mine_id, version=mine_version)
        note(session, mine_id)
        decide(session, mine_id)
        update(session, theirs_id, partnership_id=two.b)
        create_meeting(session, admin, two.b, "styregruppe", DAY, None, "Møde", [])


def _items(session, partnership_id: int) -> dict[str, int]:
    return {
        "deliverable": _of(session, Deliverable, partnership_id).id,
        "budget_line": _of(session, BudgetLine, partnership_id, through_activity=False).id,
        "activity": _of(session, Activity, partnership_id, through_activity=False).id,
        "handover": _of(session, Handover, partnership_id).id,
    }


@pytest.mark.parametrize("kind", ["deliverable", "budget_line", "activity", "handover"])
def test_a_decision_links_only_to_its_own_partnerships_items(two, kind):
    admin = _global_admin(two.url)
    with session_scope(two.url) as session:
        meeting_id = _meeting(session, two.a).id
        mine, theirs = _items(session, two.a), _items(session, two.b)

    def decide(session, target_id, partnership_id=two.a):
        # The link of the other partnership comes last: the ones before it are not kept.
        links = [(k, i) for k, i in mine.items() if k != kind] + [(kind, target_id)]
        return add_decision(
            session, admin, meeting_id, "Besluttet", links, partnership_id=partnership_id
        )

    _refused_as_unknown(
        two.url, decide, theirs[kind], "Det, beslutningen henviser til, findes ikke."
    )
    with session_scope(two.url) as session:
        assert len(decide(session, mine[kind]).links) == 4
