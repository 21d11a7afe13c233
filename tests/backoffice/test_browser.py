"""End-to-end runs in a real browser (Debian's Chromium through Playwright): log in,
register a complaint by phone, see it, and find it again with the search box; handle a
complaint informally through the step forms, with axe-core on the complaint page."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.backoffice.conftest import forward
from tests.browser import axe_violations, chromium, describe
from tests.conftest import PASSWORD
from vangnet.complaints.models import Forward
from vangnet.handling.guard import perform

SHOTS = Path("/tmp/shots")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop; Django's ORM refuses to run inside one
    # unless told it is safe (the live server runs in its own thread).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
            page.set_default_timeout(10_000)
            yield page
        finally:
            browser.close()


@pytest.mark.browser
def test_register_by_phone_and_find_it(transactional_db, live_server, users, org, browser_page):
    page = browser_page
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(users.coordinator.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", level=1, name="Mijn werk").wait_for()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Registreren").click()
    page.get_by_role("heading", level=1, name="Klacht registreren").wait_for()
    page.get_by_label("Ontvangen via").select_option("phone")
    page.get_by_label("Omschrijving").fill(
        "De medewerker aan de telefoon was onvriendelijk over mijn vergunningaanvraag."
    )
    page.get_by_role("textbox", name="Naam", exact=True).fill("Karim Bakker")
    page.get_by_role("textbox", name="Telefoon", exact=True).fill("06-98765432")
    page.get_by_role("radio", name="Telefoon").check()
    page.get_by_label("Thema", exact=True).select_option(str(org.waste.pk))
    page.get_by_label("Afdeling", exact=True).select_option(str(org.dept_space.pk))
    page.get_by_role("radio", name="Lichte route").check()
    page.get_by_label("Reden lichte route").select_option("oral")
    page.get_by_role("button", name="Klacht registreren").click()

    status = page.get_by_role("status").filter(has_text="is geregistreerd")
    status.wait_for()
    message = status.inner_text()
    reference = message.split()[1]
    assert message == f"Klacht {reference} is geregistreerd."
    page.get_by_role("heading", level=1, name=f"Klacht {reference}").wait_for()
    assert "Karim Bakker" in page.content()
    page.screenshot(path=str(SHOTS / "detail.png"), full_page=True)

    page.get_by_role("link", name="Klachten", exact=True).click()
    page.get_by_role("textbox", name="Zoek op kenmerk, naam of woorden").fill("vergunningaanvraag")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=reference).wait_for()
    assert page.get_by_text("1 klacht", exact=True).is_visible()
    page.screenshot(path=str(SHOTS / "list.png"), full_page=True)


def log_in(page, base, user):
    page.goto(f"{base}/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", level=1, name="Mijn werk").wait_for()


def assert_accessible(page, what):
    violations = axe_violations(page)
    assert not violations, f"{what}:\n{describe(violations)}"


@pytest.mark.browser
def test_handle_a_complaint_informally(
    transactional_db, live_server, users, org, make_complaint, monkeypatch, settings, tmp_path
):
    """The assigned handler acknowledges, logs the call and resolves the complaint
    informally, each through its form on the complaint page; axe-core finds no WCAG 2.1
    A/AA violation on the page, also with errors and with the decide form open."""

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MEDIA_ROOT = tmp_path / "media"
    SHOTS.mkdir(parents=True, exist_ok=True)
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    heard = make_complaint(description="Tweede klacht, al gehoord.")
    perform("assign", actor=users.coordinator, complaint=heard, data={"handler": users.handler})
    for step, data in [
        ("acknowledge", {}),
        ("start_formal", {"copy_note": "Per post."}),
        ("skip_hearing", {"ground": "waived", "person_not_heard_reason": "Schriftelijk."}),
    ]:
        perform(step, actor=users.handler, complaint=heard, data=data)
    base = live_server.url
    detail = f"{base}/backoffice/klachten/{complaint.pk}/"

    with chromium() as page:
        log_in(page, base, users.handler)
        page.goto(detail)
        page.get_by_role("heading", level=1, name=f"Klacht {complaint.reference}").wait_for()
        assert_accessible(page, "complaint page, received")

        step = page.locator("#stap-acknowledge")
        assert step.get_attribute("open") is not None  # the next step is open
        step.get_by_role("button", name="Ontvangst bevestigen").click()
        page.get_by_role("status").filter(
            has_text="De ontvangstbevestiging is verstuurd."
        ).wait_for()

        step = page.locator("#stap-log_contact")
        assert step.get_attribute("open") is not None
        step.get_by_role("button", name="Contact vastleggen").click()  # nothing filled in
        page.get_by_role("heading", name=re.compile("Er zijn .* fouten")).wait_for()
        assert page.title().startswith("Fout:")
        assert_accessible(page, "complaint page with errors")
        page.screenshot(path=str(SHOTS / "step-errors.png"), full_page=True)

        step = page.locator("#stap-log_contact")
        step.get_by_role("radio", name="Telefoon").check()
        step.get_by_label("Wat is er besproken?").fill(
            "Mevrouw wil excuses en een nieuwe afspraak."
        )
        step.get_by_label("Wat is afgesproken?").fill("Afspraak op maandag om 10 uur.")
        step.get_by_role("button", name="Contact vastleggen").click()
        page.get_by_role("status").filter(has_text="Het contact is vastgelegd.").wait_for()

        step = page.locator("#stap-resolve_informally")
        assert step.get_attribute("open") is not None
        step.get_by_label("Oplossing waarmee de indiener instemt").fill(
            "Excuses gemaakt; nieuwe afspraak op maandag."
        )
        step.get_by_role("button", name="Informeel opgelost").click()
        page.get_by_role("status").filter(has_text="Afgesloten").wait_for()
        assert "Informeel opgelost (Awb 9:5)" in page.locator("main").inner_text()
        assert "Afspraak op maandag om 10 uur." in page.locator("main").inner_text()
        assert_accessible(page, "complaint page, closed")
        page.screenshot(path=str(SHOTS / "closed.png"), full_page=True)

        page.goto(f"{base}/backoffice/klachten/{heard.pk}/")
        decide = page.locator("#stap-decide")
        assert decide.get_attribute("open") is not None
        decide.get_by_role("group", name="Open en duidelijk").first.wait_for()
        assert_accessible(page, "complaint page with the decide form")
        page.screenshot(path=str(SHOTS / "decide.png"), full_page=True)

        # A full file: the decision, an extension, a partner's reply, letters.
        perform(
            "decide",
            actor=users.handler,
            complaint=heard,
            data={
                "findings": "Bevindingen.",
                "conclusions": "Conclusies.",
                "parts": [
                    {
                        "part": heard.parts.get().pk,
                        "judgment": "well_founded",
                        "norms": ["promptness"],
                        "reasoning": "Motivering.",
                    }
                ],
            },
        )
        heard.refresh_from_db()
        perform(
            "extend",
            actor=users.handler,
            complaint=heard,
            data={"new_due": heard.decide_by + timedelta(days=7), "reason": "Drukte."},
        )
        forwarded = forward(heard, users.coordinator, org.partner)
        Forward.objects.filter(pk=forwarded.pk).update(
            replied_at=timezone.now(), reply_action="Gebeld.", reply_outcome="resolved"
        )
        page.goto(f"{base}/backoffice/klachten/{heard.pk}/")
        page.get_by_role(
            "link", name="Afhandelingsbrief bekijken voordat u hem verstuurt (PDF)"
        ).wait_for()
        assert_accessible(page, "complaint page, decided, with its file")
        page.screenshot(path=str(SHOTS / "decided.png"), full_page=True)

    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == ("closed", "resolved_informally")
    assert list(complaint.letters.values_list("kind", flat=True)) == [
        "acknowledgement",
        "informal_confirmation",
    ]
