"""POST /api/v1/complaints/: registration through `services.register_complaint`."""

import re
from datetime import date, timedelta

import pytest
import time_machine

from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint, Event
from vangnet.complaints.workflow import Outcome, State

from .conftest import COMPLAINTS_URL, detail_url, registration

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"^\d{4}-\d{5}$")


def counts() -> tuple[int, int]:
    return Complaint.objects.count(), Event.objects.count()


def test_registers_a_complaint_with_every_field(api, org, users):
    body = registration(
        channel="email",
        body=org.mayor.pk,
        kind="complaint",
        subject_type="municipality",
        department=org.dept_social.pk,
        person_complained_about="J. Jansen",
        person_complained_about_user="otherhandler",
        desired_outcome="Een nieuwe afspraak.",
        neighbourhood="Centrum",
        is_formal=True,
        formality_note="Per e-mail, ondertekend.",
        advisory_committee=False,
        representative={"name": "Piet Hulp", "email": "piet@example.invalid", "phone": "010-1"},
    )
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    complaint = Complaint.objects.get()
    assert response["Location"].endswith(detail_url(complaint.pk))
    assert data["id"] == complaint.pk
    assert REFERENCE.match(data["reference"])
    assert data["reference"].startswith(f"{date.today().year}-")
    assert data["state"] == State.RECEIVED
    assert data["theme"] == {
        "id": org.debt.pk,
        "slug": "schulden",
        "name": "Schuldhulpverlening",
        "parent": {"id": org.social.pk, "slug": "sociaal-domein", "name": "Sociaal domein"},
    }
    assert data["body"] == {"id": org.mayor.pk, "name": "Burgemeester"}
    assert data["department"] == {"id": org.dept_social.pk, "name": "Werk en Inkomen"}
    assert data["complainant"] == body["complainant"]
    assert data["representative"] == body["representative"]
    assert data["timeline"][0]["action"] == Action.REGISTERED
    assert data["timeline"][0]["actor"]["username"] == "coordinator"

    # Stored under the model's field names.
    assert complaint.created_by == users.coordinator
    assert complaint.channel == "email"
    assert complaint.body == org.mayor
    assert complaint.theme == org.debt
    assert complaint.complainant_name == "Fatima de Vries"
    assert complaint.complainant_street == "Kerkstraat 1"
    assert complaint.complainant_postcode == "1234 AB"
    assert complaint.complainant_city == "Testwijk"
    assert complaint.complainant_email == "fatima@example.invalid"
    assert complaint.complainant_phone == "06-12345678"
    assert complaint.representative_name == "Piet Hulp"
    assert complaint.person_complained_about == "J. Jansen"
    assert complaint.person_complained_about_user == users.other_handler
    assert complaint.neighbourhood == "Centrum"
    assert complaint.formality_note == "Per e-mail, ondertekend."


def test_minimal_body_uses_the_defaults(api, org, users):
    body = {
        "received_on": (date.today() - timedelta(days=1)).isoformat(),
        "channel": "counter",
        "description": "Ik werd onvriendelijk behandeld aan de balie.",
        "theme": org.waste.pk,  # an id works too
        "is_formal": False,
        "light_path_reason": "oral",
    }
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")

    assert response.status_code == 201, response.json()
    complaint = Complaint.objects.get()
    assert complaint.body == org.college  # the default body
    assert complaint.kind == "complaint"
    assert complaint.subject_type == "municipality"
    assert complaint.theme == org.waste
    assert complaint.light_path_reason == "oral"


@pytest.mark.parametrize(
    ("received_on", "advisory_committee", "expected"),
    [
        # Tuesday; 5 May (Liberation Day) is skipped by the working-day terms.
        (
            "2026-04-28",
            False,
            {
                "acknowledge_by": "2026-05-06",  # 29, 30 Apr, 1, 4, (5 May), 6 May
                "first_contact_by": "2026-05-01",  # 29, 30 Apr, 1 May
                "decline_by": "2026-05-26",  # 4 weeks: Tuesday after Whit Monday
                "decide_by": "2026-06-09",  # 6 weeks: Tuesday, a working day
            },
        ),
        # Tuesday; 6 weeks end on Tuesday 5 May 2026, Liberation Day -> Wednesday.
        (
            "2026-03-24",
            False,
            {
                "acknowledge_by": "2026-03-31",
                "first_contact_by": "2026-03-27",
                "decline_by": "2026-04-21",
                "decide_by": "2026-05-06",
            },
        ),
        # With an advisory committee: 10 weeks, Tuesday 2 June 2026.
        (
            "2026-03-24",
            True,
            {
                "acknowledge_by": "2026-03-31",
                "first_contact_by": "2026-03-27",
                "decline_by": "2026-04-21",
                "decide_by": "2026-06-02",
            },
        ),
    ],
)
@time_machine.travel(date(2026, 11, 23), tick=False)
def test_deadlines_follow_the_atw(api, org, users, received_on, advisory_committee, expected):
    body = registration(received_on=received_on, advisory_committee=advisory_committee)
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["deadlines"] == expected
    assert response.json()["reference"] == "2026-00001"


