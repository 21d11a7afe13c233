"""The actions on the complaint page: each calls its service, shows the service's
message next to the field on bad input (status 400, nothing changed) and is refused
(403) to who may see the complaint but not act on it (404 to who may not see it).

The procedure's steps all go through one view, `backoffice:complaint_step`: a walk
through the pages from receipt to the conclusion letter, errors, who may take a step,
the extension of the term, letters on the file and the page's query count."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.parts import keyed, posted
from vangnet.complaints.models import Attachment, Forward
from vangnet.complaints.workflow import State
from vangnet.handling.actions.decide import latest_decision
from vangnet.handling.actions.extend import extension_limit
from vangnet.handling.guard import perform
from vangnet.letters import pdfs

from .conftest import EXE, PDF, forward, pdf_file

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


def _forward(complaint, users, partner):
    return forward(complaint, users.coordinator, partner)


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
    _forward(complaint, users, org.partner)
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
    assert forward.sent_to == "klachten@schuldhulp.invalid"
    assert forward.reply_due_on is not None
    assert messages_of(response) == [
        f"Klacht {complaint.reference} is doorgestuurd naar Schuldhulp Samen. De partner kreeg "
        "een e-mail met een antwoordlink op klachten@schuldhulp.invalid."
    ]
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Doorgestuurd naar samenwerkingspartners" in html
    assert "Graag binnen 10 dagen." in html
    assert "Wacht op antwoord" in html
    # The forward notice to the complainant is on the file.
    assert complaint.letters.filter(kind="forward_notice").exists()
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
    ("assign", (), lambda org, users: {"handler": users.handler.pk}),
    ("step", ("acknowledge",), lambda org, users: {}),
    ("step", ("withdraw",), lambda org, users: {"note": "Gebeld."}),
    ("extend", (), lambda org, users: {"new_due": "2099-01-01", "reason": "Drukte."}),
    ("delay", (), lambda org, users: {"new_due": "2099-01-01", "reason": "x"}),
    ("note", (), lambda org, users: {"text": "Mag niet."}),
    ("theme", (), lambda org, users: {"theme": org.waste.pk}),
    ("attachments", (), lambda org, users: {"attachments": [pdf_file()]}),
    ("forward", (), lambda org, users: {"partner": org.other_partner.pk}),
]
IDS = ["-".join([a, *args]) for a, args, _ in ACTIONS]


@pytest.mark.parametrize(("action", "args", "data"), ACTIONS, ids=IDS)
def test_a_handler_who_is_not_assigned_cannot_act(
    client, users, org, complaint, action, args, data
):
    # The complaint is of the handler's department: readable, not theirs to handle.
    client.force_login(users.handler)
    assert client.get(url("detail", complaint)).status_code == 200
    response = client.post(url(action, complaint, *args), data(org, users))
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED
    assert complaint.handler is None
    assert complaint.events.count() == 1
    assert not Attachment.objects.exists()
    assert not Forward.objects.exists()
    assert not complaint.letters.exists()


@pytest.mark.parametrize(("action", "args", "data"), ACTIONS, ids=IDS)
def test_a_partner_user_cannot_act_on_a_forwarded_complaint(
    client, users, org, complaint, action, args, data
):
    _forward(complaint, users, org.partner)
    client.force_login(users.partner)
    assert client.post(url(action, complaint, *args), data(org, users)).status_code == 403


@pytest.mark.parametrize(("action", "args", "data"), ACTIONS, ids=IDS)
def test_who_cannot_see_the_complaint_gets_404(client, users, org, complaint, action, args, data):
    client.force_login(users.other_handler)
    assert client.post(url(action, complaint, *args), data(org, users)).status_code == 404


def test_the_assigned_handler_handles_but_does_not_assign(client, users, complaint):
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    client.force_login(users.handler)
    assert client.post(url("note", complaint), {"text": "Gebeld."}).status_code == 302
    assert client.post(url("step", complaint, "acknowledge")).status_code == 302
    response = client.post(url("assign", complaint), {"handler": users.other_handler.pk})
    assert response.status_code == 403


def test_actions_only_take_post(as_coordinator, complaint):
    assert as_coordinator.get(url("note", complaint)).status_code == 405
    assert as_coordinator.get(url("step", complaint, "acknowledge")).status_code == 405
    assert as_coordinator.get(url("extend", complaint)).status_code == 405


def test_a_closed_complaint_takes_only_notes_and_attachments(as_coordinator, complaint, users):
    perform("withdraw", actor=users.coordinator, complaint=complaint, data={"note": "Gebeld."})
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Notitie toevoegen" in html
    assert "Behandelaar toewijzen" not in html
    assert url("extend", complaint) not in html
    assert url("forward", complaint) not in html


# --- The procedure, step by step through the pages ------------------------------------


def step_url(complaint, step):
    return reverse("backoffice:complaint_step", args=[complaint.pk, step])


def parts_data(*parts, total=3):
    """The judgment parts formset as the decide form posts it."""
    data = {
        "parts-TOTAL_FORMS": str(total),
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "20",
    }
    for number, part in enumerate(parts):
        for key, value in part.items():
            data[f"parts-{number}-{key}"] = value
    return data


DECISION = {
    "findings": "De aanvraag is drie keer zoekgeraakt in de post.",
    "conclusions": "De gemeente heeft de aanvraag niet zorgvuldig behandeld.",
    "measures": "De post wordt voortaan digitaal geregistreerd.",
    **parts_data(
        {
            "summary": "De aanvraag raakte zoek.",
            "judgment": "well_founded",
            "norms": ["promptness", "good_organisation"],
            "reasoning": "Drie keer kwijt is niet voortvarend.",
        },
        {
            "summary": "De medewerker was onbeleefd.",
            "judgment": "unfounded",
            "reasoning": "Uit het gesprek bleek dat niet.",
        },
    ),
}


@pytest.fixture
def assigned(make_complaint, users):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


@pytest.fixture
def as_handler(client, users):
    client.force_login(users.handler)
    return client


def state_of(complaint):
    complaint.refresh_from_db()
    return complaint.state


def take(client, complaint, step, data=None, expect=302):
    response = client.post(step_url(complaint, step), data or {})
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def test_walk_from_receipt_to_the_conclusion_letter(as_handler, assigned, users):
    complaint = assigned
    today = date.today()
    html = as_handler.get(url("detail", complaint)).content.decode()
    # The next step is open; the others the table allows are there, closed.
    assert '<details class="vangnet-step" id="stap-acknowledge" open>' in html
    assert '<details class="vangnet-step" id="stap-decline">' in html
    assert step_url(complaint, "log_contact") not in html  # not from 'received'
    assert step_url(complaint, "reopen") not in html

    response = take(as_handler, complaint, "acknowledge")
    assert response["Location"] == url("detail", complaint)
    assert state_of(complaint) == State.ACKNOWLEDGED
    assert messages_of(response) == [
        f"Klacht {complaint.reference}: De ontvangstbevestiging is verstuurd."
    ]

    take(
        as_handler,
        complaint,
        "log_contact",
        {
            "contacted_on": today.isoformat(),
            "channel": "phone",
            "reached": "on",
            "notes": "Mevrouw is boos over de zoekgeraakte aanvraag.",
            "agreed": "Wij zoeken uit wat er gebeurde.",
        },
    )
    assert state_of(complaint) == State.IN_PROGRESS
    contact = complaint.contacts.get()
    assert (contact.channel, contact.reached, contact.recorded_by) == ("phone", True, users.handler)

    # The department has no e-mail address: the handler says how the copy went (Awb 9:9);
    # nothing said would leave an open task (tests/handling/test_copies.py).
    take(as_handler, complaint, "start_formal", {"copy_note": "Kopie per interne post."})
    assert state_of(complaint) == State.FORMAL
    assert not complaint.tasks.exists()

    take(as_handler, complaint, "offer_hearing", {"location": "Stadhuis"})
    assert state_of(complaint) == State.HEARING_OFFERED
    planned = (timezone.localtime() + timedelta(days=7)).replace(hour=10, minute=0)
    take(
        as_handler,
        complaint,
        "plan_hearing",
        {"planned_at": planned.strftime("%Y-%m-%dT%H:%M"), "location": "Stadhuis, zaal 2"},
    )
    assert state_of(complaint) == State.HEARING_PLANNED
    take(
        as_handler,
        complaint,
        "hold_hearing",
        {
            "held_on": today.isoformat(),
            "held_early_reason": "De indiener kon eerder.",
            "participants": "Mevrouw De Vries, de behandelaar",
            "record": "Mevrouw lichtte toe dat zij drie keer opnieuw moest beginnen.",
            "send_record": "on",
        },
    )
    assert state_of(complaint) == State.HEARD

    take(as_handler, complaint, "decide", posted(complaint, DECISION))
    assert state_of(complaint) == State.DECIDED
    decision = latest_decision(complaint)
    assert [(p.position, p.judgment, p.norms) for p in decision.parts.all()] == [
        (1, "well_founded", ["promptness", "good_organisation"]),
        (2, "unfounded", []),
    ]
    html = as_handler.get(url("detail", complaint)).content.decode()
    assert "Voortvarendheid, Goede organisatie" in html  # the norms by their labels
    assert "De medewerker was onbeleefd." in html
    assert reverse("backoffice:conclusion_preview", args=[complaint.pk]) in html
    # Correcting the decision starts from the one on file.
    assert "Drie keer kwijt is niet voortvarend.</textarea>" in html

    response = take(as_handler, complaint, "send_conclusion")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == (State.CLOSED, "partly_well_founded")
    assert complaint.closed_on == today
    assert messages_of(response) == [
        f"Klacht {complaint.reference}: De afhandelingsbrief is verstuurd. De klacht is afgesloten."
    ]
    kinds = list(complaint.letters.values_list("kind", flat=True))
    assert kinds == [
        "acknowledgement",
        "hearing_invitation",
        "hearing_invitation",
        "hearing_record",
        "conclusion",
    ]
    pdfs.make_pending()  # the letters' PDFs: the on-commit task of each step, run here
    html = as_handler.get(url("detail", complaint)).content.decode()
    for letter in complaint.letters.all():
        assert reverse("backoffice:letter_download", args=[complaint.pk, letter.pk]) in html
    assert "Afhandelingsbrief" in html
    # Closed: the assigned handler cannot reopen (that is the coordinator's).
    assert 'id="reopen"' not in html
    assert list(complaint.events.values_list("action", flat=True)).count("decide") == 1


def test_errors_are_shown_next_to_the_fields_and_the_input_is_kept(as_handler, assigned, users):
    perform("acknowledge", actor=users.handler, complaint=assigned)
    tomorrow = date.today() + timedelta(days=1)
    response = take(
        as_handler,
        assigned,
        "log_contact",
        {"contacted_on": tomorrow.isoformat(), "agreed": "Terugbellen na de vakantie."},
        expect=400,
    )
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert 'id="log_contact_notes_error"' in html
    assert "Schrijf op wat er besproken is." in html
    assert 'id="log_contact_contacted_on_error"' in html
    assert "Deze datum ligt in de toekomst." in html
    assert 'id="log_contact_channel_error"' in html  # radio group: a fieldset with a legend
    assert "Kies hoe het contact was." in html
    # The error summary links to the fields; the form with errors is open.
    assert 'href="#log_contact_notes"' in html
    assert 'href="#log_contact_channel_0"' in html
    assert 'id="stap-log_contact" open' in html
    # What was typed is still there.
    assert f'value="{tomorrow.isoformat()}"' in html
    assert "Terugbellen na de vakantie.</textarea>" in html
    assert state_of(assigned) == State.ACKNOWLEDGED
    assert not assigned.contacts.exists()


def test_decide_errors_of_the_parts_go_above_the_form(as_handler, assigned, users):
    complaint = assigned
    for step, data in [
        ("acknowledge", {}),
        ("start_formal", {"copy_note": "Per post."}),
        ("skip_hearing", {"ground": "waived", "person_not_heard_reason": "Schriftelijk."}),
    ]:
        perform(step, actor=users.handler, complaint=complaint, data=data)
    data = {
        "findings": "Bevindingen.",
        **parts_data({"summary": "Wachttijd te lang.", "judgment": "well_founded"}),
    }
    response = take(as_handler, complaint, "decide", posted(complaint, data), expect=400)
    html = response.content.decode()
    assert "Onderdeel 1: motiveer het oordeel." in html
    assert "Onderdeel 1: noem de norm(en) uit de Behoorlijkheidswijzer" in html
    assert 'id="decide_conclusions_error"' in html
    assert "Wachttijd te lang." in html  # the part it judges
    assert state_of(complaint) == State.HEARD
    assert not complaint.decisions.exists()
    # The norms are check boxes, grouped by the Behoorlijkheidswijzer's families.
    assert "<legend" in html and "Betrokken en oplossingsgericht</legend>" in html
    assert 'name="parts-0-norms" value="promptness"' in html


def test_a_step_the_state_does_not_allow_is_explained(as_coordinator, complaint):
    response = as_coordinator.post(step_url(complaint, "decide"), DECISION)
    assert response.status_code == 400
    assert "‘Besluit vastleggen’ kan niet bij een klacht met status ‘Ontvangen’." in (
        response.content.decode()
    )
    assert state_of(complaint) == State.RECEIVED
    assert as_coordinator.post(step_url(complaint, "fly_to_the_moon")).status_code == 404


def test_steps_of_a_message_that_is_no_complaint_are_refused(as_coordinator, make_complaint):
    question = make_complaint(kind="question", redirected_to="Het KCC")
    response = as_coordinator.post(step_url(question, "reopen"), {"reason": "Toch een klacht."})
    assert response.status_code == 400
    assert "wordt niet behandeld als klacht" in response.content.decode()


def test_other_department_gets_404_and_unassigned_handler_403(
    client, users, assigned, make_complaint
):
    client.force_login(users.other_handler)
    assert client.post(step_url(assigned, "acknowledge")).status_code == 404
    client.force_login(users.handler)
    other = make_complaint()  # of the handler's department, not assigned
    assert client.post(step_url(other, "acknowledge")).status_code == 403
    assert state_of(other) == State.RECEIVED


def test_only_the_coordinator_reopens(client, users, assigned):
    perform("withdraw", actor=users.handler, complaint=assigned, data={"note": "Per telefoon."})
    client.force_login(users.handler)
    assert client.post(step_url(assigned, "reopen"), {"reason": "Zij belde weer."}).status_code == (
        403
    )
    client.force_login(users.coordinator)
    html = client.get(url("detail", assigned)).content.decode()
    assert 'id="reopen"' in html
    assert '<details class="vangnet-step" id="stap-reopen" open>' in html
    response = client.post(step_url(assigned, "reopen"), {"reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom de klacht weer open gaat." in response.content.decode()
    assert state_of(assigned) == State.CLOSED
    take(client, assigned, "reopen", {"reason": "Zij belde weer."})
    assigned.refresh_from_db()
    assert (assigned.state, assigned.outcome, assigned.closed_on) == (State.IN_PROGRESS, "", None)


def test_advice_with_its_file_and_a_decision_that_deviates(as_handler, assigned, users):
    complaint = assigned
    for step, data in [
        ("acknowledge", {}),
        ("start_formal", {"copy_note": "Per post."}),
        ("skip_hearing", {"ground": "waived", "person_not_heard_reason": "Schriftelijk."}),
    ]:
        perform(step, actor=users.handler, complaint=complaint, data=data)
    html = as_handler.get(url("detail", complaint)).content.decode()
    assert "Afwijken" not in html and "deviates_from_advice" not in html  # no advice yet
    take(as_handler, complaint, "request_advice", {"committee": "Klachtadviescommissie"})
    complaint.refresh_from_db()
    assert (complaint.state, complaint.advisory_committee) == (State.WITH_COMMITTEE, True)
    html = as_handler.get(url("detail", complaint)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    take(
        as_handler,
        complaint,
        "record_advice",
        {
            "received_on": date.today().isoformat(),
            "recommended_judgment": "unfounded",
            "file": pdf_file("advies.pdf"),
        },
    )
    assert state_of(complaint) == State.ADVISED
    advice_file = complaint.advice.attachment
    html = as_handler.get(url("detail", complaint)).content.decode()
    assert reverse("backoffice:attachment_download", args=[complaint.pk, advice_file.pk]) in html
    assert "Ongegrond" in html  # the recommended judgment

    # Judging otherwise than the advice needs the reasons (Awb 9:15), next to the box.
    decision = posted(complaint, DECISION)
    response = take(as_handler, complaint, "decide", decision, expect=400)
    html = response.content.decode()
    assert 'id="decide_deviates_from_advice_error"' in html
    assert "wijkt af van het advies" in html
    take(
        as_handler,
        complaint,
        "decide",
        {**decision, "deviates_from_advice": "on", "deviation_reasons": "Nieuwe feiten."},
    )
    assert state_of(complaint) == State.DECIDED
    assert latest_decision(complaint).deviation_reasons == "Nieuwe feiten."


# --- The term: extension and delay (Awb 9:11) ------------------------------------------


def test_extend_the_term_once(as_handler, assigned):
    original = assigned.decide_by
    html = as_handler.get(url("detail", assigned)).content.decode()
    assert "De verdaging is nog niet gebruikt." in html
    limit = extension_limit(assigned)
    assert f"tot uiterlijk {date_format(limit, 'l j F Y')}" in html

    too_late = limit + timedelta(days=1)
    response = as_handler.post(
        url("extend", assigned), {"new_due": too_late.isoformat(), "reason": "Drukte."}
    )
    assert response.status_code == 400
    assert "Verdagen kan met hoogstens vier weken" in response.content.decode()
    assert 'id="extend_new_due_error"' in response.content.decode()

    new_due = original + timedelta(days=14)
    response = as_handler.post(
        url("extend", assigned),
        {"new_due": new_due.isoformat(), "reason": "Wij wachten op informatie van de afdeling."},
    )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.decide_by == new_due
    assert assigned.letters.filter(kind="extension").exists()
    html = as_handler.get(url("detail", assigned)).content.decode()
    assert f"verlengd; was {date_format(original, 'j F Y')}" in html  # deadlines table
    assert "Wij wachten op informatie van de afdeling." in html  # the history
    assert "De verdaging is al gebruikt" in html
    assert url("extend", assigned) not in html  # once only
    assert url("delay", assigned) in html

    # A second extension is refused; a delay needs the complainant's consent.
    response = as_handler.post(
        url("extend", assigned), {"new_due": (new_due + timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 400
    assert "De termijn is al een keer verdaagd." in response.content.decode()
    later = new_due + timedelta(days=21)
    response = as_handler.post(
        url("delay", assigned), {"new_due": later.isoformat(), "reason": "Nog een gesprek."}
    )
    assert response.status_code == 400
    assert 'id="delay_consent_on_error"' in response.content.decode()
    response = as_handler.post(
        url("delay", assigned),
        {
            "new_due": later.isoformat(),
            "reason": "Nog een gesprek.",
            "consent_on": date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.decide_by == later
    assert assigned.postponements.count() == 2


def test_extension_after_the_due_date_is_refused_with_the_message(as_handler, assigned, users):
    due = assigned.decide_by
    after = datetime.combine(due + timedelta(days=1), time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(after, tick=False):
        as_handler.force_login(users.handler)  # a fresh session in the future
        html = as_handler.get(url("detail", assigned)).content.decode()
        assert "De termijn is verstreken." in html
        assert url("extend", assigned) not in html  # not offered any more
        response = as_handler.post(
            url("extend", assigned),
            {"new_due": (due + timedelta(days=10)).isoformat(), "reason": "Te druk."},
        )
    html = response.content.decode()
    assert response.status_code == 400
    assert f"De termijn is op {date_format(due, 'j F Y')} verstreken." in html
    assert 'id="extend_new_due_error"' in html
    assert "Te druk.</textarea>" in html
    assigned.refresh_from_db()
    assert assigned.decide_by == due
    assert not assigned.postponements.exists()


# --- Letters on the file ---------------------------------------------------------------


def test_letters_are_listed_and_downloadable(
    client, as_handler, assigned, users, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the PDF is made after the commit
        take(as_handler, assigned, "acknowledge")
    letter = assigned.letters.get()
    download = reverse("backoffice:letter_download", args=[assigned.pk, letter.pk])
    html = as_handler.get(url("detail", assigned)).content.decode()
    assert download in html
    assert "Ontvangstbevestiging" in html
    assert "per e-mail aan fatima@example.invalid" in html

    response = as_handler.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"

    other = reverse("backoffice:letter_download", args=[assigned.pk + 999, letter.pk])
    assert as_handler.get(other).status_code == 404
    client.force_login(users.other_handler)
    assert client.get(download).status_code == 404
    client.force_login(users.viewer)
    assert client.get(download).status_code == 404
    # A partner sees the forwarded complaint, not the municipality's file.
    _forward(assigned, users, org.partner)
    client.force_login(users.partner)
    response = client.get(url("detail", assigned))
    assert response.status_code == 200
    assert download not in response.content.decode()
    assert "Contact met de indiener" not in response.content.decode()
    assert "Schuldhulp Samen" in response.content.decode()  # the forward itself
    assert client.get(download).status_code == 404


def test_a_letter_by_post_says_so(as_handler, make_complaint, users):
    complaint = make_complaint(complainant_email="", preferred_contact="letter")
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    take(as_handler, complaint, "acknowledge")
    html = as_handler.get(url("detail", complaint)).content.decode()
    assert "per post" in html


def test_the_conclusion_letter_can_be_previewed_without_sending(as_handler, assigned, users):
    from vangnet.letters import services as letters

    if not hasattr(letters, "render_letter"):
        pytest.skip("vangnet.letters.services.render_letter does not exist yet")
    for step, data in [
        ("acknowledge", {}),
        ("start_formal", {"copy_note": "Per post."}),
        ("skip_hearing", {"ground": "waived", "person_not_heard_reason": "Schriftelijk."}),
        (
            "decide",
            {
                "findings": "Bevindingen.",
                "conclusions": "Conclusies.",
                "parts": [
                    {
                        "summary": "Zoekgeraakt.",
                        "judgment": "well_founded",
                        "norms": ["promptness"],
                        "reasoning": "Motivering.",
                    }
                ],
            },
        ),
    ]:
        perform(step, actor=users.handler, complaint=assigned, data=keyed(assigned, data))
    letters_before = assigned.letters.count()
    preview = reverse("backoffice:conclusion_preview", args=[assigned.pk])
    response = as_handler.get(preview)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert assigned.letters.count() == letters_before
    assert state_of(assigned) == State.DECIDED


def test_preview_only_when_decided(as_handler, assigned):
    preview = reverse("backoffice:conclusion_preview", args=[assigned.pk])
    assert as_handler.get(preview).status_code == 404


# --- Records on the page ---------------------------------------------------------------


def test_failed_emails_show_for_the_coordinator_only(client, users, assigned):
    from vangnet.letters.models import OutboxMessage

    OutboxMessage.objects.create(
        to="fatima@example.invalid",
        subject="Wij hebben uw klacht ontvangen",
        text="...",
        complaint=assigned,
        state="failed",
        attempts=8,
        last_error="550 5.1.1 mailbox unavailable",
    )
    client.force_login(users.coordinator)
    html = client.get(url("detail", assigned)).content.decode()
    assert "550 5.1.1 mailbox unavailable" in html
    assert 'action="/backoffice/e-mail/' in html
    client.force_login(users.handler)
    assert (
        "550 5.1.1 mailbox unavailable" not in client.get(url("detail", assigned)).content.decode()
    )


def test_a_forward_shows_the_partner_reply_and_when_it_is_overdue(
    as_coordinator, assigned, users, org
):
    forward = _forward(assigned, users, org.partner)
    Forward.objects.filter(pk=forward.pk).update(
        reply_due_on=date.today() - timedelta(days=1), reminded_on=date.today()
    )
    html = as_coordinator.get(url("detail", assigned)).content.decode()
    assert "Geen antwoord, termijn verstreken" in html
    Forward.objects.filter(pk=forward.pk).update(
        replied_at=timezone.now(),
        replied_by_name="P. Partner",
        reply_action="Wij hebben mevrouw gebeld en excuses gemaakt.",
        reply_outcome="resolved",
    )
    html = as_coordinator.get(url("detail", assigned)).content.decode()
    assert "Geen antwoord, termijn verstreken" not in html
    assert "Teruggekoppeld" in html
    assert "door P. Partner" in html
    assert "Wij hebben mevrouw gebeld en excuses gemaakt." in html
    assert "Opgelost met de indiener" in html


def test_cooperation_complaint_records_contributions_and_discussion(
    client, users, org, make_complaint
):
    complaint = make_complaint(
        subject_type="cooperation", involved_partners=[org.partner, org.other_partner]
    )
    client.force_login(users.coordinator)
    html = client.get(url("detail", complaint)).content.decode()
    assert "Samenwerking" in html
    assert f'value="partner:{org.partner.pk}"' in html

    response = client.post(
        url("contribution", complaint),
        {"party": f"partner:{org.partner.pk}", "received_on": "", "text": "Wij belden twee keer."},
    )
    assert response.status_code == 400
    assert 'id="contribution_received_on_error"' in response.content.decode()
    response = client.post(
        url("contribution", complaint),
        {
            "party": f"partner:{org.partner.pk}",
            "received_on": date.today().isoformat(),
            "text": "Wij belden twee keer.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url("joint_discussion", complaint),
        {
            "held_on": date.today().isoformat(),
            "participants": "Gemeente, Schuldhulp Samen, Afvalbedrijf Regio",
            "agreements": "Eén contactpersoon voor mevrouw.",
        },
    )
    assert response.status_code == 302
    html = client.get(url("detail", complaint)).content.decode()
    assert "Wij belden twee keer." in html
    assert "Eén contactpersoon voor mevrouw." in html


def test_no_cooperation_section_for_other_complaints(as_coordinator, complaint):
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert url("contribution", complaint) not in html
    assert "Gezamenlijke casusbespreking" not in html


def _full_file(complaint, users, org):
    """A complaint with a bit of everything on its file."""
    handler = users.handler
    steps = [
        ("acknowledge", {}),
        *[
            (
                "log_contact",
                {
                    "contacted_on": date.today(),
                    "channel": "phone",
                    "notes": f"Gesprek {n}.",
                    "reached": True,
                },
            )
            for n in range(3)
        ],
        ("start_formal", {"copy_note": "Per post."}),
        ("offer_hearing", {}),
        ("skip_hearing", {"ground": "waived", "person_not_heard_reason": "Schriftelijk."}),
        ("request_advice", {"committee": "Klachtadviescommissie"}),
        (
            "record_advice",
            {"received_on": date.today(), "text": "Gegrond.", "recommended_judgment": ""},
        ),
        *[
            (
                "decide",
                {
                    "findings": f"Bevindingen {n}.",
                    "conclusions": "Conclusies.",
                    "parts": [
                        {
                            "summary": f"Onderdeel {i}.",
                            "judgment": "well_founded",
                            "norms": ["promptness", "integrity"],
                            "reasoning": "Motivering.",
                        }
                        for i in range(3)
                    ],
                },
            )
            for n in range(2)
        ],
    ]
    for step, data in steps:
        perform(step, actor=handler, complaint=complaint, data=keyed(complaint, data))
    complaint.refresh_from_db()
    perform(
        "extend",
        actor=handler,
        complaint=complaint,
        data={"new_due": complaint.decide_by + timedelta(days=7), "reason": "Drukte."},
    )
    _forward(complaint, users, org.partner)
    _forward(complaint, users, org.other_partner)
    perform(
        "attachments",
        actor=handler,
        complaint=complaint,
        data={"attachments": [pdf_file(), pdf_file()]},
    )


def count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context.captured_queries)


def test_complaint_page_query_count_is_bounded(
    client, users, org, make_complaint, django_assert_max_num_queries
):
    small = make_complaint()
    perform("assign", actor=users.coordinator, complaint=small, data={"handler": users.handler})
    full = make_complaint(
        subject_type="cooperation", involved_partners=[org.partner, org.other_partner]
    )
    perform("assign", actor=users.coordinator, complaint=full, data={"handler": users.handler})
    _full_file(full, users, org)
    assert full.letters.count() >= 5 and full.decisions.count() == 2
    client.force_login(users.coordinator)
    client.get(url("detail", small))  # warm up per-process caches
    before = count_queries(client, url("detail", full))

    # More of every record costs no more queries.
    for n in range(3):
        perform(
            "log_contact",
            actor=users.handler,
            complaint=full,
            data={"contacted_on": date.today(), "channel": "email", "notes": f"Mail {n}."},
        )
    perform(
        "decide",
        actor=users.handler,
        complaint=full,
        data=keyed(
            full,
            {
                "findings": "Derde versie.",
                "conclusions": "Conclusies.",
                "parts": [
                    {"summary": "Een.", "judgment": "unfounded", "reasoning": "Nee."},
                    {"summary": "Twee.", "judgment": "no_judgment", "reasoning": "Geen."},
                ],
            },
        ),
    )
    full.refresh_from_db()
    perform(
        "delay",
        actor=users.handler,
        complaint=full,
        data={
            "new_due": full.decide_by + timedelta(days=14),
            "reason": "Nog een gesprek.",
            "consent_on": date.today(),
        },
    )
    perform(
        "contribution",
        actor=users.handler,
        complaint=full,
        data={"party": org.partner, "received_on": date.today(), "text": "Onze kant."},
    )
    assert count_queries(client, url("detail", full)) == before

    with django_assert_max_num_queries(QUERY_LIMIT):
        assert client.get(url("detail", full)).status_code == 200
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert client.get(url("detail", small)).status_code == 200


#: Queries of the complaint page, whatever is on the file: measured for the full file
#: of a cooperation complaint seen by the coordinator (5 of them for the learning section:
#: lesson, measures, rule bottlenecks, case discussions, ombudsman cases; 8 for the
#: correction's form: its look-ups and the involved parties; 1 for the complaint's
#: parts; 1 for the copies still to send; 1 for the menu's unread notifications), plus
#: a little room.
QUERY_LIMIT = 50
