"""Status edits: role check, validation, history, stale edits, concurrency, and the counts
the /leverancer page shows."""

from __future__ import annotations

import csv
import io
import threading
from collections import Counter
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from dashboard import clock
from dashboard.auth import SessionUser
from dashboard.components.deliverable_views import DOWNLOAD_HEADERS, download_rows
from dashboard.components.spreadsheet import csv_text, xlsx_bytes
from dashboard.db import session_factory, session_scope
from dashboard.model import Deliverable, DeliverableChange, Party, User
from dashboard.queries.deliverables import (
    deliverable_history,
    deliverable_table,
    status_counts_by_party,
)
from dashboard.queries.partnership import only_partnership
from dashboard.queries.plan import latest_plan
from dashboard.services.deliverables import (
    StaleEdit,
    default_status_day,
    set_deliverable_status,
)
from dashboard.services.errors import InvalidEdit, NotAllowed
from data_loaders.plan.document import parse_plan_file
from tests.accounts import add_user
from tests.conftest import PLAN_2017, dump
from tests.partnerships import amager_id

TODAY = date(2018, 3, 1)


def _user(url: str, username: str, role: str, party: str | None = "3B") -> SessionUser:
    """A user of ``party``: 3B (through its helhedsplan) leads the plan's first deliverable."""
    add_user(url, username, role, party)
    with session_scope(url) as session:
        u = session.scalars(select(User).where(User.username == username)).one()
        return SessionUser(u.id, u.username, u.role, u.party_id)


def _first_deliverable(url: str) -> tuple[int, int]:
    with session_scope(url) as session:
        d = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        return d.id, d.version


def _partnership(url: str) -> int:
    """The one partnership of the bundled defaults, which every edit here acts in."""
    with session_scope(url) as session:
        return only_partnership(session).id


def _latest(session):
    return latest_plan(session, only_partnership(session).id)


@pytest.fixture
def editor(loaded_db):
    return _user(loaded_db, "anna", "arbejdsgruppe")


def test_status_edit_is_applied_with_a_history_row(loaded_db, editor):
    deliverable_id, version = _first_deliverable(loaded_db)
    with session_scope(loaded_db) as session:
        set_deliverable_status(
            session, editor, deliverable_id, version, "in_progress", " Godt i gang ", TODAY,
            partnership_id=_partnership(loaded_db),
        )  # fmt: skip
    with session_scope(loaded_db) as session:
        d = session.get(Deliverable, deliverable_id)
        assert (d.status, d.comment, d.status_date, d.updated_by) == (
            "in_progress",
            "Godt i gang",
            TODAY,
            "anna",
        )
        assert d.version == version + 1
        (entry,) = deliverable_history(session, amager_id(session), deliverable_id)
    assert (entry.changed_by, entry.old_status, entry.new_status) == (
        "anna",
        "not_started",
        "in_progress",
    )
    assert (entry.old_comment, entry.new_comment) == ("", "Godt i gang")


@pytest.mark.parametrize("role", ["styregruppe", "anonymous"])
def test_roles_that_may_not_edit_are_refused_and_nothing_is_written(loaded_db, role):
    user = _user(loaded_db, "sofie", role)
    deliverable_id, version = _first_deliverable(loaded_db)
    with pytest.raises(NotAllowed), session_scope(loaded_db) as session:
        set_deliverable_status(
            session, user, deliverable_id, version, "done", "x", TODAY,
            partnership_id=_partnership(loaded_db),
        )  # fmt: skip
    with session_scope(loaded_db) as session:
        assert session.get(Deliverable, deliverable_id).status == "not_started"
        assert session.scalar(select(func.count()).select_from(DeliverableChange)) == 0


@pytest.mark.parametrize(
    ("status", "comment", "status_date"),
    [("færdig", "", TODAY), ("done", "", None), ("done", "x" * 2001, TODAY)],
)
def test_invalid_edits_are_refused(loaded_db, editor, status, comment, status_date):
    deliverable_id, version = _first_deliverable(loaded_db)
    with pytest.raises(InvalidEdit), session_scope(loaded_db) as session:
        set_deliverable_status(
            session, editor, deliverable_id, version, status, comment, status_date,
            partnership_id=_partnership(loaded_db),
        )  # fmt: skip


