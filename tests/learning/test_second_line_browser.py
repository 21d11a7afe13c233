"""The second-line pages in a real browser (Debian's Chromium): the scenario chart is
drawn with a size, and axe-core finds no WCAG 2.1 A/AA violation on the cost page and
the ombudsman pages."""

from datetime import date
from decimal import Decimal

import pytest

from tests.browser import axe_violations, chromium, describe
from tests.conftest import PASSWORD
from vangnet.learning import second_line
from vangnet.organisations.models import CostModel, Ombudsman

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


def test_scenario_chart_and_second_line_pages(live_server, org, users, make_complaint):
    org.ombudsman.cost_model = CostModel.PER_INHABITANT
    org.ombudsman.amount_per_inhabitant = Decimal("0.1953")
    org.ombudsman.independence = "Landelijk en onafhankelijk."
    org.ombudsman.save()
    Ombudsman.objects.create(
        name="Gezamenlijke Ombudsman",
        kind=Ombudsman.Kind.JOINT,
        address="Postbus 1",
        cost_model=CostModel.CONTRIBUTION,
        yearly_amount=Decimal("43297.29"),
        included_complaints=100,
        price_per_extra_complaint=Decimal("432.97"),
    )
    complaint = make_complaint(received_on=date.today().replace(day=1))
    case = second_line.register_case(
        actor=users.coordinator,
        data={
            "ombudsman": org.ombudsman,
            "reference": "2026.001",
            "received_on": complaint.received_on,
            "complaint": complaint,
            "kind": "report",
        },
    )
    second_line.add_recommendation(
        case,
        actor=users.coordinator,
        text="Leg beter uit.",
        made_on=complaint.received_on,
        respond_by=complaint.received_on,
    )
    problems = {}
    with chromium() as page:
        login(page, live_server.url, users.viewer.username)
        page.goto(live_server.url + "/backoffice/leren/tweede-lijn/?inhabitants=159709")
        check(page, "second line costs (viewer)", problems)
        chart = page.locator("svg[role=img]")
        assert chart.count() == 1
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 150
        assert page.get_by_text("€ 31.191,17").count() > 0
        page.goto(live_server.url + "/backoffice/leren/tweede-lijn/?step=nul")
        check(page, "second line costs with an error", problems)
    with chromium() as page:
        login(page, live_server.url, users.coordinator.username)
        for name, url in [
            ("ombudsman cases", "/backoffice/leren/ombudsman/"),
            ("ombudsman case", f"/backoffice/leren/ombudsman/{case.pk}/"),
            ("ombudsman case edit", f"/backoffice/leren/ombudsman/{case.pk}/wijzigen/"),
            (
                "register ombudsman case",
                f"/backoffice/leren/ombudsman/nieuw/?klacht={complaint.pk}",
            ),
            ("second line texts", "/backoffice/leren/tweede-lijn/teksten/"),
        ]:
            page.goto(live_server.url + url)
            check(page, name, problems)
        page.goto(live_server.url + f"/backoffice/leren/ombudsman/{case.pk}/wijzigen/")
        page.get_by_label("Kenmerk van de ombudsman").fill("")
        with page.expect_navigation():
            page.get_by_role("button", name="Opslaan").click()
        check(page, "ombudsman case edit with an error", problems)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
