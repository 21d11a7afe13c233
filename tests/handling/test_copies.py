"""Copies the law requires (Awb 9:9 the complaint, 9:10 the hearing letters) go to whom
the complaint is about, at the address Vangnet has (the person, the department, the
partner, a cooperation complaint's parties); without one the step still succeeds and
leaves an open task on "Mijn werk" until someone records how the copy was sent."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.smtp import smtp_server  # noqa: F401  (fixture)
from vangnet.complaints.models import Complaint, OpenTask, SubjectType
from vangnet.complaints.people import copy_recipients
from vangnet.complaints.signals import copy_not_sent
from vangnet.complaints.workflow import State
from vangnet.handling.guard import perform
from vangnet.letters import outbox, pdfs
from vangnet.letters.models import Letter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def formal(complaint, users, **data) -> Complaint:
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    perform("acknowledge", actor=users.handler, complaint=complaint)
    perform("start_formal", actor=users.handler, complaint=complaint, data=data)
    return Complaint.objects.get(pk=complaint.pk)


def deliver_all() -> None:
    for letter in Letter.objects.filter(pdf=""):
        pdfs.make_pdf(letter.pk)
    outbox.flush()


def test_who_gets_a_copy_and_where(org, users, make_complaint):
    org.dept_social.email = "wi@testwijk.invalid"
    org.dept_social.save()
    about_department = make_complaint()
    assert [(r.name, r.email) for r in copy_recipients(about_department)] == [
        ("Werk en Inkomen", "wi@testwijk.invalid")
    ]
    users.other_handler.email = "piet@testwijk.invalid"
    users.other_handler.save()
    about_person = make_complaint(person_complained_about_user=users.other_handler)
    assert [r.email for r in copy_recipients(about_person)] == ["piet@testwijk.invalid"]
    about_partner = make_complaint(
        subject_type=SubjectType.PARTNER, partner=org.partner, department=None
    )
    assert [(r.name, r.email) for r in copy_recipients(about_partner)] == [
        ("Schuldhulp Samen", "klachten@schuldhulp.invalid")
    ]
    cooperation = make_complaint(
        subject_type=SubjectType.COOPERATION,
        involved_partners=[org.partner, org.other_partner],
    )
    assert [(r.name, r.email) for r in copy_recipients(cooperation)] == [
        ("Werk en Inkomen", "wi@testwijk.invalid"),
        ("Afvalbedrijf Regio", ""),
        ("Schuldhulp Samen", "klachten@schuldhulp.invalid"),
    ]


def test_the_hearing_invitation_copy_reaches_the_partner_over_smtp(
    org,
    users,
    make_complaint,
    smtp_server,  # noqa: F811
):
    complaint = make_complaint(
        subject_type=SubjectType.PARTNER, partner=org.partner, department=None
    )
    complaint = formal(complaint, users)
    perform("offer_hearing", actor=users.handler, complaint=complaint, data={})
    deliver_all()
    subjects = {message["To"]: message["Subject"] for message in smtp_server.messages}
    assert "klachten@schuldhulp.invalid" in subjects
    copies = [m for m in smtp_server.messages if m["Subject"].startswith("Kopie: Uitnodiging")]
    assert [m["To"] for m in copies] == ["klachten@schuldhulp.invalid"]
    [pdf] = list(copies[0].iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert not OpenTask.objects.exists()


def test_the_complaint_copy_reaches_the_department_over_smtp(
    org,
    users,
    make_complaint,
    smtp_server,  # noqa: F811
):
    org.dept_social.email = "wi@testwijk.invalid"
    org.dept_social.save()
    formal(make_complaint(), users)
    deliver_all()
    to_department = [m for m in smtp_server.messages if m["To"] == "wi@testwijk.invalid"]
    assert [m["Subject"] for m in to_department] == [
        f"Kopie van klacht {Complaint.objects.get().reference} (Awb 9:9)"
    ]
    assert not OpenTask.objects.exists()


def test_without_an_address_the_step_succeeds_and_leaves_a_task(users, make_complaint):
    received = []

    def receiver(**kwargs):
        received.append((kwargs["complaint"].pk, kwargs["task"].kind, kwargs["actor"]))

    copy_not_sent.connect(receiver, dispatch_uid="test_copies")
    try:
        complaint = formal(make_complaint(), users)  # Werk en Inkomen has no address
        perform("offer_hearing", actor=users.handler, complaint=complaint, data={})
    finally:
        copy_not_sent.disconnect(dispatch_uid="test_copies")
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.state == State.HEARING_OFFERED
    tasks = list(OpenTask.objects.filter(complaint=complaint).order_by("id"))
    assert [(t.kind, t.recipient, t.done_at) for t in tasks] == [
        ("copy_not_sent", "Werk en Inkomen", None),
        ("copy_not_sent", "Werk en Inkomen", None),
    ]
    assert tasks[0].document.startswith("Kopie van klacht")
    invitation = Letter.objects.get(kind="hearing_invitation")
    assert tasks[1].letter_id == invitation.pk
    assert tasks[1].document == "Kopie: " + invitation.subject
    assert received == [(complaint.pk, "copy_not_sent", users.handler)] * 2
    invited = complaint.events.filter(action="letter_sent").order_by("id").last()
    assert "Geen e-mailadres van Werk en Inkomen bekend" in invited.summary


def my_work(client) -> str:
    return client.get(reverse("backoffice:my_work")).content.decode()


def test_the_task_shows_on_my_work_and_goes_once_recorded_on_the_page(
    client, users, make_complaint
):
    complaint = formal(make_complaint(), users)
    task = OpenTask.objects.get()
    for user in (users.handler, users.coordinator):
        client.force_login(user)
        html = client.get(reverse("backoffice:my_work")).content.decode()
        assert "Kopie nog niet verstuurd" in html and task.document in html
    client.force_login(users.other_handler)
    assert "Kopie nog niet verstuurd" not in my_work(client)

    client.force_login(users.handler)
    page = client.get(reverse("backoffice:complaint_detail", args=[complaint.pk])).content.decode()
    record_url = reverse("backoffice:complaint_record_copy", args=[complaint.pk])
    assert record_url in page
    response = client.post(record_url, {"task": task.pk, "how_sent": "", "sent_on": ""})
    assert response.status_code == 400
    assert 'id="record_copy_how_sent_error"' in response.content.decode()
    response = client.post(
        record_url, {"task": task.pk, "how_sent": "Per post op 3 december.", "sent_on": ""}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.how_sent, task.done_by) == ("Per post op 3 december.", users.handler)
    assert "Kopie nog niet verstuurd" not in my_work(client)
    event = complaint.events.get(action="copy_recorded")
    assert "Per post op 3 december." in event.summary
    # Nothing open any more: the form is gone.
    page = client.get(reverse("backoffice:complaint_detail", args=[complaint.pk])).content.decode()
    assert record_url not in page


def test_recording_is_allowed_on_a_closed_complaint(users, make_complaint):
    complaint = formal(make_complaint(), users)
    perform("withdraw", actor=users.handler, complaint=complaint, data={"note": "Ingetrokken."})
    task = OpenTask.objects.get()
    perform(
        "record_copy",
        actor=users.handler,
        complaint=complaint,
        data={"task": task.pk, "how_sent": "Per interne post."},
    )
    assert OpenTask.objects.get().done_at is not None


def test_a_note_at_the_step_says_how_instead_of_a_task(users, make_complaint):
    complaint = formal(make_complaint(), users, copy_note="Persoonlijk overhandigd.")
    assert not OpenTask.objects.exists()
    assert "Persoonlijk overhandigd." in complaint.events.get(action="start_formal").summary


def test_bad_input_on_record_copy(users, make_complaint):
    from django.core.exceptions import ValidationError

    complaint = formal(make_complaint(), users)
    other = formal(make_complaint(), users)
    task, other_task = (
        OpenTask.objects.get(complaint=complaint),
        OpenTask.objects.get(complaint=other),
    )

    def errors(**data):
        with pytest.raises(ValidationError) as caught:
            perform("record_copy", actor=users.handler, complaint=complaint, data=data)
        return caught.value.message_dict

    assert set(errors(task=task.pk, how_sent="  ")) == {"how_sent"}
    future = complaint.received_on + timedelta(days=400)
    assert errors(task=task.pk, how_sent="Post.", sent_on=future) == {
        "sent_on": ["Deze datum ligt in de toekomst."]
    }
    assert errors(task=other_task.pk, how_sent="Post.") == {
        "task": ["Deze kopie hoort niet bij deze klacht."]
    }
    assert set(errors(how_sent="Post.")) == {"task"}
    perform(
        "record_copy",
        actor=users.handler,
        complaint=other,
        data={"task": other_task.pk, "how_sent": "Post."},
    )
    # A second task on `complaint`, so the action is still open there.
    perform("offer_hearing", actor=users.handler, complaint=complaint, data={})
    perform(
        "record_copy",
        actor=users.handler,
        complaint=complaint,
        data={"task": task.pk, "how_sent": "Post."},
    )
    assert errors(task=task.pk, how_sent="Nog eens.") == {
        "task": ["Van deze kopie is al vastgelegd hoe die is verstuurd."]
    }
    task.refresh_from_db()
    assert task.how_sent == "Post."
