"""Asking for the status link again: the same answer whether or not the reference and
e-mail address match (no enumeration); a match gets a new working link by e-mail; a
rate limit per IP address and per reference."""

import importlib.util
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from vangnet.complaints import statuslinks as links
from vangnet.complaints.events import Action
from vangnet.complaints.models import StatusLink
from vangnet.public import statuslinks
from vangnet.public.models import StatusRequest

pytestmark = pytest.mark.django_db

REQUEST = reverse("public:status_request")
SENT = reverse("public:status_request_sent")
LINK = re.compile(r"http://testserver/status/([A-Za-z0-9_-]{43})/")


def sent_mail() -> list[dict]:
    """E-mail sent so far: the letters outbox rows when that exists, else Django's test
    outbox (EMAIL_BACKEND is locmem in the tests)."""
    if importlib.util.find_spec("vangnet.letters.outbox") is not None:
        from vangnet.letters.models import OutboxMessage

        return [
            {"to": m.to, "subject": m.subject, "text": m.text, "html": m.html}
            for m in OutboxMessage.objects.order_by("pk")
        ]
    return [
        {
            "to": m.to[0],
            "subject": m.subject,
            "text": m.body,
            "html": m.alternatives[0][0] if m.alternatives else "",
        }
        for m in mail.outbox
    ]


@pytest.fixture
def complaint(make_complaint):
    return make_complaint(representative_email="Gemachtigde@Example.invalid")


def ask(client, reference, email, ip="192.0.2.1"):
    return client.post(REQUEST, {"reference": reference, "email": email}, REMOTE_ADDR=ip)


def test_the_form(client):
    response = client.get(REQUEST)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'for="request_reference"' in html
    assert 'for="request_email"' in html


def test_a_match_gets_a_new_working_link(client, complaint):
    old = links.issue_status_link(complaint)
    response = ask(client, complaint.reference, "FATIMA@example.invalid")
    assert response.status_code == 302
    assert response["Location"] == SENT
    [message] = sent_mail()
    assert message["to"] == "fatima@example.invalid"
    assert complaint.reference in message["subject"]
    token = LINK.search(message["text"]).group(1)
    assert f"http://testserver/status/{token}/" in message["html"]
    page = client.get(reverse("public:status", args=[token]))
    assert page.status_code == 200
    assert complaint.reference in page.content.decode()
    # The earlier link keeps working; the new one is on the record.
    assert links.resolve(old) is not None
    assert complaint.events.filter(action=Action.STATUS_LINK_ISSUED).count() == 2


def test_the_representative_can_ask_too(client, complaint):
    ask(client, complaint.reference, "gemachtigde@example.invalid")
    [message] = sent_mail()
    assert message["to"] == "Gemachtigde@Example.invalid"


@pytest.mark.parametrize(
    "change",
    ["wrong-email", "wrong-reference", "reference-with-letters", "other-complaints-email"],
)
def test_no_match_gives_the_same_answer(client, complaint, make_complaint, change):
    other = make_complaint(complainant_email="ander@example.invalid")
    reference, email = complaint.reference, "fatima@example.invalid"
    if change == "wrong-email":
        email = "iemand@example.invalid"
    elif change == "wrong-reference":
        reference = "1999-99999"
    elif change == "reference-with-letters":
        reference = complaint.reference + "x"
    else:
        email = other.complainant_email
    matching = ask(client, complaint.reference, "fatima@example.invalid", ip="192.0.2.10")
    not_matching = ask(client, reference, email, ip="192.0.2.11")
    assert (not_matching.status_code, not_matching["Location"]) == (
        matching.status_code,
        matching["Location"],
    )
    assert len(sent_mail()) == 1  # only the matching one
    page = client.get(SENT).content.decode()
    assert "Als de gegevens kloppen, sturen we u een e-mail met een nieuwe link" in page
    assert complaint.reference not in page


def test_invalid_input_is_shown_next_to_the_fields(client):
    response = client.post(REQUEST, {"reference": "2026-00001", "email": "geen-adres"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="request_email_error"' in html
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="2026-00001"' in html  # input kept
    assert 'href="#request_email"' in html
    assert not StatusRequest.objects.exists()


def test_rate_limit_per_ip(client, complaint):
    for n in range(statuslinks.REQUESTS_PER_HOUR):
        assert ask(client, f"2026-{n:05d}", "x@example.invalid").status_code == 302
    response = ask(client, complaint.reference, "fatima@example.invalid")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in html
    assert f'value="{complaint.reference}"' in html
    assert sent_mail() == []
    # Another address is not limited; an hour later this one is free again.
    assert ask(client, complaint.reference, "x@example.invalid", ip="192.0.2.99").status_code == 302
    with time_machine.travel(timezone.now() + timedelta(minutes=61), tick=False):
        assert ask(client, complaint.reference, "fatima@example.invalid").status_code == 302
    assert len(sent_mail()) == 1


def test_rate_limit_per_reference(client, complaint):
    for n in range(statuslinks.REQUESTS_PER_HOUR):
        ask(client, complaint.reference, "x@example.invalid", ip=f"198.51.100.{n}")
    response = ask(client, complaint.reference, "fatima@example.invalid", ip="203.0.113.1")
    assert response.status_code == 429
    assert sent_mail() == []


def test_the_limit_does_not_tell_whether_a_reference_exists(client, complaint):
    """An unknown reference is limited exactly like a known one."""
    for reference in (complaint.reference, "1999-99999"):
        statuses = [
            ask(client, reference, "x@example.invalid", ip=f"198.51.100.{n}").status_code
            for n in range(statuslinks.REQUESTS_PER_HOUR + 1)
        ]
        assert statuses == [302] * statuslinks.REQUESTS_PER_HOUR + [429]


def test_the_request_log_holds_no_plain_data(client, complaint):
    ask(client, complaint.reference, "fatima@example.invalid", ip="192.0.2.77")
    row = StatusRequest.objects.get()
    assert "192.0.2.77" not in row.ip_hash
    assert complaint.reference not in row.reference_hash
    assert len(row.ip_hash) == 64


def test_old_request_log_rows_are_removed(client, complaint):
    ask(client, complaint.reference, "x@example.invalid")
    with time_machine.travel(timezone.now() + timedelta(days=2), tick=False):
        ask(client, complaint.reference, "x@example.invalid")
        assert StatusRequest.objects.count() == 1


def test_few_links_per_complaint_per_hour(client, complaint):
    """However many addresses ask, one complaint gets a bounded number of e-mails."""
    for _ in range(statuslinks.REQUESTS_PER_HOUR + 2):
        statuslinks.send_link_again(
            reference=complaint.reference,
            email="fatima@example.invalid",
        )
    assert StatusLink.objects.filter(complaint=complaint).count() == statuslinks.REQUESTS_PER_HOUR
