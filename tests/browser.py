"""Real Chromium through Playwright, and the axe-core audit every public template must pass."""

from pathlib import Path

import axe_playwright_python
from playwright.sync_api import sync_playwright

from tests.browser_setup import system_chromium

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=system_chromium(), headless=True, args=CHROMIUM_ARGS
    )


def start():
    playwright = sync_playwright().start()
    return playwright, launch(playwright)


def axe_violations(page):
    """Run axe-core (served from the installed package, never a CDN) on the current page."""
    # Evaluated through the DevTools protocol: an inline <script> tag would break the
    # site's Content-Security-Policy (and be refused by it).
    page.evaluate(AXE_SOURCE + "\n;true")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def admin_sign_in(page, email, password):
    """Staff sign in as everyone does (allauth's door), then land in the admin."""
    page.goto("/admin/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")


def sideways_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0: no sideways scroll)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def assert_no_sideways_scroll(page):
    """RGAA 10.11 / WCAG 1.4.10: nothing scrolls sideways, whatever the width."""
    overflow = sideways_overflow(page)
    if overflow > 0:
        wide = page.evaluate(
            "() => [...document.querySelectorAll('body *')]"
            ".filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            ".slice(-3).map(el => el.tagName + '.' + el.className)"
        )
        raise AssertionError(f"{page.url}: {overflow} px de trop ({wide})")


def record_csp_violations(page):
    """The Content-Security-Policy violations Chromium reports on ``page``'s console."""
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return violations
