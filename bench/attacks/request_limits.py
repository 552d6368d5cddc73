"""Request size limits against a running gunicorn: big anonymous POSTs to a public callback
(with Content-Length and chunked), four concurrent 200 MB POSTs while the workers' memory
(RSS, from /proc) is sampled, and the ~13.6 MB upload limit: for an admin only, not for an
anonymous visitor, a working-group user or a forged session cookie.

    python -m bench.attacks.request_limits <gunicorn master pid>
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

from bench.attacks.client import CALLBACK, Client

MB = 1024 * 1024


def workers(master: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def post_big(client: Client, size: int, chunked: bool = False, path: str = CALLBACK):
    """POST ``size`` bytes of JSON-ish filler; returns (status or error, MB sent, seconds)."""
    sock = socket.create_connection((client.host, client.port), timeout=120)
    head = [
        f"POST {path} HTTP/1.1",
        f"Host: {client.host}:{client.port}",
        "X-Forwarded-Proto: https",
        "Content-Type: application/json",
        "Sec-Fetch-Site: same-origin",
    ]
    if client.cookie:
        head.append(f"Cookie: {client.cookie}")
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
    start, sent, status = time.perf_counter(), 0, None
    chunk = b'{"x":"' + b"a" * (MB - 8) + b'"}'
    try:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        while sent < size:
            piece = chunk[: min(MB, size - sent)]
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            sent += len(piece)
        if chunked:
            sock.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server answered and closed while we were still sending
    try:
        status = int(sock.recv(4096).split(b" ", 2)[1])
    except (OSError, IndexError, ValueError) as exc:
        status = type(exc).__name__
    sock.close()
    return status, sent / MB, time.perf_counter() - start


def main() -> None:
    master = int(sys.argv[1])
    pids = workers(master)
    print(f"workers {pids}, RSS before {rss_mb(pids):.0f} MB")
    anonymous = Client()
    for label, size, chunked in (
        ("anonymous 10 MB", 10 * MB, False),
        ("anonymous 100 MB", 100 * MB, False),
        ("anonymous 100 MB chunked", 100 * MB, True),
    ):
        status, sent, seconds = post_big(anonymous, size, chunked)
        print(f"{label}: {status} after {sent:.0f} MB sent, {seconds:.2f} s")

    peak = [rss_mb(pids)]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak.append(rss_mb(pids))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(post_big(Client(), 200 * MB)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    sampler.join()
    print(
        f"4 × 200 MB concurrent: {[r[0] for r in results]}, "
        f"sent {[round(r[1]) for r in results]} MB, peak RSS {max(peak):.0f} MB"
    )

    # The upload limit: 5 MB (over the 1 MB limit, under ~13.6 MB) and 14 MB.
    forged = Client()
    forged.cookie = "session=eyJfdXNlcl9pZCI6ImFkbWluIn0.Z0000.forged-signature"
    for label, client in (
        ("anonymous", Client()),
        ("forged cookie", forged),
        ("arbejdsgruppe ag-t", Client().login("ag-t")),
        ("styregruppe styre-t", Client().login("styre-t")),
        ("admin admin-t", Client().login("admin-t")),
    ):
        small = post_big(client, 5 * MB)[0]
        large = post_big(client, 14 * MB)[0]
        print(f"{label}: 5 MB → {small}, 14 MB → {large}")
    print(f"RSS after {rss_mb(workers(master)):.0f} MB")


if __name__ == "__main__":
    main()
