"""The actions that do not move the state: the extension and a delay with consent (Awb
9:11), and a cooperation complaint's contributions and joint case discussion."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vangnet.complaints.models import (
    Complaint,
    Contribution,
    Event,
    JointDiscussion,
    Postponement,
    SubjectType,
)
from vangnet.complaints.workflow import Step
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter

from .conftest import action_url, detail_url

pytestmark = pytest.mark.django_db

TODAY = date.today()
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=AMSTERDAM)


@pytest.fixture
def complaint(users, make_complaint):
    complaint = make_complaint(received_on=TODAY - timedelta(days=7))
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return Complaint.objects.get(pk=complaint.pk)


def post(client, pk, action, body):
    return client.post(action_url(pk, action), body, format="json")


# --- Extension ------------------------------------------------------------------------


def test_the_one_extension(token_api, users, complaint):
    new_due = complaint.decide_by + timedelta(weeks=2)
    client = token_api(users.handler)

    response = post(
        client, complaint.pk, "extension", {"new_due": new_due.isoformat(), "reason": "Advies."}
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["deadlines"]["decide_by"] == new_due.isoformat()
    assert data["postponements"] == [
        {
            "kind": "extension",
            "previous_due": complaint.decide_by.isoformat(),
            "new_due": new_due.isoformat(),
            "reason": "Advies.",
            "consent_on": None,
            "recorded_by": {"id": users.handler.pk, "username": "handler", "name": "Handler"},
        }
    ]
    assert [letter["kind"] for letter in data["letters"]] == ["extension"]
    assert data["allowed_actions"]["extension"] is False
    assert data["allowed_actions"]["delay"] is True

    # A second extension is refused, with the way out: 409 like every action the
    # complaint does not allow (`allowed_actions.extension` is false; it was 400).
    response = post(
        client,
        complaint.pk,
        "extension",
        {"new_due": (new_due + timedelta(days=7)).isoformat(), "reason": "Nog meer tijd."},
    )
    assert response.status_code == 409
    assert list(response.json()) == ["detail"]
    assert "al een keer verdaagd" in response.json()["detail"]
    assert Postponement.objects.filter(complaint=complaint).count() == 1
    assert Letter.objects.filter(complaint=complaint).count() == 1


def test_an_extension_after_the_due_date_is_refused(api, users, complaint):
    with time_machine.travel(at_noon(complaint.decide_by + timedelta(days=1)), tick=False):
        client = api(users.handler)
        detail = client.get(detail_url(complaint.pk)).json()
        assert detail["allowed_actions"]["extension"] is False

        response = post(
            client,
            complaint.pk,
            "extension",
            {"new_due": (complaint.decide_by + timedelta(weeks=2)).isoformat(), "reason": "R"},
        )

    # 409 like every action the complaint does not allow (it was 400 on `new_due`).
    assert response.status_code == 409
    assert list(response.json()) == ["detail"]
    assert "verstreken" in response.json()["detail"]
    assert "instemming" in response.json()["detail"]
    assert not Postponement.objects.filter(complaint=complaint).exists()


def test_an_extension_on_the_due_date_itself_is_allowed(api, users, complaint):
    with time_machine.travel(at_noon(complaint.decide_by), tick=False):
        response = post(
            api(users.handler),
            complaint.pk,
            "extension",
            {"new_due": (complaint.decide_by + timedelta(weeks=1)).isoformat(), "reason": "R"},
        )

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"new_due", "reason"}),
        ({"new_due": "volgende week", "reason": "R"}, {"new_due"}),  # the type check
        ({"new_due": "weeks:5", "reason": "R"}, {"new_due"}),  # more than 4 weeks
        ({"new_due": "weeks:0", "reason": "R"}, {"new_due"}),  # not later
        ({"new_due": "weeks:2", "reason": "  "}, {"reason"}),
    ],
)
def test_bad_extension_input(api, users, complaint, body, fields):
    if body.get("new_due", "").startswith("weeks:"):
        weeks = int(body["new_due"].split(":")[1])
        body = {**body, "new_due": (complaint.decide_by + timedelta(weeks=weeks)).isoformat()}

    response = post(api(users.handler), complaint.pk, "extension", body)

    assert response.status_code == 400
    assert set(response.json()) == fields
    assert not Postponement.objects.filter(complaint=complaint).exists()


def test_a_delay_with_the_complainants_consent(api, users, complaint):
    new_due = complaint.decide_by + timedelta(weeks=8)
    client = api(users.handler)

    response = post(client, complaint.pk, "delay", {"new_due": new_due.isoformat(), "reason": "R"})
    assert response.status_code == 400
    assert list(response.json()) == ["consent_on"]

    response = post(
        client,
        complaint.pk,
        "delay",
        {"new_due": new_due.isoformat(), "reason": "R", "consent_on": TODAY.isoformat()},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["postponements"][0]["kind"] == "consent"
    assert response.json()["postponements"][0]["consent_on"] == TODAY.isoformat()
    assert response.json()["deadlines"]["decide_by"] == new_due.isoformat()


@pytest.mark.parametrize("action", ["extension", "delay"])
def test_the_term_of_a_closed_complaint_is_409(api, users, complaint, action):
    perform(Step.WITHDRAW, actor=users.handler, complaint=complaint, data={"note": "Weg."})
    body = {"new_due": (TODAY + timedelta(weeks=9)).isoformat(), "reason": "R"}

    response = post(api(users.handler), complaint.pk, action, body)

    assert response.status_code == 409
    assert response.json() == {"detail": "Deze klacht is afgesloten."}


@pytest.mark.parametrize("action", ["extension", "delay", "contributions", "joint-discussions"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 401), ("partner", 403), ("colleague", 403), ("other_handler", 404), ("viewer", 404)],
)
def test_who_may_not(api, org, users, make_complaint, action, role, expected):
    from django.contrib.auth.models import Group

    from vangnet.core.models import User
    from vangnet.core.roles import Role

    complaint = make_complaint(
        subject_type=SubjectType.COOPERATION, involved_partners=[org.partner]
    )
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    perform("forward", actor=users.coordinator, complaint=complaint, data={"partner": org.partner})
    colleague = User.objects.create_user(username="colleague", department=org.dept_social)
    colleague.groups.add(Group.objects.get_or_create(name=Role.HANDLER.value)[0])
    user = {"colleague": colleague, None: None}.get(role) or getattr(users, role or "", None)
    events = Event.objects.filter(complaint=complaint).count()

    response = post(api(user), complaint.pk, action, {})

    assert response.status_code == expected
    assert Event.objects.filter(complaint=complaint).count() == events


# --- Cooperation complaints -----------------------------------------------------------


@pytest.fixture
def cooperation(org, users, make_complaint):
    complaint = make_complaint(
        subject_type=SubjectType.COOPERATION,
        involved_partners=[org.partner, org.other_partner],
        description="Gemeente en Schuldhulp Samen wijzen naar elkaar.",
    )
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


def test_contributions_of_a_partner_and_a_department(api, org, users, cooperation):
    client = api(users.handler)

    response = post(
        client,
        cooperation.pk,
        "contributions",
        {
            "party": {"partner": "schuldhulp-samen"},
            "received_on": TODAY.isoformat(),
            "text": "Wij wachtten op de beschikking van de gemeente.",
        },
    )
    assert response.status_code == 201, response.json()
    response = post(
        client,
        cooperation.pk,
        "contributions",
        {
            "party": {"department": org.dept_social.pk},
            "received_on": TODAY.isoformat(),
            "text": "De beschikking is op 3 maart verstuurd.",
        },
    )
    assert response.status_code == 201, response.json()

    contributions = response.json()["contributions"]
    assert [(c["partner"] or {}).get("slug") for c in contributions] == ["schuldhulp-samen", None]
    assert contributions[1]["department"] == {"id": org.dept_social.pk, "name": "Werk en Inkomen"}
    assert response.json()["allowed_actions"]["contributions"] is True
    assert Contribution.objects.filter(complaint=cooperation).count() == 2


@pytest.mark.parametrize(
    ("party", "message_in"),
    [
        ({"partner": "schuldhulp-samen", "department": "social"}, "Kies één partij"),
        ({}, "Kies één partij"),
        ({"partner": "ghost"}, "Onbekende samenwerkingspartner: ghost."),
        ({"department": 999999}, "Onbekende afdeling: 999999."),
        (None, "Kies de partij."),
    ],
)
def test_a_contribution_needs_one_known_party(api, org, users, cooperation, party, message_in):
    body = {"received_on": TODAY.isoformat(), "text": "Tekst."}
    if party is not None:
        body["party"] = party
        if party.get("department") == "social":
            body["party"] = {**party, "department": org.dept_social.pk}

    response = post(api(users.handler), cooperation.pk, "contributions", body)

    assert response.status_code == 400
    assert list(response.json()) == ["party"]
    assert message_in in str(response.json()["party"])
    assert not Contribution.objects.exists()


def test_a_contribution_from_a_partner_that_is_no_party(api, org, users, make_complaint):
    complaint = make_complaint(
        subject_type=SubjectType.COOPERATION, involved_partners=[org.other_partner]
    )

    response = post(
        api(users.coordinator),
        complaint.pk,
        "contributions",
        {"party": {"partner": "schuldhulp-samen"}, "received_on": TODAY.isoformat(), "text": "T"},
    )

    assert response.status_code == 400
    assert response.json() == {"party": ["Deze partner is geen partij bij deze klacht."]}


def test_contributions_only_for_a_cooperation_complaint(api, org, users, complaint):
    response = post(
        api(users.handler),
        complaint.pk,
        "contributions",
        {
            "party": {"department": org.dept_social.pk},
            "received_on": TODAY.isoformat(),
            "text": "T",
        },
    )

    # Refused like any action the complaint does not allow (409; it was 400 on `party`).
    assert response.status_code == 409
    assert response.json() == {"detail": "Dit hoort alleen bij een samenwerkingsklacht."}


def test_the_joint_case_discussion(api, users, cooperation, complaint):
    client = api(users.handler)
    body = {
        "held_on": TODAY.isoformat(),
        "participants": "Gemeente (W&I), Schuldhulp Samen",
        "agreements": "Schuldhulp Samen belt mevrouw binnen een week.",
    }

    response = post(client, cooperation.pk, "joint-discussions", body)

    assert response.status_code == 201, response.json()
    assert response.json()["joint_discussions"][0]["agreements"] == body["agreements"]
    assert JointDiscussion.objects.filter(complaint=cooperation).count() == 1

    response = post(client, cooperation.pk, "joint-discussions", {"held_on": TODAY.isoformat()})
    assert response.status_code == 400
    assert set(response.json()) == {"participants", "agreements"}

    # Not a cooperation complaint: refused like any action the complaint does not allow
    # (409; it was 400 on `held_on`), and `allowed_actions` says so beforehand.
    response = post(client, complaint.pk, "joint-discussions", body)
    assert response.status_code == 409
    assert response.json() == {"detail": "Dit hoort alleen bij een samenwerkingsklacht."}
