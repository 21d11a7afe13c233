"""The services: registration (validation, references, nothing stored half), the
workflow core (assignment with Awb 9:7, transitions, notes, theme, forward) and the
timeline they write."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.formats import date_format

from tests.conftest import complaint_data
from vangnet.complaints import services
from vangnet.complaints.events import Action
from vangnet.complaints.models import (
    Attachment,
    Complaint,
    Event,
    Kind,
    LightPathReason,
    SubjectType,
)
from vangnet.complaints.workflow import Outcome, State, Step
from vangnet.handling.guard import perform

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def counts():
    return (
        Complaint.objects.count(),
        Event.objects.count(),
        Attachment.objects.count(),
    )


@time_machine.travel(date(2026, 3, 10), tick=False)
def test_register_sets_reference_deadlines_and_timeline(make_complaint, users):
    complaint = make_complaint(received_on=date(2026, 3, 9))
    assert complaint.reference == "2026-00001"
    assert complaint.state == State.RECEIVED
    # Monday 9 March 2026: + 5 working days = Monday 16 March; + 3 = Thursday 12 March;
    # + 4 weeks = Monday 6 April = Easter Monday → Tuesday 7 April; + 6 weeks = 20 April.
    assert complaint.acknowledge_by == date(2026, 3, 16)
    assert complaint.first_contact_by == date(2026, 3, 12)
    assert complaint.decline_by == date(2026, 4, 7)
    assert complaint.decide_by == date(2026, 4, 20)
    event = complaint.events.get()
    assert event.action == Action.REGISTERED
    assert event.actor == users.coordinator
    assert event.changes == {"state": [None, "received"]}
    assert make_complaint().reference == "2026-00002"


@time_machine.travel(date(2027, 1, 4), tick=False)
def test_reference_restarts_each_year(make_complaint):
    assert make_complaint(received_on=date(2026, 12, 30)).reference == "2027-00001"


def test_advisory_committee_gives_ten_weeks(make_complaint):
    complaint = make_complaint(received_on=date(2026, 9, 1), advisory_committee=True)
    assert complaint.decide_by == date(2026, 11, 10)  # Tuesday + 10 weeks


@time_machine.travel(date(2026, 6, 1), tick=False)
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"received_on": date(2026, 6, 2)}, "received_on"),
        ({"received_on": None}, "received_on"),
        ({"description": "   "}, "description"),
        ({"theme": None}, "theme"),
        ({"channel": "pigeon"}, "channel"),
        ({"complainant_email": "not-an-address"}, "complainant_email"),
        ({"complainant_name": ""}, "complainant_name"),
        ({"complainant_street": ""}, "complainant_street"),
        ({"is_formal": False, "light_path_reason": ""}, "light_path_reason"),
        ({"subject_type": SubjectType.PARTNER}, "partner"),
        ({"subject_type": SubjectType.COOPERATION, "department": None}, "involved_partners"),
        ({"preferred_contact": "phone", "complainant_phone": ""}, "complainant_phone"),
        ({"kind": Kind.REPORT, "redirected_to": ""}, "redirected_to"),
    ],
)
def test_bad_registration_names_the_field_and_stores_nothing(make_complaint, overrides, field):
    before = counts()
    with pytest.raises(ValidationError) as error:
        make_complaint(**overrides)
    assert field in error.value.message_dict, error.value.message_dict
    assert all(error.value.message_dict[field])
    assert counts() == before


def test_inactive_theme_is_refused(make_complaint, org):
    with pytest.raises(ValidationError) as error:
        make_complaint(theme=org.inactive_theme)
    assert "niet meer gebruikt" in error.value.message_dict["theme"][0]


def test_all_errors_are_reported_together(make_complaint):
    with pytest.raises(ValidationError) as error:
        make_complaint(description="", theme=None, received_on=date.today() + timedelta(days=1))
    assert {"description", "theme", "received_on"} <= set(error.value.message_dict)


def test_light_path_needs_no_name_or_address(make_complaint):
    complaint = make_complaint(
        is_formal=False,
        light_path_reason=LightPathReason.ORAL,
        complainant_name="",
        complainant_street="",
        complainant_city="",
        complainant_email="",
        complainant_phone="",
    )
    assert not complaint.is_formal
    assert complaint.light_path_reason == LightPathReason.ORAL


def test_cooperation_complaint_with_two_partners(make_complaint, org):
    complaint = make_complaint(
        subject_type=SubjectType.COOPERATION,
        department=None,
        involved_partners=[org.partner, org.other_partner],
    )
    assert set(complaint.involved_partners.all()) == {org.partner, org.other_partner}


def test_non_complaint_is_registered_closed_without_deadlines(make_complaint, users):
    message = make_complaint(kind=Kind.OBJECTION, redirected_to="Team Bezwaar en Beroep")
    assert message.state == State.CLOSED
    assert message.outcome == Outcome.NOT_A_COMPLAINT
    assert message.decide_by is None and message.acknowledge_by is None
    with pytest.raises(ValidationError) as error:
        perform(Step.ACKNOWLEDGE, actor=users.coordinator, complaint=message, data={})
    assert "niet behandeld als klacht" in " ".join(error.value.message_dict["step"])


def test_who_may_register(org, users):
    for user in (users.partner, users.viewer, users.administrator, users.nobody):
        with pytest.raises(PermissionDenied):
            services.register_complaint(actor=user, data=complaint_data(org))
    assert services.register_complaint(actor=users.handler, data=complaint_data(org)).pk


def test_attachments_checked_by_content(make_complaint, settings):
    ok = make_complaint(
        files=[
            SimpleUploadedFile("brief.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("foto.png", PNG, "image/png"),
        ]
    )
    assert sorted(ok.attachments.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    before = counts()
    with pytest.raises(ValidationError) as error:
        make_complaint(files=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", "application/pdf")])
    assert "virus.pdf" in error.value.message_dict["attachments"][0]
    settings.VANGNET = {**settings.VANGNET, "ATTACHMENT_MAX_MB": 1}
    with pytest.raises(ValidationError) as error:
        make_complaint(files=[SimpleUploadedFile("groot.pdf", PDF + b"0" * 1024 * 1024)])
    assert "te groot" in error.value.message_dict["attachments"][0]
    settings.VANGNET = {**settings.VANGNET, "ATTACHMENT_MAX_COUNT": 1}
    with pytest.raises(ValidationError) as error:
        make_complaint(files=[SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)])
    assert "hoogstens 1" in error.value.message_dict["attachments"][0]
    assert counts() == before


def test_assignment_and_awb_9_7(make_complaint, users):
    complaint = make_complaint(person_complained_about_user=users.handler)
    with pytest.raises(ValidationError) as error:
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
        )
    assert "9:7" in error.value.message_dict["handler"][0]
    assert Complaint.objects.get(pk=complaint.pk).handler is None

    perform(
        "assign",
        actor=users.coordinator,
        complaint=complaint,
        data={"handler": users.other_handler},
    )
    event = complaint.events.latest("id")
    assert event.action == Action.ASSIGNED
    assert event.changes == {"handler": [None, "Otherhandler"]}


def test_awb_9_7_also_matches_the_name(make_complaint, users):
    complaint = make_complaint(person_complained_about="  handler ")
    with pytest.raises(ValidationError):
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
        )


def test_only_handlers_can_be_assigned_and_only_by_coordinators(make_complaint, users):
    complaint = make_complaint()
    with pytest.raises(ValidationError):
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.viewer}
        )
    with pytest.raises(PermissionDenied):
        perform("assign", actor=users.handler, complaint=complaint, data={"handler": users.handler})


def test_a_closing_step_records_the_date_and_outcome(make_complaint, users):
    complaint = make_complaint()
    complaint = perform(
        Step.ACKNOWLEDGE, actor=users.coordinator, complaint=complaint, data={}
    ).complaint
    closed = perform(
        Step.WITHDRAW,
        actor=users.coordinator,
        complaint=complaint,
        data={"note": "Klaagster belde: ze trekt de klacht in."},
    ).complaint
    assert closed.closed_on == date.today()
    event = closed.events.latest("id")
    assert event.action == Step.WITHDRAW
    assert event.summary == "Ingetrokken door de indiener: Klaagster belde: ze trekt de klacht in."
    assert event.changes == {
        "state": ["acknowledged", "closed"],
        "outcome": ["", "withdrawn"],
    }


def test_notes_and_theme_change(make_complaint, users, org):
    complaint = make_complaint()
    perform(
        "note",
        actor=users.coordinator,
        complaint=complaint,
        data={"text": " Gebeld, geen gehoor. "},
    )
    with pytest.raises(ValidationError):
        perform("note", actor=users.coordinator, complaint=complaint, data={"text": "  "})
    perform("theme", actor=users.coordinator, complaint=complaint, data={"theme": org.waste})
    with pytest.raises(ValidationError):
        perform(
            "theme",
            actor=users.coordinator,
            complaint=complaint,
            data={"theme": org.inactive_theme},
        )
    actions = list(complaint.events.values_list("action", "summary"))
    assert actions[1] == (Action.NOTE_ADDED, "Gebeld, geen gehoor.")
    assert actions[2][0] == Action.THEME_CHANGED
    complaint.refresh_from_db()
    assert complaint.theme == org.waste


def test_forward_to_partner_once(make_complaint, users, org):
    complaint = make_complaint(subject_type=SubjectType.PARTNER, partner=org.partner)
    perform("forward", actor=users.coordinator, complaint=complaint, data={"partner": org.partner})
    with pytest.raises(ValidationError):
        perform(
            "forward", actor=users.coordinator, complaint=complaint, data={"partner": org.partner}
        )
    assert complaint.forwards.count() == 1


def test_timeline_is_append_only(make_complaint):
    from vangnet.complaints.models import AppendOnlyError

    event = make_complaint().events.get()
    event.summary = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_register_then_failure_leaves_no_trace(org, users, monkeypatch):
    """A failure after the row is written (here: the timeline) rolls everything back."""

    def broken_log(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "log", broken_log)
    before = counts()
    with pytest.raises(RuntimeError):
        services.register_complaint(actor=users.coordinator, data=complaint_data(org))
    assert counts() == before


def test_timeline_is_written_in_the_registers_language(make_complaint, users, org):
    """A coordinator working in English still writes the record in Dutch."""
    from django.utils import translation

    with translation.override("en"):
        complaint = make_complaint()
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
        )
        perform(Step.ACKNOWLEDGE, actor=users.handler, complaint=complaint, data={})
        perform(
            Step.LOG_CONTACT,
            actor=users.handler,
            complaint=complaint,
            data={"contacted_on": date.today(), "channel": "phone", "notes": "Called her."},
        )
        with pytest.raises(ValidationError) as error:  # errors are for the user: English
            perform("note", actor=users.handler, complaint=complaint, data={"text": ""})
    assert error.value.message_dict["text"] == ["Write a note."]
    summaries = list(
        complaint.events.exclude(
            action__in=[Action.LETTER_SENT, Action.STATUS_LINK_ISSUED, Step.ACKNOWLEDGE]
        ).values_list("summary", flat=True)
    )
    assert summaries == [
        "Klacht geregistreerd via Telefoon.",
        "Toegewezen aan Handler.",
        f"Telefoon op {date_format(date.today(), 'j F Y')}: Called her.",
    ]
