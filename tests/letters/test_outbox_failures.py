"""A permanently failing address is shown, not retried forever: an SMTP 5xx refusal marks
the message failed at once (on the complaint's timeline and in the coordinator's list);
a 4xx reply or a server that is away keeps the retry schedule. A coordinator can send a
failed message again from the back office; nobody else can."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, include, path, reverse

from vangnet.complaints.events import Action
from vangnet.letters import outbox
from vangnet.letters.models import OutboxMessage
from vangnet.letters.tasks import deliver

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
ADDRESS = "inwoner@example.invalid"

# The lead wires `backoffice:email_resend` into backoffice/urls.py; until then these tests
# use this module as the URL configuration: the project's, with the route added.


def __getattr__(name: str):
    if name != "urlpatterns":
        raise AttributeError(name)
    from vangnet import urls as project_urls
    from vangnet.backoffice import email_views
    from vangnet.backoffice.urls import urlpatterns as backoffice_urlpatterns

    route = path("e-mail/<int:pk>/opnieuw/", email_views.email_resend, name="email_resend")
    others = [p for p in project_urls.urlpatterns if getattr(p, "app_name", None) != "backoffice"]
    return [
        path("backoffice/", include(([*backoffice_urlpatterns, route], "backoffice"))),
        *others,
    ]


@pytest.fixture(autouse=True)
def resend_route(settings):
    try:
        reverse("backoffice:email_resend", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def refuse_recipients(server, replies: dict[str, str]) -> None:
    """Make the SMTP server answer RCPT TO for these addresses with the given reply."""

    async def handle_rcpt(smtp, session, envelope, address, options):
        if address in replies:
            return replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    server.handle_RCPT = handle_rcpt


def refuse_sender(server, reply: str) -> None:
    async def handle_mail(smtp, session, envelope, address, options):
        return reply

    server.handle_MAIL = handle_mail


def refuse_data(server, reply: str) -> None:
    async def handle_data(smtp, session, envelope):
        return reply

    server.handle_DATA = handle_data


def accept_everything(server) -> None:
    for hook in ("handle_RCPT", "handle_MAIL", "handle_DATA"):
        server.__dict__.pop(hook, None)


def queue_one(capture, **fields) -> OutboxMessage:
    values = {"to": ADDRESS, "subject": "Uw klacht", "text": "Hallo.", **fields}
    with capture(execute=True):
        message = outbox.queue(**values)
    message.refresh_from_db()
    return message


def test_a_refused_address_fails_at_once_and_goes_on_the_timeline(
    clock, smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    refuse_recipients(smtp_server, {ADDRESS: "550 5.1.1 <inwoner@example.invalid>: no mailbox"})
    complaint = make_complaint()
    message = queue_one(django_capture_on_commit_callbacks, complaint=complaint)

    assert message.state == OutboxMessage.State.FAILED
    assert message.attempts == 1
    assert message.next_attempt_at is None
    assert "weigert dit e-mailadres" in message.last_error  # plain Dutch first …
    assert "SMTPRecipientsRefused" in message.last_error  # … then the technical reply
    assert "550 5.1.1" in message.last_error
    event = complaint.events.get(action=Action.EMAIL_FAILED)
    assert ADDRESS in event.summary
    assert "geen nieuwe poging" in event.summary
    assert smtp_server.messages == []

    # Not retried: neither by the operator's flush nor by a late task.
    accept_everything(smtp_server)
    clock.shift(timedelta(days=3))
    call_command("flush_outbox", "--all")
    assert deliver.call(message.pk) == "skipped"
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    "refuse, reply, error_class",
    [
        (refuse_sender, "553 5.7.1 Sender address rejected", "SMTPSenderRefused"),
        (refuse_data, "554 5.6.0 Message rejected as spam", "SMTPDataError"),
    ],
)
def test_a_permanent_refusal_of_sender_or_message_fails_at_once(
    clock, smtp_server, django_capture_on_commit_callbacks, refuse, reply, error_class
):
    refuse(smtp_server, reply)
    message = queue_one(django_capture_on_commit_callbacks)

    assert message.state == OutboxMessage.State.FAILED
    assert message.attempts == 1
    assert error_class in message.last_error
    assert reply.split()[0] in message.last_error


@pytest.mark.parametrize(
    "refuse, reply",
    [
        (lambda server, reply: refuse_recipients(server, {ADDRESS: reply}), "451 4.7.1 Greylisted"),
        (refuse_sender, "451 4.3.0 Try again later"),
        (refuse_data, "452 4.3.1 Insufficient storage"),
    ],
)
def test_a_temporary_refusal_is_retried_and_then_delivered(
    clock, smtp_server, django_capture_on_commit_callbacks, refuse, reply
):
    refuse(smtp_server, reply)
    message = queue_one(django_capture_on_commit_callbacks)

    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 1
    assert reply.split()[0] in message.last_error
    assert message.next_attempt_at == NOW + timedelta(minutes=1)

    accept_everything(smtp_server)
    clock.move_to(message.next_attempt_at)
    assert deliver.call(message.pk) == "sent"
    assert len(smtp_server.messages) == 1


def test_permanent_refusal_is_told_apart_from_temporary_trouble():
    import smtplib

    assert outbox.permanent_refusal(ConnectionRefusedError(111, "refused")) is None
    assert outbox.permanent_refusal(smtplib.SMTPServerDisconnected("gone")) is None
    both = smtplib.SMTPRecipientsRefused({"a@x.invalid": (550, b"no"), "b@x.invalid": (451, b"")})
    assert outbox.permanent_refusal(both) is None  # one of them may still work later
    assert "550 no" in outbox.permanent_refusal(
        smtplib.SMTPRecipientsRefused({"a@x.invalid": (550, b"no")})
    )


# --- shown to the coordinator, sent again ------------------------------------------------


@pytest.fixture
def failed(clock, smtp_server, make_complaint, django_capture_on_commit_callbacks):
    """A complaint whose acknowledgement the mail server refused."""
    refuse_recipients(smtp_server, {ADDRESS: "550 5.1.1 User unknown"})
    complaint = make_complaint()
    message = queue_one(django_capture_on_commit_callbacks, complaint=complaint)
    assert message.state == OutboxMessage.State.FAILED
    return message


def render_include(user, messages, **extra) -> str:
    request = RequestFactory().get("/backoffice/")
    request.user = user
    template = Template('{% include "backoffice/includes/failed_emails.html" %}')
    return template.render(RequestContext(request, {"failed_emails": messages, **extra}))


def test_the_coordinator_sees_failed_email_with_a_resend_button(failed, users):
    listed = list(outbox.failed_messages(users.coordinator))
    assert listed == [failed]
    assert list(outbox.failed_for(failed.complaint)) == [failed]

    html = render_include(users.coordinator, listed)
    assert ADDRESS in html
    assert "Uw klacht" in html
    assert "550 5.1.1 User unknown" in html
    assert failed.complaint.reference in html
    assert f'action="{reverse("backoffice:email_resend", args=[failed.pk])}"' in html
    assert "Opnieuw versturen" in html
    assert "csrfmiddlewaretoken" in html


def test_others_get_no_failed_email_list_and_no_button(failed, users):
    for user in (users.handler, users.other_handler, users.partner, users.viewer):
        assert list(outbox.failed_messages(user)) == []
    # On the complaint page a handler may see the list, but not the button.
    html = render_include(users.handler, [failed], hide_complaint=True)
    assert ADDRESS in html
    assert "Opnieuw versturen" not in html
    assert render_include(users.coordinator, []).strip() == ""


def test_coordinator_resends_and_it_is_delivered_once_the_server_accepts(
    failed, users, client, smtp_server, django_capture_on_commit_callbacks
):
    accept_everything(smtp_server)  # the mailbox exists again
    client.force_login(users.coordinator)
    back = reverse("backoffice:my_work")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("backoffice:email_resend", args=[failed.pk]), {"next": back}, follow=True
        )

    assert response.redirect_chain == [(back, 302)]
    assert "wordt opnieuw verstuurd" in response.content.decode()
    failed.refresh_from_db()
    assert failed.state == OutboxMessage.State.SENT
    assert [m["To"] for m in smtp_server.messages] == [ADDRESS]
    event = failed.complaint.events.get(action=Action.EMAIL_RESENT)
    assert event.actor == users.coordinator
    assert ADDRESS in event.summary
    assert list(outbox.failed_messages(users.coordinator)) == []


def test_resend_to_an_address_still_refused_fails_again_and_stays_listed(
    failed, users, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.resend(actor=users.coordinator, message=failed)
    failed.refresh_from_db()
    assert failed.state == OutboxMessage.State.FAILED
    assert list(outbox.failed_messages(users.coordinator)) == [failed]
    assert failed.complaint.events.filter(action=Action.EMAIL_FAILED).count() == 2
    assert smtp_server.messages == []


def test_an_unsafe_next_goes_back_to_the_complaint(failed, users, client):
    client.force_login(users.coordinator)
    response = client.post(
        reverse("backoffice:email_resend", args=[failed.pk]),
        {"next": "https://evil.invalid/phish"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "backoffice:complaint_detail", args=[failed.complaint_id]
    )


def test_only_the_coordinator_may_resend(failed, users, client):
    url = reverse("backoffice:email_resend", args=[failed.pk])
    client.force_login(users.handler)  # sees the complaint (own department), may not resend
    assert client.post(url).status_code == 403
    client.force_login(users.other_handler)  # does not see the complaint at all
    assert client.post(url).status_code == 404
    client.force_login(users.partner)
    assert client.post(url).status_code == 404
    client.force_login(users.coordinator)
    assert client.get(url).status_code == 405
    client.logout()
    assert client.post(url).status_code == 302  # to the login page
    failed.refresh_from_db()
    assert failed.state == OutboxMessage.State.FAILED
    assert not failed.complaint.events.filter(action=Action.EMAIL_RESENT).exists()
    with pytest.raises(PermissionDenied):
        outbox.resend(actor=users.handler, message=failed)


def test_a_sent_or_queued_message_is_not_resent(
    clock, users, client, smtp_server, django_capture_on_commit_callbacks
):
    sent = queue_one(django_capture_on_commit_callbacks)
    assert sent.state == OutboxMessage.State.SENT
    with pytest.raises(ValidationError):
        outbox.resend(actor=users.coordinator, message=sent)

    smtp_server.stop()
    waiting = queue_one(django_capture_on_commit_callbacks, subject="Wacht")
    assert waiting.state == OutboxMessage.State.QUEUED
    client.force_login(users.coordinator)
    response = client.post(reverse("backoffice:email_resend", args=[waiting.pk]), follow=True)
    assert "staat al in de wachtrij" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.attempts == 1  # untouched
    smtp_server.start()
    assert len(smtp_server.messages) == 1  # only the first one, once
