"""The forward-to-partner route end to end without a partner account: the coordinator
forwards, the partner's e-mail arrives at a real SMTP server, the reply link in it opens
the complaint, the partner replies, the municipality sees the reply on the forward and
the timeline, and the handler is e-mailed. Plus the page's errors, the "already replied"
page and the friendly 404."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from vangnet.complaints.events import Action
from vangnet.complaints.models import Forward, PartnerOutcome, SubjectType
from vangnet.handling.guard import perform
from vangnet.letters import outbox

from .conftest import BASE, mails_to, reply_path, text_of

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 16, 10, 0, tzinfo=AMSTERDAM)
PARTNER_ADDRESS = "doorsturen@schuldhulp.invalid"
REPLY_LINK = re.compile(r"https?://\S+/partner/antwoord/[A-Za-z0-9_-]+/")


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def complaint(org, staff, make_complaint):
    complaint = make_complaint(
        subject_type=SubjectType.PARTNER,
        partner=org.partner,
        department=None,
        description="De schuldhulpverlener kwam drie keer niet opdagen.",
        desired_outcome="Een nieuwe afspraak en excuses.",
    )
    perform("assign", actor=staff.coordinator, complaint=complaint, data={"handler": staff.handler})
    return complaint


def assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"


def link_from_email(smtp_server) -> str:
    outbox.flush()
    [message] = mails_to(smtp_server, PARTNER_ADDRESS)
    links = set(REPLY_LINK.findall(text_of(message)))
    assert len(links) == 1
    return links.pop()


def test_end_to_end_without_a_partner_account(smtp_server, client, staff, complaint, forward):
    forward(complaint)
    link = link_from_email(smtp_server)
    assert link.startswith(BASE + "/partner/antwoord/")
    path = link.removeprefix(BASE)

    page = client.get(path)
    assert page.status_code == 200
    assert_private(page)
    html = page.content.decode()
    for shown in (
        complaint.reference,
        "De schuldhulpverlener kwam drie keer niet opdagen.",
        "Een nieuwe afspraak en excuses.",
        "Fatima de Vries",
        "06-12345678",
        "fatima@example.invalid",
        "16 maart 2026",  # forwarded on
        "maandag 30 maart 2026",  # reply due
        "blijft verantwoordelijk",
    ):
        assert shown in html, shown

    smtp_server.messages.clear()
    response = client.post(
        path,
        {
            "name": "Jan Jansen",
            "action": "Wij hebben mevrouw gebeld en een nieuwe afspraak gemaakt.",
            "outcome": PartnerOutcome.RESOLVED,
        },
    )
    assert response.status_code == 302
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert_private(confirmation)
    text = confirmation.content.decode()
    assert "Dank u wel. Uw antwoord is verstuurd" in text
    assert "Wij hebben mevrouw gebeld en een nieuwe afspraak gemaakt." in text
    assert "Opgelost met de indiener" in text

    made = Forward.objects.get(complaint=complaint)
    assert made.replied_by_name == "Jan Jansen"
    assert made.reply_outcome == PartnerOutcome.RESOLVED
    assert made.reply_action == "Wij hebben mevrouw gebeld en een nieuwe afspraak gemaakt."
    assert made.replied_at == NOW
    actions = list(complaint.events.order_by("id").values_list("action", flat=True))
    assert actions[-1] == Action.PARTNER_REPLIED
    assert Action.FORWARDED in actions

    outbox.flush()
    [to_handler] = mails_to(smtp_server, "handler@testwijk.invalid")
    assert complaint.reference in to_handler["Subject"]
    assert "Opgelost met de indiener" in text_of(to_handler)

    # The municipality sees the reply on the complaint's page.
    client.force_login(staff.coordinator)
    staff_page = client.get(reverse("backoffice:complaint_detail", args=[complaint.pk]))
    assert "Terugkoppeling van de partner" in staff_page.content.decode()


def test_after_the_reply_the_link_shows_what_was_sent(smtp_server, client, complaint, forward):
    made, token = forward(complaint)
    client.post(
        reply_path(token),
        {"name": "Jan Jansen", "action": "Afspraak gemaakt.", "outcome": PartnerOutcome.RESOLVED},
    )
    page = client.get(reply_path(token))
    assert page.status_code == 200
    assert_private(page)
    html = page.content.decode()
    assert f"Klacht {complaint.reference} is al beantwoord" in html
    assert "Afspraak gemaakt." in html
    assert "Jan Jansen" in html
    assert "fatima@example.invalid" not in html  # no personal data any more
    assert 'name="action"' not in html  # no form

    again = client.post(
        reply_path(token),
        {"name": "Piet", "action": "Toch anders.", "outcome": PartnerOutcome.UNFOUNDED},
    )
    assert again.status_code == 200
    made.refresh_from_db()
    assert made.replied_by_name == "Jan Jansen"
    assert made.reply_action == "Afspraak gemaakt."
    assert complaint.events.filter(action=Action.PARTNER_REPLIED).count() == 1


def test_errors_next_to_the_fields_and_input_kept(client, complaint, forward):
    made, token = forward(complaint)
    response = client.post(
        reply_path(token), {"name": "", "action": "Wij belden mevrouw <b>twee</b> keer."}
    )
    assert response.status_code == 400
    assert_private(response)
    html = response.content.decode()
    assert "<title>Fout: " in html
    assert "Er zijn 2 fouten" in html
    # Each message in the summary above the form, and next to its field.
    name_at = html.index('id="reply_name_error"')
    name_error = html.index("Vul uw naam in, zodat de gemeente weet wie antwoordt.", name_at)
    assert name_error < html.index('name="name"')
    outcome_at = html.index('id="reply_outcome_error"')
    assert html.index("Kies wat de uitkomst is.", outcome_at) < html.index('name="outcome"')
    assert html.count("Kies wat de uitkomst is.") == 2
    assert 'aria-describedby="reply_name_help reply_name_error"' in html
    # What was typed is kept (escaped).
    assert "Wij belden mevrouw &lt;b&gt;twee&lt;/b&gt; keer.</textarea>" in html

    response = client.post(
        reply_path(token),
        {"name": "Jan", "action": "", "outcome": PartnerOutcome.NOT_REACHED},
    )
    html = response.content.decode()
    assert "Schrijf wat uw organisatie met de klacht heeft gedaan." in html
    assert 'value="Jan"' in html
    assert re.search(r'value="not_reached"[^>]*checked', html)
    made.refresh_from_db()
    assert made.replied_at is None


@pytest.mark.parametrize(
    "token", ["onzin", "x" * 43, "a" * 200, "%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21%21"]
)
def test_unknown_token_gets_a_friendly_404(client, complaint, forward, token):
    forward(complaint)
    response = client.get(f"/partner/antwoord/{token}/")
    assert response.status_code == 404
    assert_private(response)
    html = response.content.decode()
    assert "Deze link werkt niet (meer)" in html
    assert "nieuwe link" in html
    assert complaint.reference not in html
    assert client.post(f"/partner/antwoord/{token}/", {"name": "x"}).status_code == 404
    assert client.get(f"/partner/antwoord/{token}/verstuurd/").status_code == 404


def test_sent_page_before_a_reply_goes_back_to_the_form(client, complaint, forward):
    _, token = forward(complaint)
    response = client.get(reverse("partnerportal:reply_sent", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reply_path(token)
