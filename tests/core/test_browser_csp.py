"""The Content-Security-Policy in a real browser (Debian's Chromium): the public
complaint form, a back-office complaint page and the annual report load without a
single violation, and the municipality's colour (the one inline <style>, with the
page's nonce) is applied. A page with an inline script would be caught: the last test
proves the listener sees a violation."""

import pytest
from django.urls import reverse

from tests.backoffice.test_browser import log_in
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def watch(page) -> list[str]:
    """Every CSP violation the browser reports, from the console and the DOM event."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(LISTEN)
    return seen


def violations(page, seen) -> list[str]:
    return seen + page.evaluate("window.__violations || []")


def test_no_violation_on_public_and_back_office_pages(live_server, org, users, make_complaint):
    org.municipality.primary_colour = "#8a1538"
    org.municipality.save()
    complaint = make_complaint()
    with chromium() as page:
        seen = watch(page)
        page.goto(f"{live_server.url}/klacht-indienen/")
        page.get_by_role("heading", level=1).wait_for()
        colour = page.evaluate(
            "getComputedStyle(document.documentElement).getPropertyValue('--vangnet-primary')"
        )
        assert colour.strip() == "#8a1538"  # the nonce'd <style> was applied
        assert violations(page, seen) == []

        log_in(page, live_server.url, users.coordinator)
        pages = {
            reverse("backoffice:complaint_detail", args=[complaint.pk]): complaint.reference,
            reverse("reports:annual_report"): "Klachtenrapportage",
        }
        for path, heading in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.get_by_role("heading", level=1).filter(has_text=heading).wait_for()
            assert violations(page, seen) == [], path


def test_the_listener_sees_an_inline_script(live_server, org):
    with chromium() as page:
        seen = watch(page)
        page.goto(f"{live_server.url}/klacht-indienen/")
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = 1'; document.body.append(s); }"
        )
        page.wait_for_timeout(200)
        assert page.evaluate("window.ran") is None
        assert any("script-src" in v for v in violations(page, seen))
