"""The actions on the complaint page: each calls its service, shows the service's
message next to the field on bad input (status 400, nothing changed) and is refused
(403) to who may see the complaint but not act on it."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from vangnet.complaints import services
from vangnet.complaints.models import Attachment, Forward
from vangnet.complaints.workflow import State

from .conftest import EXE, PDF, pdf_file

pytestmark = pytest.mark.django_db


def url(name, complaint, *args):
    return reverse(f"backoffice:complaint_{name}", args=[complaint.pk, *args])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def complaint(make_complaint):
    return make_complaint()


@pytest.fixture
def as_coordinator(client, users):
    client.force_login(users.coordinator)
    return client


# --- assign --------------------------------------------------------------------------


def test_assign_a_handler(as_coordinator, complaint, users):
    response = as_coordinator.post(url("assign", complaint), {"handler": users.handler.pk})
    assert response.status_code == 302
    assert response["Location"] == url("detail", complaint)
    complaint.refresh_from_db()
    assert complaint.handler == users.handler
    assert messages_of(response) == [f"Klacht {complaint.reference} is toegewezen aan Handler."]
    assert complaint.events.filter(action="assigned").count() == 1
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Behandelaar: – → Handler" in html  # before → after on the timeline


def test_assigning_the_person_complained_about_is_refused_next_to_the_field(
    make_complaint, as_coordinator, users
):
    complaint = make_complaint(person_complained_about_user=users.handler)
    response = as_coordinator.post(url("assign", complaint), {"handler": users.handler.pk})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Awb 9:7" in response.context["bound_form"].errors["handler"][0]
    assert 'id="assign_handler_error"' in html
    assert "is degene over wie geklaagd wordt en mag de klacht niet behandelen (Awb 9:7)" in html
    assert 'aria-describedby="assign_handler_help assign_handler_error"' in html
    assert 'href="#assign_handler"' in html  # error summary
    complaint.refresh_from_db()
    assert complaint.handler is None


def test_assign_without_a_choice(as_coordinator, complaint):
    response = as_coordinator.post(url("assign", complaint), {"handler": ""})
    assert response.status_code == 400
    assert "Kies een actieve klachtbehandelaar." in response.content.decode()


def test_assign_someone_who_is_no_handler(as_coordinator, complaint, users):
    response = as_coordinator.post(url("assign", complaint), {"handler": users.viewer.pk})
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.handler is None


# --- transitions ---------------------------------------------------------------------


def test_start_and_close_with_an_outcome(as_coordinator, complaint):
    response = as_coordinator.post(url("transition", complaint), {"target": "in_progress"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == State.IN_PROGRESS
    assert messages_of(response) == [
        f"Klacht {complaint.reference}: de status is nu ‘In behandeling’."
    ]
    response = as_coordinator.post(
        url("transition", complaint),
        {"target": "closed", "outcome": "partly_well_founded", "note": "Excuses aangeboden."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED
    assert complaint.outcome == "partly_well_founded"
    assert complaint.closed_on is not None
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Excuses aangeboden." in html
    assert "Status: In behandeling → Afgesloten" in html
    assert "Uitkomst: – → Deels gegrond" in html


def test_close_without_an_outcome_is_an_error_next_to_the_outcome(as_coordinator, complaint):
    response = as_coordinator.post(url("transition", complaint), {"target": "closed"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="transition_closed_outcome_error"' in html
    assert "Kies de uitkomst." in html
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED


def test_a_step_that_is_no_longer_possible_is_explained(as_coordinator, complaint, users):
    services.transition(
        actor=users.coordinator, complaint=complaint, target="closed", outcome="withdrawn"
    )
    response = as_coordinator.post(url("transition", complaint), {"target": "in_progress"})
    assert response.status_code == 400
    assert "kan niet naar" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED


def test_unknown_outcome_is_refused(as_coordinator, complaint):
    response = as_coordinator.post(
        url("transition", complaint), {"target": "closed", "outcome": "not_a_complaint"}
    )
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED


# --- note, theme ---------------------------------------------------------------------


def test_add_a_note(as_coordinator, complaint):
    response = as_coordinator.post(url("note", complaint), {"text": "Klager teruggebeld."})
    assert response.status_code == 302
    assert complaint.events.filter(action="note_added", summary="Klager teruggebeld.").exists()
    response = as_coordinator.post(url("note", complaint), {"text": "  "})
    assert response.status_code == 400
    assert 'id="note_text_error"' in response.content.decode()
    assert "Schrijf een notitie." in response.content.decode()


def test_change_the_theme(as_coordinator, complaint, org):
    response = as_coordinator.post(url("theme", complaint), {"theme": org.waste.pk})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.theme == org.waste
    assert messages_of(response) == ["Het thema is nu Openbare ruimte › Afval."]
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Thema: Sociaal domein › Schuldhulpverlening → Openbare ruimte › Afval" in html


def test_change_to_an_inactive_theme_is_refused(as_coordinator, complaint, org):
    response = as_coordinator.post(url("theme", complaint), {"theme": org.inactive_theme.pk})
    assert response.status_code == 400
    assert "Dit thema wordt niet meer gebruikt" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.theme == org.debt


# --- attachments ---------------------------------------------------------------------


def test_upload_and_download_attachments(client, as_coordinator, complaint, users, org):
    response = as_coordinator.post(
        url("attachments", complaint),
        {"attachments": [pdf_file("brief aan klager.pdf"), pdf_file("tweede.pdf")]},
    )
    assert response.status_code == 302
    assert messages_of(response) == ["2 bijlagen zijn toegevoegd."]
    attachment = Attachment.objects.get(original_name="brief aan klager.pdf")
    download = reverse("backoffice:attachment_download", args=[complaint.pk, attachment.pk])

    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert download in html
    assert "/media/" not in html

    response = as_coordinator.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="brief aan klager.pdf"'
    assert b"".join(response.streaming_content) == PDF
    # Opening an attachment is on the record (it may hold special-category data).
    opened = complaint.events.latest("id")
    assert (opened.action, opened.actor, opened.summary) == (
        "attachment_downloaded",
        users.coordinator,
        "brief aan klager.pdf",
    )

    # Who may not see the complaint gets a 404, as if it did not exist.
    client.force_login(users.other_handler)
    assert client.get(download).status_code == 404
    client.force_login(users.partner)
    assert client.get(download).status_code == 404
    services.forward_to_partner(actor=users.coordinator, complaint=complaint, partner=org.partner)
    assert client.get(download).status_code == 200
    client.force_login(users.viewer)
    assert client.get(download).status_code == 404


def test_download_needs_the_attachment_of_this_complaint(as_coordinator, make_complaint, users):
    first = make_complaint(files=[pdf_file()])
    second = make_complaint()
    attachment = first.attachments.get()
    wrong = reverse("backoffice:attachment_download", args=[second.pk, attachment.pk])
    assert as_coordinator.get(wrong).status_code == 404
    missing = reverse("backoffice:attachment_download", args=[first.pk, 999999])
    assert as_coordinator.get(missing).status_code == 404


def test_upload_of_a_disguised_executable_is_refused(as_coordinator, complaint):
    response = as_coordinator.post(
        url("attachments", complaint), {"attachments": [pdf_file("scan.pdf", EXE)]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="attachments_attachments_error"' in html
    assert "scan.pdf kunnen we niet gebruiken" in html
    assert not Attachment.objects.exists()


def test_upload_without_a_file(as_coordinator, complaint):
    response = as_coordinator.post(url("attachments", complaint), {})
    assert response.status_code == 400
    assert "Kies een bestand." in response.content.decode()


# --- forward -------------------------------------------------------------------------


def test_forward_to_a_partner(as_coordinator, complaint, org):
    response = as_coordinator.post(
        url("forward", complaint), {"partner": org.partner.pk, "note": "Graag binnen 10 dagen."}
    )
    assert response.status_code == 302
    forward = Forward.objects.get()
    assert forward.partner == org.partner
    assert forward.note == "Graag binnen 10 dagen."
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Doorgestuurd naar samenwerkingspartners" in html
    assert "Graag binnen 10 dagen." in html
    # A second time to the same partner is refused next to the field.
    response = as_coordinator.post(url("forward", complaint), {"partner": org.partner.pk})
    assert response.status_code == 400
    assert 'id="forward_partner_error"' in response.content.decode()
    assert Forward.objects.count() == 1


def test_forward_without_a_partner(as_coordinator, complaint):
    response = as_coordinator.post(url("forward", complaint), {"partner": ""})
    assert response.status_code == 400
    assert "Kies een actieve samenwerkingspartner." in response.content.decode()


# --- who may act ---------------------------------------------------------------------


ACTIONS = [
    ("assign", lambda org, users: {"handler": users.handler.pk}),
    ("transition", lambda org, users: {"target": "in_progress"}),
    ("note", lambda org, users: {"text": "Mag niet."}),
    ("theme", lambda org, users: {"theme": org.waste.pk}),
    ("attachments", lambda org, users: {"attachments": [pdf_file()]}),
    ("forward", lambda org, users: {"partner": org.partner.pk}),
]


@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_a_handler_who_is_not_assigned_cannot_act(client, users, org, complaint, action, data):
    # The complaint is of the handler's department: readable, not theirs to handle.
    client.force_login(users.handler)
    assert client.get(url("detail", complaint)).status_code == 200
    response = client.post(url(action, complaint), data(org, users))
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED
    assert complaint.handler is None
    assert complaint.events.count() == 1
    assert not Attachment.objects.exists()
    assert not Forward.objects.exists()


@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_a_partner_user_cannot_act_on_a_forwarded_complaint(
    client, users, org, complaint, action, data
):
    services.forward_to_partner(actor=users.coordinator, complaint=complaint, partner=org.partner)
    client.force_login(users.partner)
    assert client.post(url(action, complaint), data(org, users)).status_code == 403


@pytest.mark.parametrize(("action", "data"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_who_cannot_see_the_complaint_gets_404(client, users, org, complaint, action, data):
    client.force_login(users.other_handler)
    assert client.post(url(action, complaint), data(org, users)).status_code == 404


def test_the_assigned_handler_handles_but_does_not_assign(client, users, complaint):
    services.assign_handler(actor=users.coordinator, complaint=complaint, handler=users.handler)
    client.force_login(users.handler)
    assert client.post(url("note", complaint), {"text": "Gebeld."}).status_code == 302
    assert client.post(url("transition", complaint), {"target": "in_progress"}).status_code == 302
    response = client.post(url("assign", complaint), {"handler": users.other_handler.pk})
    assert response.status_code == 403


def test_actions_only_take_post(as_coordinator, complaint):
    assert as_coordinator.get(url("note", complaint)).status_code == 405
