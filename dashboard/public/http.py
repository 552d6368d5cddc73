"""What makes the public pages fast over HTTP: gzip, cache headers, ETags, and a few static
files served with content-hashed URLs. (Security headers come from ``dashboard.security``,
for every response alike.)

Done here rather than with flask-compress so that the public pages need no new dependency;
the internal Dash pages are not affected.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Response, request

ROOT = Path(__file__).resolve().parents[2]
STATIC_FILES = {
    "bootstrap.min.css": ROOT / "assets" / "bootstrap.min.css",
    "public.css": Path(__file__).parent / "static" / "public.css",
    "favicon.svg": Path(__file__).parent / "static" / "favicon.svg",
}
MIME = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
COMPRESSIBLE = ("text/", "application/json", "image/svg+xml")
MIN_COMPRESS_BYTES = 512
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    gzipped: bytes
    mimetype: str
    digest: str


@cache
def static_file(name: str) -> StaticFile:
    """Read and compress once per process; files change only with a new release."""
    path = STATIC_FILES[name]
    body = path.read_bytes()
    return StaticFile(
        body=body,
        gzipped=gzip.compress(body, compresslevel=9, mtime=0),
        mimetype=MIME[path.suffix],
        digest=hashlib.sha256(body).hexdigest()[:12],
    )


def static_url(name: str) -> str:
    """A URL that changes when the file does, so browsers may cache it for a year."""
    return f"/filer/{name}?v={static_file(name).digest}"


def static_response(name: str) -> Response:
    file = static_file(name)
    zipped = _accepts_gzip()
    response = Response(file.gzipped if zipped else file.body, content_type=file.mimetype)
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    response.set_etag(file.digest + ("-gz" if zipped else ""))
    return response.make_conditional(request)


def finish_page(response: Response) -> Response:
    """For pages and data files: an ETag so an unchanged page costs a 304, "revalidate every
    time" (the data can change with any load or edit), and gzip."""
    if response.status_code != 200 or response.direct_passthrough:
        return response
    if "Content-Encoding" in response.headers:  # static files did their own
        return response
    response.headers.setdefault("Cache-Control", "no-cache")
    zipped = _accepts_gzip() and _compressible(response)
    response.add_etag()
    if zipped:
        response.set_etag(response.get_etag()[0] + "-gz")
    response = response.make_conditional(request)
    if zipped and response.status_code == 200:
        response.set_data(gzip.compress(response.get_data(), compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    return response


def _accepts_gzip() -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _compressible(response: Response) -> bool:
    return (response.mimetype or "").startswith(COMPRESSIBLE) and (
        response.content_length or len(response.get_data())
    ) >= MIN_COMPRESS_BYTES
