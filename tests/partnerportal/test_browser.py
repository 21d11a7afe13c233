"""The reply link page and the partner portal in a real browser (Debian's Chromium
through Playwright): axe-core finds no WCAG 2.1 A/AA violation on the reply page, the
page with errors, the confirmation, the "already replied" page, the friendly 404 and
the portal's list and detail; and the reply works with JavaScript switched off."""

import pytest

from tests.browser import axe_violations, chromium, describe
from tests.conftest import PASSWORD
from vangnet.complaints.models import Forward, PartnerOutcome, SubjectType

from .conftest import reply_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def forwarded(org, staff, make_complaint, forward):
    def make():
        complaint = make_complaint(
            subject_type=SubjectType.PARTNER,
            partner=org.partner,
            department=None,
            description="De schuldhulpverlener kwam drie keer niet opdagen.",
            desired_outcome="Een nieuwe afspraak.",
        )
        return forward(complaint, note="Graag 's ochtends bellen.")

    return make


def check(page, name, problems):
    assert page.locator("h1").count() == 1, name
    assert page.locator("html").get_attribute("lang") == "nl", name
    if violations := axe_violations(page):
        problems[name] = describe(violations)


def test_reply_link_pages_are_accessible_and_work(live_server, forwarded):
    made, token = forwarded()
    url = live_server.url + reply_path(token)
    problems = {}
    with chromium() as page:
        response = page.goto(url)
        assert response.status == 200
        assert response.headers["cache-control"] == "private, no-store"
        assert response.headers["referrer-policy"] == "same-origin"
        assert made.complaint.reference in page.locator("h1").inner_text()
        check(page, "reply", problems)

        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        assert page.title().startswith("Fout:")
        assert page.locator(".utrecht-form-field-error-message").count() == 3
        check(page, "reply with errors", problems)

        # The error summary's links lead to the fields.
        page.get_by_role(
            "link", name="Vul uw naam in, zodat de gemeente weet wie antwoordt."
        ).click()
        assert page.evaluate("document.activeElement.name") == "name"

        page.get_by_label("Uw naam").fill("Jan Jansen")
        page.get_by_label("Wat heeft uw organisatie met de klacht gedaan?").fill(
            "Wij hebben mevrouw gebeld en een nieuwe afspraak gemaakt."
        )
        page.get_by_role("radio", name="Opgelost met de indiener").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        assert "Dank u wel" in page.locator("h1").inner_text()
        check(page, "confirmation", problems)

        page.goto(url)
        assert "al beantwoord" in page.locator("h1").inner_text()
        check(page, "already replied", problems)

        response = page.goto(live_server.url + reply_path("x" * 43))
        assert response.status == 404
        check(page, "unknown link", problems)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
    made.refresh_from_db()
    assert made.replied_by_name == "Jan Jansen"
    assert made.reply_outcome == PartnerOutcome.RESOLVED


def test_reply_link_works_without_javascript(live_server, forwarded):
    made, token = forwarded()
    with chromium(java_script_enabled=False) as page:
        page.goto(live_server.url + reply_path(token))
        page.get_by_label("Uw naam").fill("Jan Jansen")
        page.get_by_label("Wat heeft uw organisatie met de klacht gedaan?").fill("Gebeld.")
        page.get_by_role("radio", name="Indiener niet bereikt").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        assert "Dank u wel" in page.locator("h1").inner_text()
    made.refresh_from_db()
    assert made.reply_outcome == PartnerOutcome.NOT_REACHED


def test_portal_pages_are_accessible(live_server, users, forwarded):
    made, _ = forwarded()
    problems = {}
    with chromium() as page:
        page.goto(live_server.url + "/login/")
        page.get_by_label("Gebruikersnaam").fill(users.partner.username)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()
        page.goto(live_server.url + "/partner/")
        check(page, "portal list", problems)
        page.get_by_role("link", name=made.complaint.reference).click()
        page.get_by_role("heading", level=1, name=f"Klacht {made.complaint.reference}").wait_for()
        check(page, "portal detail", problems)
        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        check(page, "portal detail with errors", problems)
        page.get_by_label("Wat heeft uw organisatie met de klacht gedaan?").fill("Gebeld.")
        page.get_by_role("radio", name="Klacht niet terecht").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        check(page, "portal detail after the reply", problems)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
    assert Forward.objects.get(pk=made.pk).replied_by == users.partner
