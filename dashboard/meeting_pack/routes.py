"""The pack's two routes: ``/moede/<id>/pakke.pdf`` (the PDF) and ``/moede/<id>/pakke`` (the
same document as HTML, to print from the browser). Both are internal: a visitor without a
reading role is sent to the login page and gets no byte of the pack."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, request
from flask_login import current_user

from dashboard import clock
from dashboard.auth import login_url, may_read
from dashboard.db import request_session
from dashboard.meeting_pack.content import pack_content
from dashboard.meeting_pack.document import pack_filename, pack_html
from dashboard.meeting_pack.pdf import PdfUnavailable
from dashboard.meeting_pack.pdf_throttle import PdfBusy, throttled_pdf

# Internal data: never cached on the way. (The app's security headers add the CSP; the pack
# document also carries its own, stricter one: no scripts, nothing fetched.)
PACK_HEADERS = {"Cache-Control": "no-store, private", "X-Content-Type-Options": "nosniff"}


# Under the meeting page's path; ``create_app`` registers the blueprint with the others, and
# the page links here with ``url_for("meeting_pack.pack_pdf", meeting_id=…)``.
pack_routes = Blueprint("meeting_pack", __name__, url_prefix="/moede")


def _pack_document(meeting_id: int) -> tuple[str, str]:
    with request_session() as session:
        try:
            content = pack_content(session, meeting_id, clock.today())
        except LookupError:  # an unknown meeting, or NoPlan
            abort(404)
        return pack_html(content), pack_filename(content)


@pack_routes.get("/<int:meeting_id>/pakke.pdf")
def pack_pdf(meeting_id: int):
    """``/moede/<id>/pakke.pdf``: internal, so a visitor without a reading role is sent to
    the login page and gets no byte of it."""
    if not may_read():
        return redirect(login_url(request.path))
    document, filename = _pack_document(meeting_id)
    try:
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


@pack_routes.get("/<int:meeting_id>/pakke")
def pack_print_view(meeting_id: int):
    """``/moede/<id>/pakke``: the same document as HTML, to print from the browser."""
    if not may_read():
        return redirect(login_url(request.path))
    document, _ = _pack_document(meeting_id)
    return Response(document, mimetype="text/html", headers=PACK_HEADERS)
