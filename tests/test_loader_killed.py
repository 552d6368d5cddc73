"""A loader killed half-way (SIGKILL, no clean-up) leaves the database exactly as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.indicator_load import generate
from tests.conftest import dump

ROOT = Path(__file__).resolve().parents[1]


def test_killed_indicator_load_changes_nothing(loaded_db, tmp_path):
    big = tmp_path / "mange-tal.csv"
    generate(big, 300_000)
    before = dump(loaded_db)
    env = {**os.environ, "DATABASE_URL": loaded_db}
    loader = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "load", "indicators", str(big)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    # Kill it inside its write transaction: the progress bar appears when writing starts.
    output = b""
    deadline = time.monotonic() + 60
    while b"Loading figures" not in output and time.monotonic() < deadline:
        chunk = os.read(loader.stdout.fileno(), 4096)
        if not chunk:  # the loader ended without reaching the write
            break
        output += chunk
    assert b"Loading figures" in output, output
    time.sleep(0.5)
    assert loader.poll() is None, "the load finished before it could be killed; use more rows"
    loader.send_signal(signal.SIGKILL)
    loader.wait(timeout=30)
    assert loader.returncode == -signal.SIGKILL
    assert dump(loaded_db) == before  # the load log included: the attempt left no trace
