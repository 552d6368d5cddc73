"""Files uploaded in the browser, read and loaded exactly as the CLI reads and loads them.

The readers take a path, so an upload is written under its own name into a temporary
folder that is deleted before the request ends: nothing uploaded stays on the server. Its
messages then name the file as the user knows it, not the folder it passed through. The
limits are the CLI's (``data_loaders.files``: zip bombs, XML entities, huge lines), plus
``MAX_UPLOAD_BYTES`` for what a browser may send.
"""

from __future__ import annotations

import base64
import binascii
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath

from dashboard.db import session_scope
from dashboard.model import LoadLog
from data_loaders.errors import InputError
from data_loaders.figure_writer import write_figures
from data_loaders.files import sha256
from data_loaders.indicator_catalogue import sync_catalogue
from data_loaders.indicator_file import ParsedFigures, parse_indicator_file
from data_loaders.load_budget import budget_revision
from data_loaders.load_plan import load_plan
from data_loaders.plan.document import parse_plan_file
from data_loaders.plan_types import ParsedPlan

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a Word plan with pictures is a few MB
# The upload kinds (as the page's element ids name them) and the files each takes.
SUFFIXES = {
    "plan": (".docx", ".txt"),
    "budget": (".xlsx", ".csv"),
    "indikator": (".xlsx", ".csv", ".tsv", ".txt"),
}
LOG_KIND = {"plan": "plan", "budget": "budget", "indikator": "indicators"}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


@dataclass(frozen=True)
class Upload:
    kind: str  # a key of SUFFIXES
    name: str  # the file's own name, without any folder
    data: bytes

    @property
    def sha256(self) -> str:
        return sha256(self.data)


@dataclass
class ReadUpload:
    """What a load would store: a plan (a plan file, or a budget sheet on the newest plan)
    or figures, with the reader's warnings."""

    upload: Upload
    plan: ParsedPlan | None = None
    figures: ParsedFigures | None = None

    @property
    def warnings(self) -> list[str]:
        return list(self.plan.warnings if self.plan else self.figures.warnings)


def upload_from_browser(kind: str, filename: str | None, contents: str | None) -> Upload:
    """The file ``dcc.Upload`` sent (a data URL), refused before decoding if too large."""
    name = _UNSAFE_NAME.sub("_", PurePath(filename or "").name)[:200] or "fil"
    if kind not in SUFFIXES:
        raise InputError(name, "unknown kind of upload")
    if PurePath(name).suffix.lower() not in SUFFIXES[kind]:
        raise InputError(name, f"unsupported file type; use {' or '.join(SUFFIXES[kind])}")
    _, _, encoded = (contents or "").partition(";base64,")
    if len(encoded) * 3 // 4 > MAX_UPLOAD_BYTES + 2:
        raise InputError(name, f"the file is larger than the limit of {MAX_UPLOAD_BYTES:,} bytes")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InputError(name, "the upload did not arrive whole; choose the file again") from exc
    if not data:
        raise InputError(name, "the file is empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(name, f"the file is larger than the limit of {MAX_UPLOAD_BYTES:,} bytes")
    return Upload(kind, name, data)


@contextmanager
def _as_file(upload: Upload) -> Iterator[Path]:
    """The upload as a file for the readers, gone afterwards; their errors name the file."""
    with tempfile.TemporaryDirectory(prefix="tryghed-upload-") as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.data)
        try:
            yield path
        except InputError as exc:
            exc.file = upload.name
            exc.message = exc.message.replace(str(path), upload.name)
            raise


def read_upload(url: str, upload: Upload, partnership_slug: str) -> ReadUpload:
    """Read the upload as ``tryghed parse``/``load`` would; writes nothing."""
    with _as_file(upload) as path:
        if upload.kind == "plan":
            return ReadUpload(upload, plan=parse_plan_file(path))
        if upload.kind == "budget":
            return ReadUpload(upload, plan=budget_revision(url, path, partnership_slug))
        figures = parse_indicator_file(path)
    figures.file = upload.name
    return ReadUpload(upload, figures=figures)


def load_upload(url: str, read: ReadUpload, partnership_slug: str, loaded_by: str) -> str:
    """Load what ``read_upload`` read, in one transaction, logged as ``loaded_by``'s; returns
    the outcome ("loaded" or "unchanged"). Raises ``InputError`` having written nothing."""
    upload = read.upload
    if read.plan is not None:
        result = load_plan(
            url,
            read.plan,
            file_name=upload.name,
            sha256=upload.sha256,
            loaded_by=loaded_by,
            partnership_slug=partnership_slug,
            kind=LOG_KIND[upload.kind],
        )
        return result.outcome
    with session_scope(url) as session:
        sync_catalogue(session)
        return write_figures(
            session,
            read.figures.rows,
            kind=LOG_KIND[upload.kind],
            file_name=upload.name,
            sha=upload.sha256,
            loaded_by=loaded_by,
            warnings=read.figures.warnings,
        ).outcome


def log_failed_load(
    url: str, upload: Upload, partnership_id: int, loaded_by: str, reason: str
) -> None:
    """A load that was confirmed and then refused, kept with its reason (the refused load
    itself wrote nothing: this row is written in a transaction of its own)."""
    with session_scope(url) as session:
        session.add(
            LoadLog(
                kind=LOG_KIND[upload.kind],
                file_name=upload.name,
                sha256=upload.sha256,
                outcome="failed",
                rows=0,
                message=reason,
                warnings="",
                loaded_by=loaded_by,
                partnership_id=partnership_id,
            )
        )
