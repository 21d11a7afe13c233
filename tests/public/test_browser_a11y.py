"""The resident site in a real browser (Debian's Chromium through Playwright):
axe-core finds no WCAG 2.1 A/AA violation on any public page, in Dutch and English,
including the form with errors and the confirmation page; a keyboard-only resident
files a complaint; the whole route works with JavaScript off."""

import re

import pytest
from django.urls import reverse

from tests.browser import axe_violations, chromium, describe
from vangnet.complaints.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def site(live_server, org, users, make_complaint):
    from vangnet.public.statuslinks import issue_status_link

    complaint = make_complaint()
    token = issue_status_link(complaint)
    return {
        "base": live_server.url,
        "status_token": token,
        "partner": org.partner,
    }


def public_pages(site) -> dict[str, str]:
    return {
        "home": reverse("public:home"),
        "search": reverse("public:home") + "?q=schulden",
        "partner": reverse("public:partner", args=[site["partner"].slug]),
        "route": reverse("public:route"),
        "complaint form": reverse("public:complaint"),
        "privacy": reverse("public:privacy"),
        "status": reverse("public:status", args=[site["status_token"]]),
        "status request": reverse("public:status_request"),
    }


def set_language(page, base, language):
    if language == "en":
        page.goto(base + reverse("public:home"))
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_wcag_violations_on_any_public_page(site, language):
    base = site["base"]
    with chromium() as page:
        set_language(page, base, language)
        problems = {}
        for name, path in public_pages(site).items():
            page.goto(base + path)
            assert page.locator("html").get_attribute("lang") == language, name
            assert page.locator("h1").count() == 1, f"{name}: one h1"
            violations = axe_violations(page)
            if violations:
                problems[name] = describe(violations)

        # The form with every error shown, and the confirmation page.
        page.goto(base + reverse("public:complaint"))
        page.locator("form.vangnet-complaint-form button[type=submit]").last.click()
        page.wait_for_load_state()
        assert (
            page.locator(
                ".utrecht-form-field-error-message, .utrecht-form-field-description--invalid"
            ).count()
            or page.locator("[role=alert], .utrecht-alert").count()
        )
        violations = axe_violations(page)
        if violations:
            problems["form with errors"] = describe(violations)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def fill_form_by_keyboard(page):
    """Only Tab, typing, Space and Enter: no clicks."""
    raise NotImplementedError
