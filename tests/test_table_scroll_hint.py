"""A table wider than its box says so in words above it ("Rul vandret for at se alle
kolonner", assets/table-overflow.js + dashboard.css), in real Chromium; /leverancer's twelve
columns fit a 1280 px screen and stack on a phone, so neither needs the hint."""

from __future__ import annotations

import pytest

from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in

pytestmark = pytest.mark.browser

HINT = "Rul vandret for at se alle kolonner"
FORANKRING = "#okonomi-forankring .table-responsive"
LEVERANCER = "#lev-tabel .table-responsive"
# Whether the box's table is wider than it, whether the script marked it, and the hint text
# the browser draws before it ("none" when there is none).
STATE = """box => ({
    wider: box.scrollWidth > box.clientWidth,
    fits: box.scrollWidth <= box.clientWidth,
    marked: box.classList.contains('table-overflows'),
    hint: getComputedStyle(box, '::before').content,
})"""


def _marked(page, selector: str, marked: bool) -> dict:
    """The box's state once the script has marked (or unmarked) it, as it does one frame after
    Dash draws or the window resizes."""
    wanted = "true" if marked else "false"
    page.wait_for_function(
        f"() => {{ const b = document.querySelector('{selector}');"
        f" return b && b.classList.contains('table-overflows') === {wanted}; }}"
    )
    return page.locator(selector).evaluate(STATE)


@pytest.fixture
def member(live_app, make_user):
    return make_user("styregruppe")


def test_a_table_wider_than_a_phone_says_so_and_one_that_fits_does_not(live_app, member):
    with browser_page(width=375) as page:
        log_in(page, live_app, *member)
        page.goto(live_app + "/okonomi")
        page.wait_for_selector(FORANKRING)
        wide = _marked(page, FORANKRING, True)
        assert wide["wider"] and HINT in wide["hint"]
        assert (
            page.locator(FORANKRING).evaluate("box => getComputedStyle(box, '::before').display")
            == "block"
        )
        violations = run_axe(page)["violations"]
        assert violations == [], describe(violations)

        # The deliverables stack on a phone: nothing to scroll to, no hint.
        page.goto(live_app + "/leverancer")
        page.wait_for_selector(f"{LEVERANCER} tbody tr")
        stacked = _marked(page, LEVERANCER, False)
        assert stacked["fits"] and stacked["hint"] == "none"
        assert page.console_errors == []


def test_the_deliverables_fit_1280_px_and_the_hint_follows_the_window(live_app, member):
    with browser_page(width=1280) as page:
        log_in(page, live_app, *member)
        page.goto(live_app + "/leverancer")
        page.wait_for_selector(f"{LEVERANCER} tbody tr")
        desktop = _marked(page, LEVERANCER, False)
        assert desktop["fits"] and desktop["hint"] == "none"

        page.goto(live_app + "/okonomi")
        page.wait_for_selector(FORANKRING)
        assert _marked(page, FORANKRING, False)["fits"]
        # Narrowed to a phone the same page's table no longer fits: the hint comes on resize,
        # and goes again when the window is wide.
        page.set_viewport_size({"width": 375, "height": 900})
        assert HINT in _marked(page, FORANKRING, True)["hint"]
        page.set_viewport_size({"width": 1280, "height": 900})
        assert _marked(page, FORANKRING, False)["hint"] == "none"
        assert page.console_errors == []


def test_a_wide_table_in_a_closed_section_says_so_once_it_is_opened(live_app, member):
    """/leverancer's counts per party, role and status come folded; opened on a phone, the
    table is wider than the screen: it scrolls in its box (not the page), and says so."""
    counts = "#lev-taeller .table-responsive"
    with browser_page(width=375) as page:
        log_in(page, live_app, *member)
        page.goto(live_app + "/leverancer")
        page.wait_for_selector(f"{LEVERANCER} tbody tr")
        page.click("#lev-taeller >> xpath=ancestor::details/summary")
        opened = _marked(page, counts, True)
        assert opened["wider"] and HINT in opened["hint"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
        assert page.console_errors == []
