"""The hearing without contradictions (Awb 9:10): the reply-by date before a proposed
moment, one invitation when planning what was offered, "heard on" before the planned
moment only with a reason, the letters naming "de medewerker" only for a person, the
skip grounds exactly lid 2 a/b/c, and the person complained about heard in their own
right after the complainant's hearing was skipped. Through the page and the API."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from vangnet.complaints import deadlines
from vangnet.complaints.models import Complaint, Hearing
from vangnet.complaints.workflow import HearingSkipGround, State
from vangnet.handling.actions.skip_hearing import SkipHearingInput
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter, OutboxMessage

pytestmark = pytest.mark.django_db

API = "/api/v1/complaints/{pk}/{path}/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


def formal(make_complaint, users, **overrides) -> Complaint:
    complaint = make_complaint(**overrides)
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    perform("acknowledge", actor=users.handler, complaint=complaint)
    perform("start_formal", actor=users.handler, complaint=complaint, data={"copy_note": "Post."})
    return Complaint.objects.get(pk=complaint.pk)


def moment(days: int, hour: int = 10):
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def step_url(complaint, name):
    return reverse("backoffice:complaint_step", args=[complaint.pk, name])


def invitations(complaint) -> int:
    return Letter.objects.filter(complaint=complaint, kind="hearing_invitation").count()


# --- Offer --------------------------------------------------------------------------


def test_the_reply_by_date_must_lie_before_the_proposed_moment_page_and_api(
    client, api_client, users, make_complaint
):
    complaint = formal(make_complaint, users)
    planned = moment(5)
    too_late = (planned + timedelta(days=1)).date()
    client.force_login(users.handler)
    response = client.post(
        step_url(complaint, "offer_hearing"),
        {
            "respond_by": too_late.isoformat(),
            "planned_at": planned.strftime("%Y-%m-%dT%H:%M"),
            "location": "Stadhuis",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="offer_hearing_respond_by_error"' in html
    assert "vóór het voorgestelde moment" in html
    assert too_late.isoformat() in html  # what was typed is kept

    response = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/offer"),
        {"respond_by": too_late.isoformat(), "planned_at": planned.isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"respond_by"}
    past = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/offer"),
        {"planned_at": moment(-2).isoformat()},
        format="json",
    )
    assert past.status_code == 400 and set(past.json()) == {"planned_at"}
    assert Complaint.objects.get(pk=complaint.pk).state == State.FORMAL
    assert invitations(complaint) == 0


def test_an_empty_reply_by_date_falls_before_a_close_proposed_moment(users, make_complaint):
    complaint = formal(make_complaint, users)
    planned = moment(4)
    perform("offer_hearing", actor=users.handler, complaint=complaint, data={"planned_at": planned})
    hearing = Hearing.objects.get(complaint=complaint)
    assert deadlines.today() < hearing.respond_by < planned.date()


# --- Plan -----------------------------------------------------------------------------


def test_planning_what_was_offered_sends_no_second_invitation(client, users, make_complaint):
    complaint = formal(make_complaint, users)
    planned = moment(20)
    perform(
        "offer_hearing",
        actor=users.handler,
        complaint=complaint,
        data={"planned_at": planned, "location": "Stadhuis, zaal 2"},
    )
    outbox_before = OutboxMessage.objects.filter(complaint=complaint).count()
    assert invitations(complaint) == 1

    client.force_login(users.handler)
    page = client.get(reverse("backoffice:complaint_detail", args=[complaint.pk])).content.decode()
    # The plan form starts from what was offered.
    assert f'value="{planned.strftime("%Y-%m-%dT%H:%M")}"' in page
    assert 'value="Stadhuis, zaal 2"' in page

    response = client.post(
        step_url(complaint, "plan_hearing"),
        {"planned_at": planned.strftime("%Y-%m-%dT%H:%M"), "location": "Stadhuis, zaal 2"},
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).state == State.HEARING_PLANNED
    assert invitations(complaint) == 1
    assert OutboxMessage.objects.filter(complaint=complaint).count() == outbox_before
    event = complaint.events.get(action="plan_hearing")
    assert "geen tweede uitnodiging" in event.summary


def test_planning_another_moment_sends_one_invitation(api_client, users, make_complaint):
    complaint = formal(make_complaint, users)
    perform("offer_hearing", actor=users.handler, complaint=complaint, data={})
    assert invitations(complaint) == 1
    response = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/plan"),
        {"planned_at": moment(15).isoformat(), "location": "Stadhuis"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert invitations(complaint) == 2
    # Moving it to the same moment and place changes nothing: refused next to the field.
    again = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/plan"),
        {"planned_at": moment(15).isoformat(), "location": "Stadhuis"},
        format="json",
    )
    assert again.status_code == 400 and set(again.json()) == {"planned_at"}
    assert invitations(complaint) == 2


def test_planning_with_nothing_filled_in_takes_the_offer(api_client, users, make_complaint):
    complaint = formal(make_complaint, users)
    planned = moment(20)
    perform(
        "offer_hearing",
        actor=users.handler,
        complaint=complaint,
        data={"planned_at": planned, "location": "Stadhuis"},
    )
    response = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/plan"), {}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert Hearing.objects.get(complaint=complaint).planned_at == planned
    assert invitations(complaint) == 1


# --- Hold -----------------------------------------------------------------------------


def planned_complaint(make_complaint, users) -> Complaint:
    complaint = formal(make_complaint, users)
    perform("offer_hearing", actor=users.handler, complaint=complaint, data={})
    perform(
        "plan_hearing",
        actor=users.handler,
        complaint=complaint,
        data={"planned_at": moment(7), "location": "Stadhuis"},
    )
    return Complaint.objects.get(pk=complaint.pk)


def test_heard_before_the_planned_moment_needs_a_reason(client, api_client, users, make_complaint):
    complaint = planned_complaint(make_complaint, users)
    today = deadlines.today()
    body = {"held_on": today.isoformat(), "participants": "Indiener, behandelaar", "record": "R."}
    client.force_login(users.handler)
    response = client.post(step_url(complaint, "hold_hearing"), body)
    assert response.status_code == 400
    assert 'id="hold_hearing_held_on_error"' in response.content.decode()

    response = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/hold"), body, format="json"
    )
    assert response.status_code == 400 and set(response.json()) == {"held_on"}

    body["held_early_reason"] = "De indiener belde en kon eerder."
    response = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/hold"), body, format="json"
    )
    assert response.status_code == 200, response.json()
    hearing = Hearing.objects.get(complaint=complaint)
    assert hearing.held_early_reason == "De indiener belde en kon eerder."
    assert response.json()["hearing"]["held_early_reason"] == hearing.held_early_reason


# --- Letters ----------------------------------------------------------------------------


def test_the_letters_say_de_medewerker_only_for_a_person(users, make_complaint):
    about_person = formal(make_complaint, users, person_complained_about="Piet Jansen")
    perform("offer_hearing", actor=users.handler, complaint=about_person, data={})
    about_department = formal(make_complaint, users)
    perform("offer_hearing", actor=users.handler, complaint=about_department, data={})

    person_letter = Letter.objects.get(complaint=about_person, kind="hearing_invitation")
    department_letter = Letter.objects.get(complaint=about_department, kind="hearing_invitation")
    assert "de medewerker over wie uw klacht gaat" in person_letter.html
    assert "medewerker" not in department_letter.html
    assert "Bij het gesprek zijn u, Werk en Inkomen, en iemand" in department_letter.html
    assert "U hoort ook wat Werk en Inkomen ervan vindt" in department_letter.html


# --- Skip -------------------------------------------------------------------------------


def test_the_skip_grounds_are_exactly_lid_2_a_b_c(api_client, users, make_complaint):
    from vangnet.api.complaints.inputs import SERIALIZERS

    expected = ["manifestly_unfounded", "waived", "no_response"]
    assert [value for value, _label in SkipHearingInput.base_fields["ground"].choices] == expected
    labels = [str(label) for _value, label in HearingSkipGround.choices]
    assert [label[-len("onder a)") :] for label in labels] == ["onder a)", "onder b)", "onder c)"]
    body, _json = SERIALIZERS["skip_hearing"]
    assert list(body().fields["ground"].choices) == expected

    complaint = formal(make_complaint, users)
    response = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/skip"),
        {"ground": "resolved_in_favour", "person_not_heard_reason": "Schriftelijk."},
        format="json",
    )
    assert response.status_code == 400 and set(response.json()) == {"ground"}


def test_ground_c_only_after_the_reply_by_date(users, make_complaint):
    from django.core.exceptions import ValidationError

    complaint = formal(make_complaint, users)
    data = {"ground": "no_response", "person_not_heard_reason": "Schriftelijk."}
    with pytest.raises(ValidationError) as caught:
        perform("skip_hearing", actor=users.handler, complaint=complaint, data=data)
    assert set(caught.value.message_dict) == {"ground"}  # not even offered
    perform("offer_hearing", actor=users.handler, complaint=complaint, data={})
    with pytest.raises(ValidationError) as caught:
        perform("skip_hearing", actor=users.handler, complaint=complaint, data=data)
    assert "mag nog reageren" in caught.value.message_dict["ground"][0]
    Hearing.objects.filter(complaint=complaint).update(
        respond_by=deadlines.today() - timedelta(days=1)
    )
    perform("skip_hearing", actor=users.handler, complaint=complaint, data=data)
    assert Complaint.objects.get(pk=complaint.pk).state == State.HEARD


def test_skipping_the_complainant_does_not_skip_the_person_complained_about(
    client, api_client, users, make_complaint
):
    complaint = formal(make_complaint, users, person_complained_about="Piet Jansen")
    client.force_login(users.handler)
    response = client.post(step_url(complaint, "skip_hearing"), {"ground": "waived"})
    assert response.status_code == 400
    assert 'id="skip_hearing_person_not_heard_reason_error"' in response.content.decode()
    response = api_client(users.handler).post(
        API.format(pk=complaint.pk, path="hearing/skip"), {"ground": "waived"}, format="json"
    )
    assert response.status_code == 400 and set(response.json()) == {"person_not_heard_reason"}

    response = client.post(
        step_url(complaint, "skip_hearing"),
        {"ground": "waived", "person_not_heard_reason": "Wordt nog gehoord."},
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.state == State.HEARD

    # The person complained about's hearing can still be recorded, on the page ...
    page = client.get(reverse("backoffice:complaint_detail", args=[complaint.pk])).content.decode()
    person_url = reverse("backoffice:complaint_hear_person", args=[complaint.pk])
    assert person_url in page
    response = client.post(person_url, {"heard_on": "", "record": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="hear_person_heard_on_error"' in html and 'id="hear_person_record_error"' in html
    # ... and through the API.
    url = API.format(pk=complaint.pk, path="hearing/person")
    detail = api_client(users.handler).get(f"/api/v1/complaints/{complaint.pk}/").json()
    assert detail["allowed_actions"]["hear_person"] is True
    response = api_client(users.handler).post(
        url,
        {"heard_on": deadlines.today().isoformat(), "record": "Piet licht zijn kant toe."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["hearing"]["person_heard_on"] == deadlines.today().isoformat()
    again = api_client(users.handler).post(
        url, {"heard_on": deadlines.today().isoformat(), "record": "Nog eens."}, format="json"
    )
    assert again.status_code == 409


def test_a_complaint_about_nobody_in_particular_skips_without_the_person(users, make_complaint):
    complaint = formal(make_complaint, users, department=None)
    perform("skip_hearing", actor=users.handler, complaint=complaint, data={"ground": "waived"})
    assert Complaint.objects.get(pk=complaint.pk).state == State.HEARD


def test_old_resolved_in_favour_grounds_stay_readable_in_the_note(users, make_complaint):
    migration = __import__(
        "vangnet.complaints.migrations.0009_hearing_copies", fromlist=["move_old_ground"]
    )
    complaint = make_complaint()
    Hearing.objects.create(
        complaint=complaint, skip_ground="resolved_in_favour", skip_note="Erkend."
    )
    migration.move_old_ground(apps, None)
    hearing = Hearing.objects.get(complaint=complaint)
    assert hearing.skip_ground == ""
    assert hearing.skip_note.startswith("Eerder vastgelegde reden, geen grond uit Awb 9:10 lid 2")
    assert hearing.skip_note.endswith("Erkend.")
