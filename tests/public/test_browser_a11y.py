"""The resident site in a real browser (Debian's Chromium through Playwright):

- axe-core finds no WCAG 2.1 A/AA violation on any public page, in Dutch and English,
  including a route question with its error, the form with errors and the confirmation;
- a keyboard-only resident files a complaint (Tab, typing, Space, Enter; no clicks);
- every public page and the whole route work with JavaScript switched off;
- end to end: the guided route, a complaint with an attachment, the acknowledgement
  at a real SMTP server with the right reference and dates, and its status link opens
  the status page; with the mail server down filing still works and the e-mail goes
  out once the server is back.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, translation

from tests.browser import axe_violations, chromium, describe
from tests.public.conftest import PDF
from tests.smtp import smtp_server  # noqa: F401  (fixture)
from vangnet.complaints.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the live server has its own.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(live_server, public_org, users, make_complaint, settings):
    from vangnet.complaints.statuslinks import issue_status_link

    # The links in e-mail point at the site as configured: here, the live server.
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": live_server.url}
    complaint = make_complaint()
    return {
        "base": live_server.url,
        "status_token": issue_status_link(complaint),
        "partner": public_org.partner,
    }


def public_pages(site) -> dict[str, str]:
    route = reverse("public:route")
    return {
        "home": reverse("public:home"),
        "search": reverse("public:home") + "?q=schulden",
        "search without result": reverse("public:home") + "?q=xyzzy",
        "partner": reverse("public:partner", args=[site["partner"].slug]),
        "route": route,
        "route question with error": route + "?stap=wat",
        "route: report": route + "?wat=kapot",
        "route: objection": route + "?wat=besluit",
        "route: which organisation": route + "?wat=organisatie",
        "complaint form": reverse("public:complaint"),
        "privacy": reverse("public:privacy"),
        "status": reverse("public:status", args=[site["status_token"]]),
        "status request": reverse("public:status_request"),
        "not found": "/organisaties/bestaat-niet/",
    }


def choose_language(page, base, language):
    page.goto(base + reverse("public:home"))
    if language == "en":
        with page.expect_navigation():
            page.get_by_role("button", name="English").click()


def fill_complaint(page, *, attachment=None):
    page.locator("input[name=subject][value=gemeente]").check()
    page.locator("[name=description]").fill("De medewerker aan de balie was onvriendelijk.")
    page.locator("[name=name]").fill("Sanne Bakker")
    page.locator("[name=street]").fill("Dorpsstraat 12")
    page.locator("[name=postcode]").fill("1234 AB")
    page.locator("[name=city]").fill("Vangstad")
    page.locator("[name=email]").fill("sanne@example.invalid")
    if attachment:
        page.locator("[name=attachments]").set_input_files(attachment)
    page.locator("[name=privacy]").check()


def submit(page):
    with page.expect_navigation():
        page.locator("form.vangnet-complaint-form button[type=submit]").click()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_wcag_violations_on_any_public_page(site, language):
    base = site["base"]
    problems = {}
    with chromium() as page:
        choose_language(page, base, language)
        for name, path in public_pages(site).items():
            page.goto(base + path)
            assert page.locator("html").get_attribute("lang") == language, name
            assert page.locator("h1").count() == 1, f"{name}: one h1"
            if violations := axe_violations(page):
                problems[name] = describe(violations)

        page.goto(base + reverse("public:complaint"))
        submit(page)  # everything empty: every error shown
        assert page.locator(".utrecht-form-field-error-message").count() >= 3
        if violations := axe_violations(page):
            problems["form with errors"] = describe(violations)

        fill_complaint(page)
        submit(page)
        assert re.search(r"\d{4}-\d{5}", page.locator("main").inner_text())
        if violations := axe_violations(page):
            problems["confirmation"] = describe(violations)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def tab_to(page, selector: str, *, limit: int = 250) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_keyboard_only_resident_files_a_complaint(site):
    with chromium() as page:
        page.goto(site["base"] + reverse("public:complaint"))
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('utrecht-skip-link')")

        tab_to(page, "[name=subject]")
        # Arrow keys move through a radio group; make sure "the municipality" is chosen.
        for _ in range(5):
            if page.evaluate("document.activeElement.value") == "gemeente":
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        for name, text in [
            ("description", "Niemand belde mij terug, drie keer niet."),
            ("name", "Ayse Yilmaz"),
            ("street", "Lindelaan 3"),
            ("postcode", "4321 CD"),
            ("city", "Vangstad"),
            ("email", "ayse@example.invalid"),
        ]:
            tab_to(page, f"[name={name}]")
            page.keyboard.type(text)
        tab_to(page, "[name=privacy]")
        page.keyboard.press("Space")
        tab_to(page, "form.vangnet-complaint-form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        complaint = Complaint.objects.get(complainant_name="Ayse Yilmaz")
        assert complaint.reference in page.locator("main").inner_text()
        assert complaint.channel == "web"


def test_everything_works_without_javascript(site):
    base = site["base"]
    with chromium(java_script_enabled=False) as page:
        for name, path in public_pages(site).items():
            response = page.goto(base + path)
            expected = 404 if name == "not found" else 200
            assert response.status == expected, name
            assert page.locator("h1").count() == 1, name

        # The route: treated badly by the municipality → the form → confirmation.
        page.goto(base + reverse("public:route"))
        page.locator("input[name=wat][value=gemeente]").check()
        page.get_by_role("button", name="Volgende").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Klacht indienen bij de gemeente").first.click()
        fill_complaint(
            page, attachment={"name": "brief.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        submit(page)
        complaint = Complaint.objects.get(complainant_name="Sanne Bakker")
        assert complaint.reference in page.locator("main").inner_text()
        assert complaint.attachments.count() == 1


def long_date(day) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "l j F Y")


def test_end_to_end_with_a_real_mail_server(site, smtp_server):  # noqa: F811
    base = site["base"]
    with chromium() as page:
        page.goto(base + reverse("public:route"))
        page.locator("input[name=wat][value=organisatie]").check()
        page.get_by_role("button", name="Volgende").click()
        page.locator(f"input[name=organisatie][value={site['partner'].slug}]").check()
        page.get_by_role("button", name="Volgende").click()
        page.locator("input[name=al_geklaagd][value=ja]").check()
        page.get_by_role("button", name="Volgende").click()
        with page.expect_navigation():
            page.locator("main a.utrecht-button-link--primary-action").first.click()
        assert page.locator("[name=partner]").input_value() == site["partner"].slug
        page.locator("[name=description]").fill("De schuldhulp reageert al maanden niet.")
        for name, value in [
            ("name", "Sanne Bakker"),
            ("street", "Dorpsstraat 12"),
            ("postcode", "1234 AB"),
            ("city", "Vangstad"),
            ("email", "sanne@example.invalid"),
        ]:
            page.locator(f"[name={name}]").fill(value)
        page.locator("[name=attachments]").set_input_files(
            {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        page.locator("[name=privacy]").check()
        submit(page)
        complaint = Complaint.objects.get(complainant_name="Sanne Bakker")
        assert complaint.partner == site["partner"]
        assert complaint.attachments.count() == 1
        assert complaint.reference in page.locator("main").inner_text()

        assert len(smtp_server.messages) == 1
        message = smtp_server.messages[0]
        assert message["To"] == "sanne@example.invalid"
        text = message.get_body(preferencelist=("plain",)).get_content()
        assert complaint.reference in message["Subject"] + text
        assert long_date(complaint.first_contact_by) in text
        assert long_date(complaint.decide_by) in text
        status_url = re.search(r"https?://\S+/status/[\w-]+/", text).group(0)

        page.goto(status_url)
        assert page.locator("h1").count() == 1
        assert complaint.reference in page.locator("main").inner_text()


def test_filing_while_the_mail_server_is_down(site, smtp_server):  # noqa: F811
    smtp_server.stop()
    with chromium() as page:
        page.goto(site["base"] + reverse("public:complaint"))
        fill_complaint(page)
        submit(page)
        complaint = Complaint.objects.get(complainant_name="Sanne Bakker")
        assert complaint.reference in page.locator("main").inner_text()
    assert smtp_server.messages == []
    from vangnet.letters.models import OutboxMessage

    message = OutboxMessage.objects.get(complaint=complaint)
    assert message.state == "queued" and message.attempts == 1 and message.last_error

    smtp_server.start()
    call_command("flush_outbox", "--all")
    call_command("flush_outbox", "--all")  # a second run sends nothing twice
    assert len(smtp_server.messages) == 1
    assert complaint.reference in smtp_server.messages[0]["Subject"] + str(
        smtp_server.messages[0].get_body(preferencelist=("plain",)).get_content()
    )
