"""The `correct` action through the guard: every field registration set can be
corrected, with registration's rules on the corrected complaint, one timeline event
with before → after, the deadlines following the date of receipt and the kind, nothing
logged when nothing changed, a closed complaint refused until reopened; and the date of
the conduct with Awb 9:8 lid 1 b in the decline step."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vangnet.complaints.models import Complaint, Kind
from vangnet.complaints.workflow import DeclineGround, Outcome, State
from vangnet.handling.base import refusal_in
from vangnet.handling.guard import perform

pytestmark = pytest.mark.django_db

TODAY = date.today()


def every_field_changed(org, users) -> dict:
    """A new value for every field of the registration (the complaint of `make_complaint`
    had the defaults of `tests.conftest.complaint_data`), as the action takes them."""
    return {
        "received_on": TODAY - timedelta(days=5),
        "reason": "Poststempel was eerder dan de datum van inboeken.",
        "channel": "letter",
        "body": org.mayor,
        "theme": org.waste,
        "neighbourhood": "Oost",
        "subject_type": "cooperation",
        "department": org.dept_space,
        "person_complained_about": "P. de Boer",
        "person_complained_about_user": users.other_handler,
        "partner": org.partner,
        "involved_partners": [org.other_partner],
        "complainant_name": "Fatima de Vries-Jansen",
        "complainant_street": "Dorpsstraat 2",
        "complainant_postcode": "5678 CD",
        "complainant_city": "Elders",
        "complainant_email": "fatima.nieuw@example.invalid",
        "complainant_phone": "06-87654321",
        "preferred_contact": "phone",
        "representative_name": "Mr. A. Advocaat",
        "representative_email": "advocaat@example.invalid",
        "representative_phone": "010-7654321",
        "description": "Mijn aanvraag is vier keer kwijtgeraakt.",
        "desired_outcome": "Een gesprek.",
        "is_formal": False,
        "light_path_reason": "oral",
        "formality_note": "Telefonisch toegelicht.",
        "advisory_committee": True,
        "conduct_on": TODAY - timedelta(days=40),
        "conduct_until": TODAY - timedelta(days=30),
    }


#: The registration's fields a full correction changes, as the event names them.
CHANGED = {
    "received_on",
    "channel",
    "body",
    "theme",
    "neighbourhood",
    "subject_type",
    "department",
    "person_complained_about",
    "person_complained_about_user",
    "partner",
    "involved_partners",
    "complainant_name",
    "complainant_street",
    "complainant_postcode",
    "complainant_city",
    "complainant_email",
    "complainant_phone",
    "preferred_contact",
    "representative_name",
    "representative_email",
    "representative_phone",
    "description",
    "desired_outcome",
    "is_formal",
    "light_path_reason",
    "formality_note",
    "advisory_committee",
    "conduct_on",
    "conduct_until",
}


@pytest.fixture
def complaint(make_complaint):
    return make_complaint()


def correct(complaint, actor, **data):
    return perform("correct", actor=actor, complaint=complaint, data=data)


def errors_of(info) -> dict:
    return info.value.message_dict


def test_every_field_is_corrected_with_one_event_before_and_after(complaint, org, users):
    before = Complaint.objects.get(pk=complaint.pk)
    result = correct(complaint, users.coordinator, **every_field_changed(org, users))
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.complainant_email == "fatima.nieuw@example.invalid"
    assert fresh.body == org.mayor and fresh.department == org.dept_space
    assert list(fresh.involved_partners.all()) == [org.other_partner]
    assert fresh.conduct_on == TODAY - timedelta(days=40)
    assert not fresh.is_formal and fresh.light_path_reason == "oral"
    assert "Dorpsstraat" not in before.search_text and "Advocaat" in fresh.search_text
    events = list(fresh.events.filter(action="corrected"))
    assert len(events) == 1
    changes = events[0].changes
    assert set(changes) >= CHANGED
    assert changes["complainant_email"] == [
        "fatima@example.invalid",
        "fatima.nieuw@example.invalid",
    ]
    assert changes["body"] == ["College van B en W", "Burgemeester"]
    assert changes["involved_partners"] == [None, "Afvalbedrijf Regio"]
    assert changes["is_formal"] == [True, False]
    assert changes["received_on"][1] == (TODAY - timedelta(days=5)).isoformat()
    # The deadlines follow the date of receipt and the committee's 10 weeks.
    assert changes["decide_by"] == [before.decide_by.isoformat(), fresh.decide_by.isoformat()]
    assert fresh.decide_by > before.decide_by
    assert "Poststempel" in events[0].summary
    assert result.record


def test_nothing_changed_logs_nothing(complaint, users):
    count = complaint.events.count()
    result = correct(complaint, users.coordinator, complainant_name="Fatima de Vries")
    assert result.record == {}
    assert complaint.events.count() == count
    from vangnet.handling.base import get

    assert get("correct").message(result) == "Er is niets gewijzigd."


def test_another_date_of_receipt_needs_a_reason_and_moves_the_deadlines(complaint, users):
    earlier = complaint.received_on - timedelta(days=7)
    with pytest.raises(ValidationError) as info:
        correct(complaint, users.coordinator, received_on=earlier)
    assert "reden" in errors_of(info)["reason"][0]
    assert Complaint.objects.get(pk=complaint.pk).received_on == complaint.received_on

    correct(complaint, users.coordinator, received_on=earlier, reason="Datum verkeerd overgenomen.")
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.received_on == earlier
    assert fresh.decide_by < complaint.decide_by
    event = fresh.events.get(action="corrected")
    assert {"received_on", "decide_by", "decline_by"} <= set(event.changes)


def test_a_complaint_becomes_a_question_and_back(complaint, users):
    with pytest.raises(ValidationError) as info:
        correct(complaint, users.coordinator, kind=Kind.QUESTION)
    assert "redirected_to" in errors_of(info)

    correct(complaint, users.coordinator, kind=Kind.QUESTION, redirected_to="Het KCC")
    question = Complaint.objects.get(pk=complaint.pk)
    assert (question.state, question.outcome) == (State.CLOSED, Outcome.NOT_A_COMPLAINT)
    assert question.closed_on == TODAY
    assert question.decide_by is None and question.acknowledge_by is None
    assert not Complaint.objects.filter(pk=complaint.pk, kind=Kind.COMPLAINT).exists()
    event = question.events.get(action="corrected")
    assert event.changes["kind"] == ["complaint", "question"]
    assert event.changes["state"] == ["received", "closed"]
    assert event.changes["decide_by"][1] is None

    # A message that is no complaint can be corrected (into a complaint again).
    correct(question, users.coordinator, kind=Kind.COMPLAINT)
    again = Complaint.objects.get(pk=complaint.pk)
    assert (again.state, again.outcome, again.closed_on) == (State.RECEIVED, "", None)
    assert again.decide_by == complaint.decide_by


def test_a_closed_complaint_refuses_until_reopened(complaint, users):
    perform("withdraw", actor=users.coordinator, complaint=complaint, data={"note": "Gebeld."})
    with pytest.raises(ValidationError) as info:
        correct(complaint, users.coordinator, neighbourhood="Noord")
    assert "Heropen" in refusal_in(info.value)
    perform("reopen", actor=users.coordinator, complaint=complaint, data={"reason": "Fout."})
    correct(complaint, users.coordinator, neighbourhood="Noord")
    assert Complaint.objects.get(pk=complaint.pk).neighbourhood == "Noord"


def test_who_may_correct(complaint, users):
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    correct(complaint, users.handler, neighbourhood="Noord")
    for someone in (users.other_handler, users.partner, users.viewer):
        with pytest.raises(PermissionDenied):
            correct(complaint, someone, neighbourhood="Zuid")


def test_the_handler_cannot_become_the_person_complained_about(complaint, users):
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    with pytest.raises(ValidationError) as info:
        correct(complaint, users.coordinator, person_complained_about_user=users.handler)
    assert "Awb 9:7" in errors_of(info)["person_complained_about_user"][0]


def test_registration_rules_apply_to_the_corrected_complaint(complaint, org, users):
    with pytest.raises(ValidationError) as info:
        correct(
            complaint,
            users.coordinator,
            received_on=TODAY + timedelta(days=1),
            reason="Typfout.",
            subject_type="partner",
            complainant_name="",
            conduct_on=TODAY - timedelta(days=3),
            conduct_until=TODAY - timedelta(days=9),
            theme=org.inactive_theme,
        )
    errors = errors_of(info)
    assert "toekomst" in errors["received_on"][0]
    assert "partner" in errors
    assert "complainant_name" in errors
    assert "vóór het begin" in errors["conduct_until"][0]
    assert "theme" in errors
    assert not complaint.events.filter(action="corrected").exists()


def test_conduct_after_receipt_or_in_the_future_is_refused(complaint, users):
    with pytest.raises(ValidationError) as info:
        correct(
            complaint,
            users.coordinator,
            conduct_on=complaint.received_on + timedelta(days=1),
            conduct_until=TODAY + timedelta(days=2),
        )
    errors = errors_of(info)
    assert "na de ontvangst" in errors["conduct_on"][0]
    assert "toekomst" in errors["conduct_until"][0]


# --- Awb 9:8 lid 1 b in the decline step -------------------------------------------------


def test_decline_on_ground_b_is_refused_when_the_conduct_was_within_a_year(make_complaint, users):
    complaint = make_complaint(conduct_on=TODAY - timedelta(days=100))
    with pytest.raises(ValidationError) as info:
        perform(
            "decline",
            actor=users.coordinator,
            complaint=complaint,
            data={"ground": DeclineGround.OLDER_THAN_A_YEAR, "explanation": "Te oud."},
        )
    assert "minder dan een jaar voor de klacht" in errors_of(info)["ground"][0]


def test_decline_on_ground_b_when_the_conduct_ended_more_than_a_year_before(make_complaint, users):
    complaint = make_complaint(
        conduct_on=TODAY - timedelta(days=800), conduct_until=TODAY - timedelta(days=400)
    )
    from vangnet.handling.base import get

    decline = get("decline")
    form = decline.page_form(complaint, {})
    assert form.initial["ground"] == DeclineGround.OLDER_THAN_A_YEAR
    assert "meer dan een jaar voor de klacht" in str(form.fields["ground"].help_text)
    perform(
        "decline",
        actor=users.coordinator,
        complaint=complaint,
        data={"ground": DeclineGround.OLDER_THAN_A_YEAR, "explanation": "Te lang geleden."},
    )
    assert Complaint.objects.get(pk=complaint.pk).decline_ground == "older_than_a_year"


def test_without_a_conduct_date_ground_b_stays_possible_without_a_hint(complaint):
    from vangnet.handling.base import get

    form = get("decline").page_form(complaint, {})
    assert "ground" not in form.initial
    assert "een jaar" not in str(form.fields["ground"].help_text)
