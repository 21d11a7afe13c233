"""Driving Debian's Chromium through Playwright in tests, and checking pages with
axe-core (vendored in tests/vendor/axe-core; nothing is downloaded at run time)."""

from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
#: The WCAG 2.1 A and AA rules (axe's tags include WCAG 2.0 rules under wcag2a/wcag2aa).
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@contextmanager
def chromium(*, java_script_enabled: bool = True, locale: str = "nl-NL"):
    """A fresh browser context (no cookies) yielding a page. The caller must allow
    Django's ORM under Playwright's event loop: DJANGO_ALLOW_ASYNC_UNSAFE=true."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                java_script_enabled=java_script_enabled,
                locale=locale,
                viewport={"width": 1280, "height": 900},
            )
            page = context.new_page()
            page.set_default_timeout(10_000)
            yield page
        finally:
            browser.close()


def axe_violations(page, tags=WCAG21_AA) -> list[dict]:
    """Run axe-core on the current page; return its violations (empty means none)."""
    # Through the DevTools protocol, not a <script> tag: the pages' Content-Security-
    # Policy refuses inline script, and the tests must see the pages as residents do.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} @ {targets}")
    return "\n".join(lines)
