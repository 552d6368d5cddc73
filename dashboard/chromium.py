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
    """``CHROMIUM_PATH`` if set, else Debian's ``chromium-headless-shell`` on the PATH, else
    ``chromium`` on the PATH, else Debian's location.

    The headless shell is the same engine without the browser around it (what Playwright
    itself runs headless): printing and testing need nothing more, and it used a fifth less
    CPU than ``chromium --headless`` over the accessibility and /leverancer browser tests."""
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium-headless-shell")
        or shutil.which("chromium")
        or "/usr/bin/chromium"
    )
