"""Uploads with a preview: a plan, a budget sheet or an indicator file is read without
writing anything and shown with what it would change; "Indlæs" loads it, "Annullér" drops it.

The file stays in the browser between the two steps (``dcc.Upload``'s contents): "Indlæs"
sends it again, and the server reads it again and loads it only if its SHA-256 is the one
previewed and the partnership's current plan is still the one it was compared with. So the
server keeps nothing between requests and loads exactly what the admin saw; within a
request the file lives in a temporary folder that is deleted before the answer
(``data_loaders.uploads``).

A callback's body is limited to ``max_request_bytes`` (1 MB); a logged-in admin's callbacks
may carry a file up to ``MAX_UPLOAD_BYTES`` (base64 makes it a third larger).
"""

from __future__ import annotations

from dash import Input, Output, State, dcc, html, no_update
from flask import current_app, request

from dashboard.auth import PARTNERSHIP_STORE, Scope, current_role, requires_role
from dashboard.callback_guard import CALLBACK_PATH
from dashboard.components.format import number
from dashboard.components.upload_views import (
    figure_preview_view,
    plan_preview_view,
    refused,
    unchanged_note,
)
from dashboard.db import request_session
from dashboard.pages.admin.load_log import LOADED_STORE
from dashboard.queries.areas import other_partnerships_areas
from dashboard.queries.plan import latest_plan
from dashboard.roles import ADMIN_ROLES
from data_loaders.errors import InputError
from data_loaders.indicator_catalogue import Catalogue
from data_loaders.preview import figure_preview, plan_preview
from data_loaders.uploads import (
    MAX_UPLOAD_BYTES,
    SUFFIXES,
    load_upload,
    log_failed_load,
    read_upload,
    upload_from_browser,
)

# Room for the base64 of the largest file and the rest of the callback's JSON.
UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES * 4 // 3 + 256 * 1024
SECTIONS = {
    "plan": (
        "Tryghedsplan",
        "En ny plan eller en revideret plan (Word .docx eller tekst .txt). Den indlæses som en "
        "ny revision ved siden af de gamle.",
    ),
    "budget": (
        "Budget",
        "Et oversigtsbudget (.xlsx eller .csv) som planens oversigtstabel. Det indlæses som en "
        "ny revision af den nyeste plan med de samme aktiviteter.",
    ),
    "indikator": (
        "Indikatortal",
        "En fil med tal (.xlsx eller .csv, også en eksport fra Statistikbanken). Tallene deles "
        "af alle partnerskaber; nye tal tilføjes, og ændrede tal gemmes med det gamle tal.",
    ),
}


def _url() -> str:
    return current_app.config["TRYGHED_DATABASE_URL"]


def layout(scope: Scope):
    return html.Section(
        [
            html.H2("Indlæs filer", className="mt-4"),
            html.P(
                f"Filen må højst fylde {number(MAX_UPLOAD_BYTES // (1024 * 1024))} MB. Den læses "
                "først uden at noget gemmes, og du ser, hvad den indeholder og ændrer. Intet "
                "gemmes, før du trykker »Indlæs«. Filen gemmes ikke på serveren."
            ),
            dcc.Store(id=LOADED_STORE, data=0),
            *[_section(kind) for kind in SECTIONS],
        ]
    )


def _section(kind: str):
    title, text = SECTIONS[kind]
    return html.Div(
        [
            html.H3(title, className="h4"),
            html.P(text),
            html.Div(
                dcc.Upload(
                    html.Div(["Træk filen hertil, eller ", html.A("vælg en fil", href="#")]),
                    id=f"{kind}-upload",
                    accept=",".join(SUFFIXES[kind]),
                    multiple=False,
                    className="border border-2 rounded p-3 text-center mb-2",
                    style={"borderStyle": "dashed"},
                ),
                # assets/upload-labels.js names the file input inside (dcc.Upload cannot).
                **{"data-upload-label": f"{title}: vælg en fil"},
            ),
            html.Div(id=f"{kind}-preview", **{"aria-live": "polite"}),
            # The previewed file's hash and the plan revision it was compared with.
            dcc.Store(id=f"{kind}-checked"),
            html.Button(
                "Indlæs", id=f"{kind}-confirm", disabled=True, className="btn btn-primary me-2"
            ),
            html.Button("Annullér", id=f"{kind}-cancel", className="btn btn-outline-secondary"),
            html.Div(id=f"{kind}-result", role="status", className="mt-2"),
        ],
        className="border rounded p-3 mb-3",
    )


def _base_version(scope: Scope) -> int | None:
    """The plan revision a plan or sheet is compared with: the partnership's newest."""
    with request_session() as session:
        version = latest_plan(session, scope.id)
        return version.id if version else None


