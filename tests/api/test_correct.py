"""PATCH /api/v1/complaints/{id}/: correcting the registration with the registration's
fields, each optional (nested `complainant` and `representative` partly too), through
the guard: 400 per field in the body's shape, 403 without the permission, 409 for a
closed complaint until reopened; the answer is the complaint as GET gives it. PUT stays
unsupported. And the date of the conduct in registration, the detail and the decline
step."""

from datetime import date, timedelta

import pytest

from tests.handling.test_correct import CHANGED
from vangnet.complaints.models import Complaint
from vangnet.handling.guard import perform

from .conftest import COMPLAINTS_URL, action_url, detail_url, registration

pytestmark = pytest.mark.django_db

TODAY = date.today()


@pytest.fixture
def complaint(make_complaint):
    return make_complaint()


def every_field_body(org) -> dict:
    return {
        "body": org.mayor.pk,
        "received_on": (TODAY - timedelta(days=5)).isoformat(),
        "reason": "Poststempel.",
        "channel": "letter",
        "description": "Vier keer kwijtgeraakt.",
        "theme": "afval",
        "subject_type": "cooperation",
        "department": None,
        "partner": "schuldhulp-samen",
        "involved_partners": ["afvalbedrijf"],
        "person_complained_about": "P. de Boer",
        "person_complained_about_user": "otherhandler",
        "desired_outcome": "Een gesprek.",
        "neighbourhood": "Oost",
        "is_formal": False,
        "light_path_reason": "oral",
        "formality_note": "Telefonisch.",
        "advisory_committee": True,
        "conduct_on": (TODAY - timedelta(days=40)).isoformat(),
        "conduct_until": (TODAY - timedelta(days=30)).isoformat(),
        "complainant": {
            "name": "F. de Vries-Jansen",
            "street": "Dorpsstraat 2",
            "postcode": "5678 CD",
            "city": "Elders",
            "email": "nieuw@example.invalid",
            "phone": "06-87654321",
            "preferred_contact": "phone",
        },
        "representative": {
            "name": "Mr. A. Advocaat",
            "email": "advocaat@example.invalid",
            "phone": "010-7654321",
        },
    }


