"""axe-core (Deque's accessibility engine, the npm package) injected into headless Chromium.

Installed with npm into ``tests/.axe/node_modules`` on first use (ignored by git through the
``node_modules/`` rule). Where npm is missing the test is skipped locally and fails under
CI=true, like a missing Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

AXE_VERSION = "4.10.3"
AXE_DIR = Path(__file__).parent / ".axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 level A and AA, as Danish law requires of public bodies' websites.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run must provide node and npm")
    pytest.skip(reason)


def axe_script() -> Path:
    """Path of axe.min.js, installing the pinned axe-core first if it is not there yet."""
    if AXE_SCRIPT.exists():
        return AXE_SCRIPT
    npm = shutil.which("npm")
    if npm is None:
        _missing("npm is not installed (needed once to fetch axe-core)")
    AXE_DIR.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(AXE_DIR),
            "--no-save",
            "--no-package-lock",
            "--no-audit",
            "--no-fund",
            f"axe-core@{AXE_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 or not AXE_SCRIPT.exists():
        _missing(f"npm could not install axe-core@{AXE_VERSION}: {result.stderr[-500:]}")
    return AXE_SCRIPT


def run_axe(page) -> dict:
    """Run axe on the page as it is now, with the WCAG 2.1 A/AA rules; returns its results."""
    # Evaluated through DevTools rather than added as a <script>: the pages' Content Security
    # Policy rightly refuses scripts that are not the site's own.
    page.evaluate(axe_script().read_text(encoding="utf-8"))
    return page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_21_AA,
    )


def describe(violations: list[dict]) -> str:
    """A readable list of violations for an assertion message."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)
