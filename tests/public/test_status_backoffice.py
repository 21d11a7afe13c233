"""The coordinator revokes a complaint's status links, or revokes them and e-mails a new
one, from the complaint page. Handler, partner user and viewer may not."""

import importlib.util
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from vangnet.complaints import statuslinks
from vangnet.complaints.events import Action
from vangnet.complaints.models import StatusLink
from vangnet.handling.guard import perform

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/status/([A-Za-z0-9_-]{43})/")


def sent_mail() -> list[dict]:
    if importlib.util.find_spec("vangnet.letters.outbox") is not None:
        from vangnet.letters.models import OutboxMessage

        return [{"to": m.to, "text": m.text} for m in OutboxMessage.objects.order_by("pk")]
    return [{"to": m.to[0], "text": m.body} for m in mail.outbox]


def url(name, complaint):
    return reverse(f"backoffice:complaint_{name}", args=[complaint.pk])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def complaint(make_complaint, users, org):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    perform("forward", actor=users.coordinator, complaint=complaint, data={"partner": org.partner})
    # Forwarding mailed the partner and the complainant; these tests look at what the
    # status-link actions send afterwards.
    from vangnet.letters.models import OutboxMessage

    OutboxMessage.objects.all().delete()
    return complaint


@pytest.fixture
def token(complaint):
    return statuslinks.issue_status_link(complaint)


def test_the_coordinator_sees_the_panel(client, users, complaint, token):
    statuslinks.issue_status_link(complaint)
    client.force_login(users.coordinator)
    html = client.get(url("detail", complaint)).content.decode()
    assert "Statuslink van de indiener" in html
    assert "2 werkende links." in html
    assert url("status_link_revoke", complaint) in html
    assert url("status_link_reissue", complaint) in html
    assert "fatima@example.invalid" in html
    assert token not in html


def test_others_do_not_see_the_panel(client, users, complaint, token):
    for user in (users.handler, users.partner):
        client.force_login(user)
        html = client.get(url("detail", complaint)).content.decode()
        assert "Statuslink van de indiener" not in html, user
        assert url("status_link_revoke", complaint) not in html


def test_revoke(client, users, complaint, token):
    client.force_login(users.coordinator)
    response = client.post(url("status_link_revoke", complaint))
    assert response.status_code == 302
    assert response["Location"] == url("detail", complaint)
    assert messages_of(response) == ["1 werkende statuslink is ingetrokken."]
    assert statuslinks.resolve(token) is None
    assert client.get(reverse("public:status", args=[token])).status_code == 404
    event = complaint.events.get(action=Action.STATUS_LINK_REVOKED)
    assert event.actor == users.coordinator
    html = client.get(url("detail", complaint)).content.decode()
    assert "0 werkende links." in html
    assert "Statuslink ingetrokken" in html  # on the timeline
    assert url("status_link_revoke", complaint) not in html  # nothing left to revoke


def test_reissue(client, users, complaint, token):
    client.force_login(users.coordinator)
    response = client.post(url("status_link_reissue", complaint))
    assert response.status_code == 302
    assert messages_of(response) == [
        "Er is een nieuwe statuslink gestuurd naar fatima@example.invalid. "
        "Oude links werken niet meer."
    ]
    assert statuslinks.resolve(token) is None
    [message] = sent_mail()
    assert message["to"] == "fatima@example.invalid"
    assert "De oude link werkt niet meer." in message["text"]
    new = LINK.search(message["text"]).group(1)
    client.logout()
    assert client.get(reverse("public:status", args=[new])).status_code == 200
    assert StatusLink.objects.filter(complaint=complaint, revoked_at__isnull=True).count() == 1
    issued = complaint.events.filter(action=Action.STATUS_LINK_ISSUED).last()
    assert issued.actor == users.coordinator


def test_reissue_to_the_representative_when_the_complainant_has_no_email(
    client, users, make_complaint
):
    complaint = make_complaint(
        complainant_email="", preferred_contact="phone", representative_email="hulp@example.invalid"
    )
    client.force_login(users.coordinator)
    assert client.post(url("status_link_reissue", complaint)).status_code == 302
    assert [m["to"] for m in sent_mail()] == ["hulp@example.invalid"]


def test_reissue_without_any_email_changes_nothing(client, users, make_complaint):
    complaint = make_complaint(complainant_email="", preferred_contact="phone")
    token = statuslinks.issue_status_link(complaint)
    client.force_login(users.coordinator)
    page = client.get(url("detail", complaint)).content.decode()
    assert "Er is geen e-mailadres bekend. Een nieuwe link sturen kan niet." in page
    assert url("status_link_reissue", complaint) not in page
    response = client.post(url("status_link_reissue", complaint))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is geen e-mailadres bekend. We kunnen geen nieuwe link sturen" in html
    assert "vangnet-error-summary" in html
    assert statuslinks.resolve(token) is not None
    assert sent_mail() == []


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("handler", 403),  # assigned: sees the complaint, may not manage links
        ("partner", 403),  # forwarded to their partner: sees it, may not manage links
        ("viewer", 404),
        ("other_handler", 404),
        ("other_partner", 404),
    ],
)
def test_only_the_coordinator(client, users, complaint, token, who, expected):
    client.force_login(getattr(users, who))
    for name in ("status_link_revoke", "status_link_reissue"):
        assert client.post(url(name, complaint)).status_code == expected, name
    assert statuslinks.resolve(token) is not None
    assert sent_mail() == []


def test_anonymous_is_sent_to_login(client, complaint, token):
    response = client.post(url("status_link_revoke", complaint))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert statuslinks.resolve(token) is not None


def test_get_is_not_allowed(client, users, complaint, token):
    client.force_login(users.coordinator)
    assert client.get(url("status_link_revoke", complaint)).status_code == 405
    assert statuslinks.resolve(token) is not None
