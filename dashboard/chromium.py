"""Where headless Chromium lives and the switches it runs with, for the meeting pack's PDF
and for the browser tests alike (one browser, configured once).

--no-sandbox because containers rarely allow Chromium's sandbox; acceptable here: it only
opens our own pages. The background-networking switches keep it from calling Google's
hosts, which a closed network refuses many times a second.
"""

from __future__ import annotations

import os
import shutil

SWITCHES = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
]


def chromium_path() -> str:
    """``CHROMIUM_PATH`` if set, else ``chromium`` on the PATH, else Debian's location."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
