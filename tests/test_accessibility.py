"""WCAG 2.1 AA in real Chromium: axe-core finds nothing on the public pages /, /p/<slug>/,
/data, /tilgaengelighed and /login, nor on the internal pages as each role sees them (the
secretariat with every edit form), at 1280 and 375 px; a keyboard alone reaches every control
on /."""

from __future__ import annotations

import pytest

from tests.accounts import PASSWORD, add_user
from tests.axe import describe, run_axe
from tests.browser import browser_page, log_in, wait_until_settled

pytestmark = pytest.mark.browser

FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, "
    "textarea, summary, [tabindex]:not([tabindex='-1'])"
)


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/", "svg.area-map"),
        ("/p/amager-partnerskab/", "svg.area-map"),
        ("/data", "text=Vilkår for brug"),
        ("/tilgaengelighed", "text=Kendte begrænsninger"),
        ("/login", "#login-brugernavn"),
    ],
)
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_wcag_21_aa_violations(live_app, path, ready, width):
    with browser_page(width=width, height=900) as page:
        page.goto(live_app + path)
        page.wait_for_selector(ready)
        results = run_axe(page)
        print(
            f"axe {results['testEngine']['version']} {path} @ {width}px: "
            f"{len(results['violations'])} violations"
        )
        assert results["violations"] == [], describe(results["violations"])
        assert page.console_errors == []


INTERNAL_PAGES = (
    ("/okonomi", "#okonomi-graf img"),
    ("/leverancer", "#lev-tabel tbody tr"),
    ("/tryghed", "#tryghed-graf img"),
    ("/moede", "#moede-valg"),
    ("/plan", "h1"),
    ("/bylivspuljen", "#byl-ramme"),
    ("/tryghedsvandringer", "#tv-kort-billede"),
)
# Each role sees its own page: the secretariat every edit form and /admin, the working group
# its party's forms, the committee the pages to read.
ROLES = {"admin": None, "arbejdsgruppe": "3B", "styregruppe": None}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_nothing_on_the_internal_pages_as_each_role(live_app, loaded_db, role, width):
    add_user(loaded_db, "anna", role, ROLES[role])
    pages = INTERNAL_PAGES + ((("/admin", "#bruger-tabel table"),) if role == "admin" else ())
    with browser_page(width=width) as page:
        log_in(page, live_app, "anna", PASSWORD)
        for path, ready in pages:
            page.goto(live_app + path)
            page.wait_for_selector(ready)
            wait_until_settled(page)
            violations = run_axe(page)["violations"]
            assert violations == [], f"{path}: {describe(violations)}"
        assert page.console_errors == []


def test_axe_sees_violations_when_there_are_some(live_app):
    """The check is real: an image without a text alternative is reported."""
    with browser_page() as page:
        page.goto(live_app + "/")
        page.evaluate(
            "document.querySelector('main').insertAdjacentHTML('beforeend', "
            "'<img src=\"/filer/favicon.svg\">')"
        )
        ids = [v["id"] for v in run_axe(page)["violations"]]
        assert "image-alt" in ids


def test_keyboard_reaches_every_control_on_the_front_page_with_visible_focus(live_app):
    with browser_page() as page:
        page.goto(live_app + "/")
        page.wait_for_selector("svg.area-map")
        # Opened, so that the controls inside (the scrollable table regions) count as well.
        page.eval_on_selector_all("details", "els => els.forEach(d => d.open = true)")
        controls = page.eval_on_selector_all(
            FOCUSABLE,
            """els => els.filter(e => e.getClientRects().length > 0 || e.matches('.skip-link'))
                         .map((e, i) => { e.dataset.kbd = i; return i; })""",
        )
        assert len(controls) > 20
        reached, unfocused_outline = set(), []
        for _ in range(len(controls) + 5):
            page.keyboard.press("Tab")
            state = page.evaluate(
                """() => { const e = document.activeElement;
                          const s = getComputedStyle(e);
                          return {id: e.dataset.kbd, outline: s.outlineStyle,
                                  width: parseFloat(s.outlineWidth)}; }"""
            )
            if state["id"] is not None:
                reached.add(int(state["id"]))
                if state["outline"] == "none" or state["width"] < 2:
                    unfocused_outline.append(state["id"])
        assert reached == set(controls), f"not reached by Tab: {set(controls) - reached}"
        assert unfocused_outline == [], "focus not visible on some controls"


def test_skip_link_is_first_and_moves_focus_to_the_main_content(live_app):
    with browser_page() as page:
        page.goto(live_app + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Spring til indhold"
        assert page.evaluate("document.activeElement.getBoundingClientRect().width") > 0
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "indhold"


def test_landmarks_and_language(live_app):
    with browser_page() as page:
        page.goto(live_app + "/")
        assert page.get_attribute("html", "lang") == "da"
        for selector in ("header", "nav[aria-label='Hovedmenu']", "main#indhold", "footer"):
            assert page.locator(selector).count() == 1, selector
        assert page.locator("main h1").count() == 1


def test_every_chart_has_a_text_summary_and_a_table(live_app):
    with browser_page() as page:
        page.goto(live_app + "/")
        assert page.locator("#okonomi-resume p").count() >= 4
        assert page.locator("#okonomi-tabel tbody tr").count() >= 4
        assert page.locator("#leverancer-tabel tbody tr").count() >= 3
        for trend in page.locator("article.trend").all():
            assert trend.locator("svg.trend").count() == 1
            assert trend.locator(".trend-summary").inner_text().strip()
            trend.locator("summary").click()
            assert trend.locator("table tbody tr").count() >= 2