def _read(upload, scope: Scope):
    """``read_upload``, refusing figures for another partnership's own area: indicator
    figures are shared, but those of a partnership's own area are its own (its dashboard
    and its open data show them), so they are loaded from its own admin page."""
    read = read_upload(_url(), upload, scope.slug)
    if read.figures is not None:
        with request_session() as session:
            theirs = other_partnerships_areas(session, scope.id)
            catalogue = Catalogue.read(session)
            for row in read.figures.rows:
                area = catalogue.area(row.area)
                if area is not None and area.code in theirs:
                    raise InputError(
                        upload.name,
                        f"området »{row.area}« er {theirs[area.code]}s eget område; dets tal "
                        "indlæses af det partnerskab",
                        row=row.row,
                    )
    return read


def _preview(kind: str, filename, contents, scope: Scope):
    """(preview, checked store, confirm disabled) for the chosen file."""
    try:
        upload = upload_from_browser(kind, filename, contents)
        read = _read(upload, scope)
        base = _base_version(scope) if kind != "indikator" else None
        with request_session() as session:
            if read.plan is not None:
                preview = plan_preview(session, scope.id, base, read.plan, upload.sha256)
                view = plan_preview_view(preview, scope.name)
            else:
                preview = figure_preview(session, read.figures, upload.sha256)
                view = figure_preview_view(preview)
    except InputError as exc:
        return refused(str(exc)), None, True
    if preview.unchanged:
        return html.Div([unchanged_note(), view]), None, True
    return view, {"sha": upload.sha256, "base": base}, False


def _load(kind: str, filename, contents, checked, scope: Scope) -> tuple[str, str]:
    """(message, class) of loading the previewed file."""
    try:
        upload = upload_from_browser(kind, filename, contents)
    except InputError as exc:
        return f"Filen kan ikke indlæses: {exc}", "alert alert-danger"
    base = _base_version(scope) if kind != "indikator" else None
    if upload.sha256 != checked.get("sha") or base != checked.get("base"):
        reason = "the file or the current plan changed after the preview"
        log_failed_load(_url(), upload, scope.id, scope.user.username, reason)
        return (
            "Filen eller partnerskabets plan er ændret siden forhåndsvisningen. Intet er "
            "indlæst; vælg filen igen.",
            "alert alert-warning",
        )
    try:
        outcome = load_upload(_url(), _read(upload, scope), scope.slug, scope.user.username)
    except InputError as exc:
        log_failed_load(_url(), upload, scope.id, scope.user.username, str(exc))
        return f"Filen kan ikke indlæses. Intet er skrevet: {exc}", "alert alert-danger"
    if outcome == "unchanged":
        return f"{upload.name} ændrede intet.", "alert alert-info"
    return f"{upload.name} er indlæst.", "alert alert-success"


def _register(app, kind: str) -> None:
    @app.callback(
        Output(f"{kind}-preview", "children"),
        Output(f"{kind}-checked", "data"),
        Output(f"{kind}-confirm", "disabled"),
        Output(f"{kind}-result", "children"),
        Output(f"{kind}-result", "className"),
        Input(f"{kind}-upload", "contents"),
        State(f"{kind}-upload", "filename"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def preview(contents: str | None, filename: str | None, scope: Scope):
        if not contents:  # cancelled, or loaded
            return None, None, True, no_update, no_update
        return *_preview(kind, filename, contents, scope), None, "mt-2"

    @app.callback(
        Output(f"{kind}-upload", "contents"),
        Input(f"{kind}-cancel", "n_clicks"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def cancel(_clicks, scope: Scope):
        return None

    @app.callback(
        Output(f"{kind}-result", "children", allow_duplicate=True),
        Output(f"{kind}-result", "className", allow_duplicate=True),
        Output(f"{kind}-upload", "contents", allow_duplicate=True),
        Output(LOADED_STORE, "data", allow_duplicate=True),
        Input(f"{kind}-confirm", "n_clicks"),
        State(f"{kind}-upload", "contents"),
        State(f"{kind}-upload", "filename"),
        State(f"{kind}-checked", "data"),
        State(LOADED_STORE, "data"),
        State(PARTNERSHIP_STORE, "data"),
        prevent_initial_call=True,
    )
    @requires_role(*ADMIN_ROLES)
    def confirm(
        n_clicks: int | None,
        contents: str | None,
        filename: str | None,
        checked: dict | None,
        loaded: int | None,
        scope: Scope,
    ):
        if not n_clicks or not contents or not checked:
            return (
                "Vælg og forhåndsvis en fil først.",
                "alert alert-warning mt-2",
                no_update,
                no_update,
            )
        message, style = _load(kind, filename, contents, checked, scope)
        return message, f"{style} mt-2", None, (loaded or 0) + 1


def register_callbacks(app) -> None:
    for kind in SECTIONS:
        _register(app, kind)

    @app.server.before_request
    def admin_uploads_may_be_larger():
        """Registered before the callback guard reads the body: an admin's callback may
        carry a file; everyone else's stays within ``max_request_bytes``."""
        if request.path == CALLBACK_PATH and request.method == "POST":
            if current_role() in ADMIN_ROLES:
                request.max_content_length = max(
                    UPLOAD_REQUEST_BYTES, current_app.config["MAX_CONTENT_LENGTH"] or 0
                )
