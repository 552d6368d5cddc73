"""HTML → PDF with headless Chromium, the browser the app is already tested in.

Why Chromium and not WeasyPrint: the pack must also print well from the browser, and the
committee's browsers are Chromium-based (Edge, Chrome); printing the PDF with the same
engine means one print stylesheet, checked once, instead of two layout engines that break
pages differently. Chromium (≥ 131) draws CSS page-margin boxes, so page numbers come from
the stylesheet (``counter(page)``), and it repeats ``thead`` on every page a table spans.
It is driven through its command line (``--print-to-pdf``) rather than Playwright, so the
app needs no extra Python package, only the Debian ``chromium`` package it is tested with.

The document is written to a private temporary folder with its own browser profile, so
concurrent requests never share state; nothing is fetched (the document's CSP forbids it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard.chromium import SWITCHES, chromium_path

TIMEOUT_SECONDS = 60


def _lower_priority() -> list[str]:
    """``nice`` where there is one: a pack being printed must not slow the pages down."""
    nice = shutil.which("nice")
    return [nice, "-n", "10"] if nice else []


class PdfUnavailable(RuntimeError):
    """Chromium is missing or failed; the message says which."""


def html_to_pdf(document: str) -> bytes:
    """Print ``document`` (a complete HTML page) to PDF, A4 as its ``@page`` rule says."""
    browser = chromium_path()
    if not os.path.exists(browser):
        raise PdfUnavailable(f"Chromium not found at {browser} (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="moedepakke-") as folder:
        source = Path(folder) / "pakke.html"
        target = Path(folder) / "pakke.pdf"
        source.write_text(document, encoding="utf-8")
        command = [
            *_lower_priority(),
            browser,
            "--headless",
            *SWITCHES,
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(f"Chromium did not finish within {TIMEOUT_SECONDS} s") from exc
        if result.returncode != 0 or not target.exists():
            message = result.stderr.decode("utf-8", "replace")[-500:]
            raise PdfUnavailable(f"Chromium failed ({result.returncode}): {message}")
        return target.read_bytes()
