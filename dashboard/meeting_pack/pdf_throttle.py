"""The PDF costs a Chromium process (about a second of both cores), so a server process
prints at most ``MAX_PRINTING`` at once and answers "busy, try again" beyond that rather
than letting requests queue up and hold every worker thread; each user may have
``PER_USER_PER_MINUTE`` packs printed a minute; and a printed pack is kept by the content
of its document, so the same pack of the same data is printed once. Keyed on the content,
the kept PDF can never be older than the data: any change gives another document.

A user's pack requests are taken one at a time per process (``one_pack_at_a_time``): the
document is built before the throttle can look it up, and building it costs as much as a
page, so one reader's 16 concurrent requests would otherwise hold every worker thread while
they are built only to be refused, and a visitor's page would wait behind them."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager

from dashboard.meeting_pack.pdf import html_to_pdf

MAX_PRINTING = 1
PER_USER_PER_MINUTE = 6
KEPT_PDFS = 16
RETRY_SECONDS = 10

_printing = threading.BoundedSemaphore(MAX_PRINTING)
_kept: OrderedDict[str, bytes] = OrderedDict()
_printed_at: defaultdict[str, deque[float]] = defaultdict(deque)
_building: set[str] = set()
_lock = threading.Lock()


class PdfBusy(RuntimeError):
    """Too many packs being printed, or this user printed too many just now."""

    def __init__(self, retry_after: int):
        super().__init__(f"busy; retry after {retry_after} s")
        self.retry_after = retry_after


@contextmanager
def one_pack_at_a_time(user: str) -> Iterator[None]:
    """Around building and printing ``user``'s pack: ``PdfBusy`` at once, before anything
    is built, while another request of theirs is inside."""
    with _lock:
        if user in _building:
            raise PdfBusy(RETRY_SECONDS)
        _building.add(user)
    try:
        yield
    finally:
        with _lock:
            _building.discard(user)


def throttled_pdf(document: str, user: str) -> bytes:
    """The PDF of ``document``, printed now or kept from before. Raises ``PdfBusy`` when
    this process is printing already or ``user`` has had their share this minute, and
    ``PdfUnavailable`` (from ``html_to_pdf``) when Chromium fails."""
    key = hashlib.sha256(document.encode()).hexdigest()
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    if not _printing.acquire(blocking=False):
        raise PdfBusy(RETRY_SECONDS)  # costs the user no turn: nothing was printed
    try:
        with _lock:
            _take_users_turn(user)
        pdf = html_to_pdf(document)
    finally:
        _printing.release()
    with _lock:
        _kept[key] = pdf
        while len(_kept) > KEPT_PDFS:
            _kept.popitem(last=False)
    return pdf


def _take_users_turn(user: str) -> None:
    now = time.monotonic()
    times = _printed_at[user]
    while times and now - times[0] > 60:
        times.popleft()
    if len(times) >= PER_USER_PER_MINUTE:
        raise PdfBusy(int(60 - (now - times[0])) + 1)
    times.append(now)
