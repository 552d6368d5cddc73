"""The meeting pack with two partnerships: /p/<slug>/moede/<id>/pakke(.pdf) is the meeting's
partnership's pack, for its members only; every other way in is the same 404; the old
/moede/<id>/pakke redirects; the pack's figures and words are the meeting's partnership's."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.config import Config
from dashboard.db import session_scope
from dashboard.model import Meeting
from tests.accounts import add_user, login
from tests.partnerships import (
    AMAGER,
    SECOND,
    SECOND_NAME,
    load_second_partnership,
    partnership_id,
)


@pytest.fixture
def site(loaded_db):
    load_second_partnership(loaded_db)
    add_user(loaded_db, "amager-styre", "styregruppe", partnerships=(AMAGER,))
    add_user(loaded_db, "begge-styre", "styregruppe", partnerships=(AMAGER, SECOND))
    add_user(loaded_db, "sekretariat", "admin", all_partnerships=True)
    return create_app(Config(database_url=loaded_db, secret_key="m" * 40, auto_init=False))


def _meeting(url: str, slug: str) -> int:
    with session_scope(url) as session:
        return session.scalar(
            select(Meeting.id)
            .where(Meeting.partnership_id == partnership_id(url, slug))
            .where(Meeting.body == "styregruppe")
        )


def _client(site, username: str):
    client = site.server.test_client()
    login(client, username)
    return client


def test_a_member_gets_the_pack_of_the_partnership_it_names(site, loaded_db):
    client = _client(site, "begge-styre")
    amager = client.get(f"/p/{AMAGER}/moede/{_meeting(loaded_db, AMAGER)}/pakke")
    assert amager.status_code == 200
    page = amager.get_data(as_text=True)
    assert "Amager Partnerskab" in page and "233.000 kr." in page
    assert SECOND_NAME not in page and "433.000" not in page
    second = client.get(f"/p/{SECOND}/moede/{_meeting(loaded_db, SECOND)}/pakke")
    assert second.status_code == 200
    page = second.get_data(as_text=True)
    assert SECOND_NAME in page and "433.000 kr." in page
    assert "Amager Partnerskab" not in page and "233.000" not in page


def test_a_meeting_of_another_partnership_is_not_found(site, loaded_db):
    amager_meeting, second_meeting = _meeting(loaded_db, AMAGER), _meeting(loaded_db, SECOND)
    member = _client(site, "amager-styre")
    both = _client(site, "begge-styre")
    for client, path in [
        (member, f"/p/{SECOND}/moede/{second_meeting}/pakke"),  # not a member
        (member, f"/p/{SECOND}/moede/{second_meeting}/pakke.pdf"),
        (member, f"/p/{AMAGER}/moede/{second_meeting}/pakke"),  # another's meeting, own slug
        (member, f"/moede/{second_meeting}/pakke"),  # the old URL tells nothing either
        (both, f"/p/{AMAGER}/moede/{second_meeting}/pakke"),  # a member of both: wrong slug
        (both, f"/p/{SECOND}/moede/{amager_meeting}/pakke.pdf"),
        (both, f"/p/findes-ikke/moede/{amager_meeting}/pakke"),
        (both, f"/p/{AMAGER}/moede/999999/pakke"),
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"%PDF" not in response.data and b"Leverance" not in response.data


def test_the_old_addresses_redirect_to_the_meetings_partnership(site, loaded_db):
    client = _client(site, "begge-styre")
    meeting_id = _meeting(loaded_db, SECOND)
    for suffix in ("pakke", "pakke.pdf"):
        response = client.get(f"/moede/{meeting_id}/{suffix}")
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/p/{SECOND}/moede/{meeting_id}/{suffix}")


def test_a_secretariat_of_every_partnership_reads_every_pack(site, loaded_db):
    client = _client(site, "sekretariat")
    for slug in (AMAGER, SECOND):
        assert client.get(f"/p/{slug}/moede/{_meeting(loaded_db, slug)}/pakke").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in_before_anything_is_looked_up(site, loaded_db):
    anonymous = site.server.test_client()
    for path in (
        f"/p/{SECOND}/moede/{_meeting(loaded_db, SECOND)}/pakke.pdf",
        "/p/findes-ikke/moede/999999/pakke",
    ):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_url_for_builds_the_scoped_address_with_a_slug_and_the_old_one_without(site):
    from flask import url_for

    with site.server.test_request_context():
        assert url_for("meeting_pack.pack_pdf", slug=SECOND, meeting_id=7) == (
            f"/p/{SECOND}/moede/7/pakke.pdf"
        )
        assert url_for("meeting_pack.pack_print_view", meeting_id=7) == "/moede/7/pakke"
