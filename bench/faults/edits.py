"""Deliverable status edits through the /leverancer page's Dash callbacks, and the check of
what the database holds afterwards. Shared by the fault scripts.

An editor is a logged-in working-group user in a thread: it opens a deliverable (the form
callback gives the stored version) and saves a new status with a comment unique to the edit.
An edit is acknowledged only if the save callback answered HTTP 200 with the page's success
message; everything else (connection reset, 5xx, a refusal) is counted as not acknowledged.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import create_engine, text

from bench.harness import DashClient

SAVED = "Ændringen er gemt."
STATUSES = ["not_started", "in_progress", "delayed", "done"]


@dataclass(eq=False)  # a thread must stay hashable
class Editor(threading.Thread):
    """Edits its own deliverables (no two editors share one) until ``stop`` is set."""

    base: str
    username: str
    deliverables: list[int]
    stop: threading.Event
    pause: float = 0.0
    acknowledged: list[tuple[int, int, str, str]] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    slowest: float = 0.0
    saves: list[tuple[float, float, bool]] = field(default_factory=list)  # start, end, ok

    def __post_init__(self):
        super().__init__(daemon=True)

    def _client(self) -> DashClient:
        client = DashClient(self.base)
        client.log_in(self.username)
        return client

    def run(self) -> None:
        client = None
        for n, deliverable in enumerate(itertools.cycle(self.deliverables)):
            if self.stop.is_set():
                return
            try:
                client = client or self._client()
                self._edit(client, deliverable, f"{self.username} edit {n}")
            except Exception as exc:  # connection reset by a killed worker, timeouts, …
                self.outcomes[f"error {type(exc).__name__}"] += 1
                client = None  # a fresh connection (and login) next time
                time.sleep(0.05)
            time.sleep(self.pause)

    def _edit(self, client: DashClient, deliverable: int, comment: str) -> None:
        form = client.callback("lev-rediger-status.value", {"lev-valgt.value": deliverable})
        if form.status_code != 200:
            self.outcomes[f"form HTTP {form.status_code}"] += 1
            return
        stored = form.json()["response"]
        version = stored["lev-rediger-version"]["data"]
        old = stored["lev-rediger-status"]["value"]
        status = STATUSES[(STATUSES.index(old) + 1) % len(STATUSES)]
        started = time.monotonic()
        response = client.callback(
            "lev-gem-besked.children",
            {
                "lev-gem.n_clicks": 1,
                "lev-valgt.value": deliverable,
                "lev-rediger-version.data": version,
                "lev-rediger-status.value": status,
                "lev-rediger-kommentar.value": comment,
                "lev-rediger-dato.value": date.today().isoformat(),
            },
        )
        self.slowest = max(self.slowest, time.monotonic() - started)
        if response.status_code != 200:
            self.saves.append((started, time.monotonic(), False))
            self.outcomes[f"save HTTP {response.status_code}"] += 1
            return
        message = response.json()["response"]["lev-gem-besked"]["children"]
        self.saves.append((started, time.monotonic(), message == SAVED))
        if message == SAVED:
            self.outcomes["acknowledged"] += 1
            self.acknowledged.append((deliverable, version + 1, status, comment))
        else:
            self.outcomes[f"refused: {message[:60]}"] += 1


def run_editors(base: str, deliverables: list[int], count: int, pause: float = 0.0):
    """``count`` editors (users arbejd1…arbejd5) over disjoint shares of ``deliverables``."""
    stop = threading.Event()
    editors = [
        Editor(base, f"arbejd{i % 5 + 1}", deliverables[i::count], stop, pause)
        for i in range(count)
    ]
    for editor in editors:
        editor.start()
    return stop, editors


def check(database_url: str, acknowledged: list[tuple[int, int, str, str]]) -> dict:
    """Compare what the server acknowledged with the deliverables and their history.

    A deliverable is half-written unless its history is exactly versions 2…version, each
    row starting from the status the previous one ended with, and the newest row ending
    in the deliverable's current status. An acknowledged edit is found if its history row
    (deliverable, version, status, comment) exists in a deliverable that is not
    half-written.
    """
    engine = create_engine(database_url)
    with engine.connect() as conn:
        current = {
            row.id: (row.status, row.version)
            for row in conn.execute(text("SELECT id, status, version FROM deliverable"))
        }
        history = conn.execute(
            text(
                "SELECT deliverable_id, version, old_status, new_status, new_comment "
                "FROM deliverable_change ORDER BY deliverable_id, version"
            )
        ).all()
    engine.dispose()
    chains: dict[int, list] = {}
    for row in history:
        chains.setdefault(row.deliverable_id, []).append(row)
    half_written = set(chains) - set(current)  # history of a deliverable that is not there
    for deliverable, (status, version) in current.items():
        chain = chains.get(deliverable, [])
        ok = [row.version for row in chain] == list(range(2, version + 1))
        ok = ok and all(a.new_status == b.old_status for a, b in itertools.pairwise(chain))
        ok = ok and (not chain or chain[-1].new_status == status)
        if not ok:
            half_written.add(deliverable)
    stored = {(row.deliverable_id, row.version, row.new_status, row.new_comment) for row in history}
    found = [e for e in acknowledged if e in stored and e[0] not in half_written]
    return {
        "acknowledged": len(acknowledged),
        "found": len(found),
        "half_written": len(half_written),
        "history_rows": len(history),
        "unacknowledged_but_stored": len(stored - set(acknowledged)),
    }
