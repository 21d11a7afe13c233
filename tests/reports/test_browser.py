"""The report pages in a real browser (Debian's Chromium): the annual report with its
charts, the open-data index, the dashboard and the partners' figures pages have no
WCAG 2.1 A/AA violation that axe-core finds, and the charts are drawn."""

import pytest

from tests.browser import axe_violations, chromium, describe
from tests.conftest import PASSWORD

from . import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = None  # set to a directory to keep screenshots while developing


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def login(page, url, username):
    page.goto(url + "/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def check(page, name, problems):
    assert page.locator("h1").count() == 1, name
    violations = axe_violations(page)
    if violations:
        problems[name] = describe(violations)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_report_pages_are_accessible_and_draw_their_charts(live_server, org, users):
    register.build(org)
    problems = {}
    with chromium() as page:
        login(page, live_server.url, users.coordinator.username)
        page.goto(live_server.url + "/backoffice/rapportage/jaarverslag/?jaar=2025")
        check(page, "annual report", problems)
        charts = page.locator("svg[role=img]")
        assert charts.count() == 5
        for index in range(charts.count()):
            box = charts.nth(index).bounding_box()
            assert box and box["width"] > 200 and box["height"] > 50
        page.goto(
            live_server.url + "/backoffice/rapportage/jaarverslag/?jaar=2025&variant=gepubliceerd"
        )
        check(page, "annual report published", problems)
        page.goto(live_server.url + "/backoffice/rapportage/jaarverslag/teksten/?jaar=2025")
        check(page, "report texts", problems)
        page.goto(live_server.url + "/partner/cijfers/overzicht/?jaar=2025")
        check(page, "partner figures overview", problems)
        page.goto(live_server.url + "/backoffice/rapportage/dashboard/")
        check(page, "dashboard", problems)
        page.get_by_role("link", name="4").first.click()
        page.wait_for_load_state()
        check(page, "list from the dashboard", problems)
        page.goto(live_server.url + "/open-data/")
        check(page, "open data", problems)
    with chromium() as page:
        login(page, live_server.url, users.partner.username)
        page.goto(live_server.url + "/partner/cijfers/")
        check(page, "partner figures", problems)
        page.goto(live_server.url + "/partner/cijfers/uploaden/")
        check(page, "partner upload", problems)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