def test_stale_edit_is_refused_with_the_newer_value_and_who_made_it(loaded_db, editor):
    other = _user(loaded_db, "bo", "admin")
    deliverable_id, version = _first_deliverable(loaded_db)
    scope = {"partnership_id": _partnership(loaded_db)}
    with session_scope(loaded_db) as session:
        set_deliverable_status(
            session, other, deliverable_id, version, "delayed", "Bo", TODAY, **scope
        )
    with pytest.raises(StaleEdit) as refused, session_scope(loaded_db) as session:
        set_deliverable_status(
            session, editor, deliverable_id, version, "done", "Anna", TODAY, **scope
        )
    current = refused.value.current
    assert (current.status, current.comment, current.updated_by) == ("delayed", "Bo", "bo")
    assert current.version == version + 1
    assert "bo" in str(refused.value)


def _race(url: str, users, deliverable_id: int, round_no: int) -> tuple[list, list]:
    """Two sessions read the same version, then both save; returns (applied, refused)."""
    read = threading.Barrier(2)
    applied, refused, errors = [], [], []
    partnership_id = _partnership(url)

    def edit(user, status):
        session = session_factory(url)()
        try:
            version = session.get(Deliverable, deliverable_id).version
            read.wait(timeout=30)
            comment = f"runde {round_no} af {user.username}"
            set_deliverable_status(
                session, user, deliverable_id, version, status, comment, TODAY,
                partnership_id=partnership_id,
            )  # fmt: skip
            session.commit()
            applied.append(comment)
        except StaleEdit as exc:
            session.rollback()
            refused.append(exc.current)
        except Exception as exc:  # anything else is a failure the test must report
            session.rollback()
            errors.append(repr(exc))
        finally:
            session.close()

    statuses = ("in_progress", "delayed") if round_no % 2 else ("done", "dropped")
    threads = [
        threading.Thread(target=edit, args=(u, s)) for u, s in zip(users, statuses, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    return applied, refused


def test_concurrent_edits_lose_nothing_and_overwrite_nothing_200_times(loaded_db, editor):
    other = _user(loaded_db, "bo", "arbejdsgruppe")
    deliverable_id, start_version = _first_deliverable(loaded_db)
    all_applied, conflicts = [], 0
    for round_no in range(200):
        applied, refused = _race(loaded_db, (editor, other), deliverable_id, round_no)
        # Each round both edits were made against the same version: exactly one wins,
        # or (if one thread finished before the other read) both apply in turn.
        assert len(applied) + len(refused) == 2
        assert len(applied) >= 1
        for current in refused:
            assert current.comment == applied[0] and current.updated_by in ("anna", "bo")
        all_applied.extend(applied)
        conflicts += len(refused)
    # The barrier makes most rounds a real race that the database has to decide.
    assert conflicts > 100
    with session_scope(loaded_db) as session:
        d = session.get(Deliverable, deliverable_id)
        history = session.scalars(
            select(DeliverableChange)
            .where(DeliverableChange.deliverable_id == deliverable_id)
            .order_by(DeliverableChange.version)
        ).all()
    # Every applied edit is in the history exactly once, in order, and nothing else is.
    assert [h.new_comment for h in history] == all_applied
    assert [h.version for h in history] == list(
        range(start_version + 1, start_version + 1 + len(all_applied))
    )
    # Each history row starts where the previous one ended: no silent overwrite.
    for before, after in zip(history, history[1:], strict=False):
        assert after.old_comment == before.new_comment
        assert after.old_status == before.new_status
    assert d.version == start_version + len(all_applied)
    assert d.comment == all_applied[-1]


def test_counts_per_party_match_the_plan_after_default_setup(loaded_db):
    plan = parse_plan_file(PLAN_2017)
    expected = Counter()
    for activity in plan.activities:
        for _deliverable in activity.deliverables:
            for responsible in activity.responsible:
                expected[(responsible.party, responsible.role)] += 1
    with session_scope(loaded_db) as session:
        version = _latest(session)
        counts = status_counts_by_party(session, version.id)
        short_to_name = {p.short_name: p.name for p in session.scalars(select(Party))}
    assert set(counts["status"]) == {"not_started"}
    actual = Counter(
        {(short_to_name[row.party], row.role): int(row.count) for row in counts.itertuples()}
    )
    assert actual == expected
    assert sum(expected.values()) > 0


def test_overdue_means_due_before_today_and_not_done_or_dropped(loaded_db, editor):
    with session_scope(loaded_db) as session:
        version = _latest(session)
        table = deliverable_table(session, version.id, today=date(2030, 1, 1))
    dated = table[table["due_date"].notna()]
    assert len(dated) > 0 and dated["overdue"].all()
    assert not table[table["due_date"].isna()]["overdue"].any()
    deliverable_id = int(dated["id"].iloc[0])
    version_no = int(dated["version"].iloc[0])
    with session_scope(loaded_db) as session:
        set_deliverable_status(
            session, editor, deliverable_id, version_no, "done", "", TODAY,
            partnership_id=_partnership(loaded_db),
        )  # fmt: skip
    with session_scope(loaded_db) as session:
        table = deliverable_table(session, _latest(session).id, today=date(2030, 1, 1))
    assert not table.set_index("id").loc[deliverable_id, "overdue"]


def test_downloads_neutralise_formula_injection_in_comments(loaded_db, editor):
    deliverable_id, version = _first_deliverable(loaded_db)
    evil = '=HYPERLINK("http://evil.example","klik")'
    with session_scope(loaded_db) as session:
        set_deliverable_status(
            session, editor, deliverable_id, version, "delayed", evil, TODAY,
            partnership_id=_partnership(loaded_db),
        )  # fmt: skip
        rows = download_rows(deliverable_table(session, _latest(session).id))
    csv_comments = [
        r[10] for r in csv.reader(io.StringIO(csv_text(rows, DOWNLOAD_HEADERS)), delimiter=";")
    ]
    assert "'" + evil in csv_comments and evil not in csv_comments
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, DOWNLOAD_HEADERS))).active
    comments = [c.value for c in sheet["K"][1:]]
    assert "'" + evil in comments
    assert evil not in comments


