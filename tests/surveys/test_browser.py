"""The survey page in a real browser (Debian's Chromium through Playwright): the link
from a real e-mail opens it, axe-core finds no WCAG 2.1 A/AA violation on the form,
the form with its error, the thanks and the page for a link that does not work, and
the whole thing works with JavaScript switched off. The page's forms (the answer, the
language switch) pass the CSRF check: its referrer policy lets the Origin through."""

import re

import pytest

from tests.browser import axe_violations, chromium, describe
from vangnet.surveys.models import SurveyResponse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_the_survey_page_in_a_browser(live_server, settings, make_complaint, close, smtp_server):
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": live_server.url}
    first = close(make_complaint(complainant_name="Anna Boer"))
    second = close(make_complaint(complainant_name="Bram Kok"))
    # Delivered when the closing committed (the test's task backend runs at once).
    links = {}
    for message in smtp_server.messages:
        text = message.get_body(("plain",)).get_content()
        for complaint in (first, second):
            if complaint.reference in message["Subject"]:
                links[complaint.pk] = live_server.url + _path(text, live_server.url)
    assert set(links) == {first.pk, second.pk}

    problems = {}
    with chromium() as page:
        page.goto(links[first.pk])
        assert page.locator("h1").count() == 1
        assert page.locator("html").get_attribute("lang") == "nl"
        assert first.reference in page.locator("main").inner_text()
        if violations := axe_violations(page):
            problems["form"] = describe(violations)

        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        assert page.locator(".utrecht-form-field-error-message").count() == 1
        assert "Kies hoe tevreden u bent." in page.locator("#survey_satisfaction").inner_text()
        if violations := axe_violations(page):
            problems["form with error"] = describe(violations)

        page.get_by_label("Ontevreden", exact=True).check()
        page.get_by_label("Wat kunnen wij beter doen? (niet verplicht)").fill("Eerder terugbellen.")
        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        assert "Dank u wel voor uw antwoord" in page.locator("h1").inner_text()
        if violations := axe_violations(page):
            problems["thanks"] = describe(violations)

        # The page's other form, the language switch, works too (CSRF needs the Origin
        # the referrer policy lets through).
        page.goto(links[first.pk])
        with page.expect_navigation():
            page.get_by_role("button", name="English").click()
        assert page.url == links[first.pk]
        assert page.locator("html").get_attribute("lang") == "en"
        with page.expect_navigation():
            page.get_by_role("button", name="Nederlands").click()
        assert page.locator("html").get_attribute("lang") == "nl"

        response = page.goto(live_server.url + "/tevredenheid/" + "x" * 43 + "/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Deze link werkt niet"
        if violations := axe_violations(page):
            problems["not found"] = describe(violations)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())

    answer = SurveyResponse.objects.get(invitation__complaint=first)
    assert (answer.satisfaction, answer.comment) == (2, "Eerder terugbellen.")

    with chromium(java_script_enabled=False) as page:
        page.goto(links[second.pk])
        page.locator("input[name=satisfaction][value='5']").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Antwoord versturen").click()
        assert "Dank u wel voor uw antwoord" in page.locator("h1").inner_text()
    assert SurveyResponse.objects.get(invitation__complaint=second).satisfaction == 5


def _path(text: str, base: str) -> str:
    match = re.search(re.escape(base) + r"(/tevredenheid/[A-Za-z0-9_-]+/)", text)
    assert match, text
    return match.group(1)
