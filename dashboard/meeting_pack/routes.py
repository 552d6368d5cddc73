"""The pack's routes: ``/p/<slug>/moede/<id>/pakke.pdf`` (the PDF) and
``/p/<slug>/moede/<id>/pakke`` (the same document as HTML, to print from the browser), in the
meeting's partnership. Both are internal: a visitor without a reading role is sent to the
login page and gets no byte of the pack; a user who is not a member of the meeting's
partnership, an unknown partnership, an unknown meeting and a meeting of another partnership
all get the same 404 (which meetings exist is not told).

The old addresses ``/moede/<id>/pakke(.pdf)`` redirect to the meeting's partnership's."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, request, url_for
from flask_login import current_user

from dashboard import clock
from dashboard.auth import login_url, may_read
from dashboard.db import request_session
from dashboard.meeting_pack.content import pack_content
from dashboard.meeting_pack.document import pack_filename, pack_html
from dashboard.meeting_pack.pdf import PdfUnavailable
from dashboard.meeting_pack.pdf_throttle import PdfBusy, one_pack_at_a_time, throttled_pdf
from dashboard.queries.meetings import meeting
from dashboard.queries.partnership import partnerships

# Internal data: never cached on the way. (The app's security headers add the CSP; the pack
# document also carries its own, stricter one: no scripts, nothing fetched.)
PACK_HEADERS = {"Cache-Control": "no-store, private", "X-Content-Type-Options": "nosniff"}

# ``create_app`` registers the blueprint with the others; the meeting page links here with
# ``url_for("meeting_pack.pack_pdf", slug=…, meeting_id=…)`` (without ``slug``: the old URL,
# which redirects; werkzeug tries the rule with more arguments first when it builds).
pack_routes = Blueprint("meeting_pack", __name__)
SCOPED = "/p/<slug>/moede/<int:meeting_id>"
OLD = "/moede/<int:meeting_id>"


def _meeting_partnership(meeting_id: int, slug: str | None) -> str:
    """The slug of the meeting's partnership, if the current user is a member of it (and
    ``slug``, when given, names it); else 404."""
    with request_session() as session:
        found = meeting(session, meeting_id)
        owner = (
            next((p for p in partnerships(session) if p.id == found.partnership_id), None)
            if found
            else None
        )
    if owner is None or slug not in (None, owner.slug) or not current_user.member_of(owner.id):
        abort(404)
    return owner.slug


def _pack_document(meeting_id: int) -> tuple[str, str]:
    with request_session() as session:
        try:
            content = pack_content(session, meeting_id, clock.today())
        except LookupError:  # an unknown meeting, or NoPlan
            abort(404)
        return pack_html(content), pack_filename(content)


def _guard(meeting_id: int, slug: str | None, endpoint: str):
    """None when the request may go on to the pack; else the response to give instead."""
    if not may_read():
        return redirect(login_url(request.path))
    own_slug = _meeting_partnership(meeting_id, slug)
    if slug is None:
        return redirect(url_for(endpoint, slug=own_slug, meeting_id=meeting_id))
    return None


@pack_routes.get(SCOPED + "/pakke.pdf")
@pack_routes.get(OLD + "/pakke.pdf")
def pack_pdf(meeting_id: int, slug: str | None = None):
    """The pack as PDF: internal, so a visitor without a reading role is sent to the login
    page and gets no byte of it."""
    refused = _guard(meeting_id, slug, "meeting_pack.pack_pdf")
    if refused is not None:
        return refused
    try:
        with one_pack_at_a_time(str(current_user.id)):
            document, filename = _pack_document(meeting_id)
            pdf = throttled_pdf(document, str(current_user.id))
    except PdfBusy as busy:
        return Response(
            "Der laves mange mødepakker lige nu. Prøv igen om lidt, eller brug «Mødepakke til "
            "udskrift» og udskriv den fra browseren.",
            status=503,
            mimetype="text/plain",
            headers={**PACK_HEADERS, "Retry-After": str(busy.retry_after)},
        )
    except PdfUnavailable:
        return Response(
            "Mødepakken kan ikke laves som PDF lige nu. Brug «Mødepakke til udskrift» og "
            "udskriv den fra browseren.",
            status=503,
            mimetype="text/plain",
        )
    headers = {**PACK_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(pdf, mimetype="application/pdf", headers=headers)


@pack_routes.get(SCOPED + "/pakke")
@pack_routes.get(OLD + "/pakke")
def pack_print_view(meeting_id: int, slug: str | None = None):
    """The same document as HTML, to print from the browser."""
    refused = _guard(meeting_id, slug, "meeting_pack.pack_print_view")
    if refused is not None:
        return refused
    document, _ = _pack_document(meeting_id)
    return Response(document, mimetype="text/html", headers=PACK_HEADERS)
