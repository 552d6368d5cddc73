"""The meeting-pack PDF throttle against a running gunicorn: one reader asks for 16 pack
PDFs at once (Amager's three meetings in turn, so the cache does not answer them all), and
an anonymous GET / is timed ten times while they run. Prints the 16 statuses, the GET /
times and the load average.

    python -m bench.attacks.pdf_throttle
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections import Counter

from bench.attacks.client import AMAGER, Client


def main() -> None:
    reader = Client().login(os.environ.get("ATTACK_READER", "styre-a"))
    statuses: list[object] = []
    seconds: list[float] = []

    def pack(n: int) -> None:
        start = time.perf_counter()
        status, headers, body = reader.get(f"/p/{AMAGER}/moede/{n % 3 + 1}/pakke.pdf")
        seconds.append(time.perf_counter() - start)
        statuses.append((status, headers.get("retry-after"), body[:4] == b"%PDF"))

    anonymous = Client()
    warm = []
    for _ in range(10):  # both workers have served the page once (a first answer is slower)
        start = time.perf_counter()
        anonymous.get("/")
        warm.append((time.perf_counter() - start) * 1000)
    print(f"GET / alone: median {statistics.median(warm):.0f} ms, max {max(warm):.0f} ms")
    print("load average before:", os.getloadavg())
    threads = [threading.Thread(target=pack, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    home = []
    for _ in range(10):
        start = time.perf_counter()
        status = anonymous.get("/")[0]
        home.append((time.perf_counter() - start) * 1000)
        assert status == 200, status
    running = sum(t.is_alive() for t in threads)
    for t in threads:
        t.join()
    print("16 PDFs:", dict(Counter(statuses)), f"slowest {max(seconds):.1f} s")
    print(
        f"GET / while {running} of them still ran: median {statistics.median(home):.0f} ms,"
        f" max {max(home):.0f} ms, all {[round(h) for h in home]}"
    )
    print("load average after:", os.getloadavg())


if __name__ == "__main__":
    main()
