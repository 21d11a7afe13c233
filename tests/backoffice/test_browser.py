"""One end-to-end run in a real browser (Debian's Chromium through Playwright): log in,
register a complaint by phone, see it, and find it again with the search box."""

from pathlib import Path

import pytest

from tests.conftest import PASSWORD

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