def test_a_redirected_report_is_closed_without_deadlines(api, org, users):
    body = registration(kind="report", redirected_to="Meldpunt openbare ruimte", theme=None)
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["state"] == State.CLOSED
    assert data["outcome"] == Outcome.NOT_A_COMPLAINT
    assert data["deadlines"] == dict.fromkeys(
        ("acknowledge_by", "first_contact_by", "decline_by", "decide_by")
    )


def test_a_cooperation_complaint_with_involved_partners(api, org, users):
    body = registration(
        subject_type="cooperation", involved_partners=["schuldhulp-samen", "afvalbedrijf"]
    )
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")

    assert response.status_code == 201, response.json()
    assert {p["slug"] for p in response.json()["involved_partners"]} == {
        "schuldhulp-samen",
        "afvalbedrijf",
    }
    assert set(Complaint.objects.get().involved_partners.all()) == {org.partner, org.other_partner}


def test_a_handler_may_register_a_complaint_they_cannot_see_afterwards(api, org, users):
    # The handler works in Werk en Inkomen; the complaint is about another department.
    body = registration(department=org.dept_space.pk)
    response = api(users.handler).post(COMPLAINTS_URL, body, format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert REFERENCE.match(data["reference"])
    assert "complainant" not in data  # the permission rules still apply
    assert "timeline" not in data
    assert api(users.handler).get(response["Location"]).status_code == 404


def _without(field: str) -> dict:
    body = registration()
    del body[field]
    return body


def _complainant(**fields) -> dict:
    return registration(complainant={**registration()["complainant"], **fields})


FUTURE = (date.today() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        pytest.param(
            registration(received_on=FUTURE),
            {"received_on": ["De datum van ontvangst kan niet in de toekomst liggen."]},
            id="future-received-on",
        ),
        pytest.param(registration(received_on="2026-13-45"), {"received_on": None}, id="bad-date"),
        pytest.param(registration(received_on="28-04-2026"), {"received_on": None}, id="nl-date"),
        pytest.param(_without("received_on"), {"received_on": None}, id="missing-date"),
        pytest.param(
            registration(theme="xyz"), {"theme": ["Onbekend thema: xyz."]}, id="unknown-theme"
        ),
        pytest.param(registration(theme=999999), {"theme": None}, id="unknown-theme-id"),
        pytest.param(registration(theme=True), {"theme": None}, id="theme-not-a-slug"),
        pytest.param(registration(theme=10**20), {"theme": None}, id="theme-id-out-of-range"),
        pytest.param(
            registration(theme="oud"),
            {"theme": ["Dit thema wordt niet meer gebruikt; kies een ander."]},
            id="inactive-theme",
        ),
        pytest.param(registration(theme=None), {"theme": ["Kies een thema."]}, id="no-theme"),
        pytest.param(registration(channel="fax"), {"channel": None}, id="bad-channel"),
        pytest.param(registration(kind="klacht"), {"kind": None}, id="bad-kind"),
        pytest.param(_without("description"), {"description": None}, id="missing-description"),
        pytest.param(
            registration(description="   "), {"description": None}, id="blank-description"
        ),
        pytest.param(
            _without("complainant"),
            {"complainant": {"name": None, "street": None}},
            id="formal-without-complainant",
        ),
        pytest.param(
            _complainant(street="", city=""),
            {"complainant": {"street": None}},
            id="formal-without-address",
        ),
        pytest.param(
            registration(is_formal=False),
            {"light_path_reason": None},
            id="light-path-without-reason",
        ),
        pytest.param(
            registration(subject_type="partner"),
            {"partner": ["Kies de samenwerkingspartner waarover geklaagd wordt."]},
            id="partner-complaint-without-partner",
        ),
        pytest.param(
            registration(subject_type="partner", partner="nope"),
            {"partner": ["Onbekende samenwerkingspartner: nope."]},
            id="unknown-partner",
        ),
        pytest.param(
            registration(subject_type="cooperation", involved_partners=["schuldhulp-samen"]),
            {"involved_partners": None},
            id="cooperation-with-one-party",
        ),
        pytest.param(
            registration(involved_partners=["schuldhulp-samen", "afvalbedrijf"]),
            {"involved_partners": None},
            id="involved-partners-without-cooperation",
        ),
        pytest.param(
            registration(department=999999),
            {"department": ["Onbekende afdeling: 999999."]},
            id="unknown-department",
        ),
        pytest.param(registration(body=999999), {"body": None}, id="unknown-body"),
        pytest.param(
            registration(person_complained_about_user="ghost"),
            {"person_complained_about_user": ["Onbekende medewerker: ghost."]},
            id="unknown-person-complained-about",
        ),
        pytest.param(
            _complainant(email="not-an-address"),
            {"complainant": {"email": None}},
            id="bad-email",
        ),
        pytest.param(
            _complainant(preferred_contact="phone", phone=""),
            {"complainant": {"phone": None}},
            id="preference-without-phone",
        ),
        pytest.param(
            _complainant(preferred_contact="pigeon"),
            {"complainant": {"preferred_contact": None}},
            id="bad-preference",
        ),
        pytest.param(
            registration(complainant="Fatima"), {"complainant": None}, id="complainant-not-object"
        ),
        pytest.param(
            registration(representative={"email": "nope"}),
            {"representative": {"email": None}},
            id="bad-representative-email",
        ),
        pytest.param(
            registration(kind="question", theme=None),
            {"redirected_to": None},
            id="non-complaint-without-redirected-to",
        ),
        pytest.param(registration(neighbourhood="x" * 101), {"neighbourhood": None}, id="too-long"),
    ],
)
def test_bad_input_is_refused_per_field_and_nothing_is_stored(api, org, users, body, errors):
    before = counts()
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")

    assert response.status_code == 400
    data = response.json()
    for field, expected in errors.items():
        assert field in data, data
        if isinstance(expected, dict):
            for subfield, messages in expected.items():
                assert subfield in data[field], data
                assert all(isinstance(m, str) and m for m in data[field][subfield])
                if messages is not None:
                    assert data[field][subfield] == messages
        elif expected is not None:
            assert data[field] == expected
        else:
            assert data[field] and all(isinstance(m, str) and m for m in data[field]), data
    assert counts() == before