@pytest.mark.parametrize(
    "day", [date(1900, 1, 1), date(9999, 12, 31), date(2015, 12, 31), date(2021, 1, 1)]
)
def test_a_status_date_outside_the_plans_life_is_refused(loaded_db, editor, day):
    """1 January 1900, 31 December 9999, a day before the 2017 plan's year before or a day
    after its period 2017–2020 (over today, 2026): refused in Danish, nothing written; the
    year before the plan and the period's last day are accepted."""
    target = _first_deliverable(loaded_db)
    partnership = _partnership(loaded_db)
    before = dump(loaded_db)
    with pytest.raises(
        InvalidEdit,
        match="Statusdatoen skal ligge mellem 01.01.2016 og 31.12.2020, partnerskabsperiodens "
        "sidste dag",
    ):
        with session_scope(loaded_db) as session:
            set_deliverable_status(
                session, editor, *target, "in_progress", "", day, partnership_id=partnership
            )
    assert dump(loaded_db) == before
    for fine in (date(2016, 1, 1), date(2020, 12, 31)):
        with session_scope(loaded_db) as session:
            version = session.get(Deliverable, target[0]).version
            set_deliverable_status(
                session, editor, target[0], version, "in_progress", str(fine), fine,
                partnership_id=partnership,
            )  # fmt: skip


def test_a_status_date_of_a_running_period_is_not_after_today(loaded_db, editor, monkeypatch):
    """While the period runs (today 1 March 2018), today is the last day a status may have,
    and the day a form starts with; once it has ended, its last day."""
    with session_scope(loaded_db) as session:
        assert default_status_day(session, amager_id(session)) == date(2020, 12, 31)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    with session_scope(loaded_db) as session:
        assert default_status_day(session, amager_id(session)) == TODAY
    target = _first_deliverable(loaded_db)
    with pytest.raises(InvalidEdit, match=r"mellem 01.01.2016 og i dag \(01.03.2018\)"):
        with session_scope(loaded_db) as session:
            set_deliverable_status(
                session, editor, *target, "in_progress", "", date(2018, 3, 2),
                partnership_id=_partnership(loaded_db),
            )  # fmt: skip