def test_every_field_through_the_api_with_one_event(api, complaint, users, org):
    response = api(users.coordinator).patch(
        detail_url(complaint.pk), every_field_body(org), format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["complainant"]["email"] == "nieuw@example.invalid"
    assert body["representative"]["name"] == "Mr. A. Advocaat"
    assert body["conduct_on"] == (TODAY - timedelta(days=40)).isoformat()
    assert body["involved_partners"][0]["slug"] == "afvalbedrijf"
    assert body["received_on"] == (TODAY - timedelta(days=5)).isoformat()
    assert body == api(users.coordinator).get(detail_url(complaint.pk)).json()
    event = body["timeline"][-1]
    assert event["action"] == "corrected"
    changes = event["changes"]
    assert changes["complainant_email"] == ["fatima@example.invalid", "nieuw@example.invalid"]
    assert changes["department"] == ["Werk en Inkomen", None]
    assert changes["partner"] == [None, "Schuldhulp Samen"]
    assert changes["person_complained_about_user"] == [None, "Otherhandler"]
    assert changes["representative_phone"] == ["", "010-7654321"]
    assert set(changes) >= CHANGED | {"decide_by"}


def test_nested_complainant_changes_only_the_given_subfields(api, complaint, users):
    response = api(users.coordinator).patch(
        detail_url(complaint.pk), {"complainant": {"email": "ander@example.invalid"}}, format="json"
    )
    assert response.status_code == 200
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.complainant_email == "ander@example.invalid"
    assert (fresh.complainant_name, fresh.complainant_city, fresh.preferred_contact) == (
        "Fatima de Vries",
        "Testwijk",
        "email",
    )
    assert list(fresh.events.get(action="corrected").changes) == ["complainant_email"]


def test_nothing_changed_writes_no_event(api, complaint, users):
    count = complaint.events.count()
    response = api(users.coordinator).patch(
        detail_url(complaint.pk), {"neighbourhood": ""}, format="json"
    )
    assert response.status_code == 200
    assert complaint.events.count() == count


def test_put_stays_unsupported(api, complaint, users):
    response = api(users.coordinator).put(detail_url(complaint.pk), registration(), format="json")
    assert response.status_code == 405


def test_received_on_needs_a_reason_and_moves_the_deadlines(api, complaint, users):
    earlier = (complaint.received_on - timedelta(days=7)).isoformat()
    client = api(users.coordinator)
    response = client.patch(detail_url(complaint.pk), {"received_on": earlier}, format="json")
    assert response.status_code == 400
    assert "reden" in response.json()["reason"][0]
    response = client.patch(
        detail_url(complaint.pk), {"received_on": earlier, "reason": "Typfout."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["deadlines"]["decide_by"] < complaint.decide_by.isoformat()


def test_kind_to_question_and_back(api, complaint, users):
    client = api(users.coordinator)
    response = client.patch(
        detail_url(complaint.pk), {"kind": "question", "redirected_to": "KCC"}, format="json"
    )
    body = response.json()
    assert (body["kind"], body["state"], body["outcome"]) == (
        "question",
        "closed",
        "not_a_complaint",
    )
    assert set(body["deadlines"].values()) == {None}
    assert body["allowed_actions"]["correct"] is True
    response = client.patch(detail_url(complaint.pk), {"kind": "complaint"}, format="json")
    body = response.json()
    assert (body["kind"], body["state"]) == ("complaint", "received")
    assert body["deadlines"]["decide_by"] == complaint.decide_by.isoformat()


def test_closed_is_409_until_reopened(api, complaint, users):
    perform("withdraw", actor=users.coordinator, complaint=complaint, data={"note": "Gebeld."})
    client = api(users.coordinator)
    response = client.patch(detail_url(complaint.pk), {"neighbourhood": "Noord"}, format="json")
    assert response.status_code == 409
    assert "Heropen" in response.json()["detail"]
    assert client.get(detail_url(complaint.pk)).json()["allowed_actions"]["correct"] is False
    client.post(action_url(complaint.pk, "reopen"), {"reason": "Fout."}, format="json")
    response = client.patch(detail_url(complaint.pk), {"neighbourhood": "Noord"}, format="json")
    assert response.status_code == 200
    assert response.json()["neighbourhood"] == "Noord"


def test_without_the_permission_403(api, complaint, users):
    response = api(users.handler).patch(  # sees it (its department), not assigned
        detail_url(complaint.pk), {"neighbourhood": "Noord"}, format="json"
    )
    assert response.status_code == 403
    response = api(users.other_handler).patch(
        detail_url(complaint.pk), {"neighbourhood": "Noord"}, format="json"
    )
    assert response.status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).neighbourhood == ""


@pytest.mark.parametrize(
    "body, path, message",
    [
        ({"complainant": {"email": "geen-adres"}}, ("complainant", "email"), ""),
        ({"department": 99999}, ("department",), "Onbekende afdeling"),
        (
            {"received_on": (TODAY + timedelta(days=2)).isoformat(), "reason": "x"},
            ("received_on",),
            "toekomst",
        ),
        (
            {
                "conduct_on": (TODAY - timedelta(days=5)).isoformat(),
                "conduct_until": (TODAY - timedelta(days=9)).isoformat(),
            },
            ("conduct_until",),
            "vóór het begin",
        ),
        ({"conduct_on": TODAY.isoformat()}, ("conduct_on",), "na de ontvangst"),
        ({"complainant": {"email": ""}}, ("complainant", "email"), "e-mailadres"),
    ],
    ids=["email", "department", "future-receipt", "until-before-on", "after-receipt", "contact"],
)
def test_bad_input_per_field_and_nothing_stored(api, complaint, users, body, path, message):
    response = api(users.coordinator).patch(detail_url(complaint.pk), body, format="json")
    assert response.status_code == 400
    detail = response.json()
    for key in path:
        detail = detail[key]
    assert message in detail[0]
    assert not complaint.events.filter(action="corrected").exists()
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert (fresh.complainant_email, fresh.department_id) == (
        complaint.complainant_email,
        complaint.department_id,
    )


# --- the date of the conduct ----------------------------------------------------------------


def test_registration_with_the_conduct_and_the_decline_ground(api, org, users):
    client = api(users.coordinator)
    response = client.post(
        COMPLAINTS_URL,
        registration(
            conduct_on=(TODAY - timedelta(days=30)).isoformat(),
            conduct_until=(TODAY - timedelta(days=20)).isoformat(),
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["conduct_until"] == (TODAY - timedelta(days=20)).isoformat()
    assert body["conduct_older_than_a_year"] is False
    response = client.post(
        action_url(body["id"], "decline"),
        {"ground": "older_than_a_year", "explanation": "Te oud."},
        format="json",
    )
    assert response.status_code == 400
    assert "minder dan een jaar voor de klacht" in response.json()["ground"][0]

    response = client.patch(
        detail_url(body["id"]),
        {"conduct_on": (TODAY - timedelta(days=900)).isoformat(), "conduct_until": None},
        format="json",
    )
    assert response.json()["conduct_older_than_a_year"] is True
    response = client.post(
        action_url(body["id"], "decline"),
        {"ground": "older_than_a_year", "explanation": "Te oud."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["decline_ground"] == "older_than_a_year"


def test_a_registration_with_the_conduct_after_receipt_is_refused(api, org, users):
    response = api(users.coordinator).post(
        COMPLAINTS_URL,
        registration(
            received_on=(TODAY - timedelta(days=5)).isoformat(),
            conduct_on=(TODAY - timedelta(days=2)).isoformat(),
        ),
        format="json",
    )
    assert response.status_code == 400
    assert "na de ontvangst" in response.json()["conduct_on"][0]