def test_blank_description_gets_the_plain_message(api, org, users):
    response = api(users.coordinator).post(
        COMPLAINTS_URL, registration(description="   "), format="json"
    )

    assert response.status_code == 400
    assert "Beschrijf waar het bericht over gaat." in response.json()["description"]


def test_several_errors_are_reported_together(api, org, users):
    # Input that cannot be read is reported in one go; so are the rules of the service.
    body = registration(received_on="gisteren", theme="xyz", channel="fax")
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"received_on", "theme", "channel"}

    body = registration(received_on=FUTURE, theme="oud", complainant={"email": "a@b.invalid"})
    response = api(users.coordinator).post(COMPLAINTS_URL, body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert set(data) == {"received_on", "theme", "complainant"}
    assert set(data["complainant"]) == {"name", "street"}


def test_malformed_json_is_refused(api, users):
    before = counts()
    response = api(users.coordinator).post(
        COMPLAINTS_URL, data='{"received_on": "2026-01-05", ', content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" in response.json()
    assert counts() == before


def test_a_form_encoded_body_is_refused(api, users):
    response = api(users.coordinator).post(COMPLAINTS_URL, {"description": "x"})

    assert response.status_code == 415


@pytest.mark.parametrize("role", ["partner", "other_partner", "viewer", "administrator", "nobody"])
def test_only_coordinators_and_handlers_may_register(api, org, users, role):
    before = counts()
    response = api(getattr(users, role)).post(COMPLAINTS_URL, registration(), format="json")

    assert response.status_code == 403
    assert counts() == before


def test_anonymous_gets_401(api, org):
    response = api().post(COMPLAINTS_URL, registration(), format="json")

    assert response.status_code == 401
    assert Complaint.objects.count() == 0


def test_service_errors_are_renamed_to_the_api_fields():
    from vangnet.api.common.errors import api_error_detail

    assert api_error_detail(
        {
            "__all__": ["Geheel"],
            "complainant_name": ["Naam"],
            "preferred_contact": ["Voorkeur"],
            "representative_email": ["Mail"],
            "theme": ["Thema"],
            "attachments": ["Bestand"],
        }
    ) == {
        "non_field_errors": ["Geheel"],
        "complainant": {"name": ["Naam"], "preferred_contact": ["Voorkeur"]},
        "representative": {"email": ["Mail"]},
        "theme": ["Thema"],
        "files": ["Bestand"],
    }
