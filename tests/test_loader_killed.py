"""A loader killed half-way (SIGKILL, no clean-up) leaves the database exactly as before."""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.indicator_load import generate
from tests.conftest import dump

ROOT = Path(__file__).resolve().parents[1]
# The progress bar past 0 %: the first chunk of figures is in the open transaction.
WRITTEN = re.compile(rb"Loading figures +\[[^\]]*\] +[1-9]\d*%")


def test_killed_indicator_load_changes_nothing(loaded_db, tmp_path):
    big = tmp_path / "mange-tal.csv"
    # Enough rows that the write takes several chunks: it is killed after the first.
    generate(big, 60_000)
    before = dump(loaded_db)
    env = {**os.environ, "DATABASE_URL": loaded_db}
    # A terminal, so that click draws every step of the progress bar, not just its label.
    terminal, loader_end = pty.openpty()
    loader = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "load", "indicators", str(big)],
        cwd=ROOT,
        env=env,
        stdout=loader_end,
        stderr=loader_end,
    )
    os.close(loader_end)
    # Kill it inside its write transaction: once the bar shows the first figures written.
    output = b""
    deadline = time.monotonic() + 60
    while not WRITTEN.search(output) and time.monotonic() < deadline:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the terminal closes when the loader ends
            chunk = b""
        if not chunk:  # the loader ended without reaching the write
            break
        output += chunk
    assert b"Loading figures" in output, output
    assert WRITTEN.search(output), output
    assert loader.poll() is None, "the load finished before it could be killed; use more rows"
    loader.send_signal(signal.SIGKILL)
    loader.wait(timeout=30)
    os.close(terminal)
    assert loader.returncode == -signal.SIGKILL
    assert dump(loaded_db) == before  # the load log included: the attempt left no trace
