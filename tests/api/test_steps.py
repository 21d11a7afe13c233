"""The procedure's steps through the API: a full walk as the assigned handler with a
token, and for every step endpoint who may take it (401/403/404), when the state does
not allow it (409) and what bad input gives (400, per field, nothing stored)."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from vangnet.complaints.models import Complaint, Event, JudgmentPart
from vangnet.complaints.workflow import TRANSITIONS, State, Step
from vangnet.handling.base import get
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter

from .conftest import COMPLAINTS_URL, action_url, detail_url

pytestmark = pytest.mark.django_db

TODAY = date.today()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def step_url(pk: int, step: str) -> str:
    return action_url(pk, get(step).api_path)


def tomorrow_at(hour: int) -> str:
    moment = timezone.localtime() + timedelta(days=1)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0).isoformat()


@pytest.fixture
def complaint(org, users, make_complaint):
    """A complaint about Werk en Inkomen (which has an e-mail address for the copy of
    Awb 9:9), assigned to the handler."""
    org.dept_social.email = "werkeninkomen@testwijk.invalid"
    org.dept_social.save()
    complaint = make_complaint(received_on=TODAY - timedelta(days=2))
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


def take(complaint, step, actor, **data):
    """Take a step directly through the procedure (to set up a state)."""
    return perform(step, actor=actor, complaint=complaint, data=data).complaint


def contact(**overrides) -> dict:
    body = {
        "contacted_on": TODAY.isoformat(),
        "channel": "phone",
        "notes": "Mevrouw gebeld; zij wil een nieuwe afspraak en excuses.",
        "agreed": "Binnen een week een nieuwe afspraak.",
    }
    body.update(overrides)
    return body


# --- The walk -------------------------------------------------------------------------


def test_a_full_walk_as_the_assigned_handler_with_a_token(token_api, users, complaint):
    client = token_api(users.handler)
    pk = complaint.pk

    def step(step, body=None, expected_state=None):
        before = Event.objects.filter(complaint_id=pk, action=step).count()
        response = client.post(step_url(pk, step), body or {}, format="json")
        assert response.status_code == 200, (step, response.json())
        data = response.json()
        recorded = [event for event in data["timeline"] if event["action"] == step]
        assert len(recorded) == before + 1, step
        assert recorded[-1]["actor"]["username"] == "handler"
        if expected_state:
            assert data["state"] == expected_state, step
        return data

    data = client.get(detail_url(pk)).json()
    assert [s["step"] for s in data["allowed_actions"]["steps"]] == [
        "acknowledge",
        "decline",
        "withdraw",
        "forward_to_body",
        "close_forwarded",
    ]
    acknowledge = data["allowed_actions"]["steps"][0]
    assert acknowledge["url"] == f"http://testserver{step_url(pk, 'acknowledge')}"
    assert acknowledge["target"] == "acknowledged"

    data = step("acknowledge", expected_state="acknowledged")
    assert [letter["kind"] for letter in data["letters"]] == ["acknowledgement"]

    data = step("log_contact", contact(), "in_progress")
    assert data["contacts"] == [
        {
            "id": data["contacts"][0]["id"],
            "contacted_on": TODAY.isoformat(),
            "channel": "phone",
            "reached": True,
            "notes": "Mevrouw gebeld; zij wil een nieuwe afspraak en excuses.",
            "agreed": "Binnen een week een nieuwe afspraak.",
            "recorded_by": {"id": users.handler.pk, "username": "handler", "name": "Handler"},
        }
    ]

    data = step("start_formal", {}, "formal")
    [formal] = [event for event in data["timeline"] if event["action"] == "start_formal"]
    assert "werkeninkomen@testwijk.invalid" in formal["summary"]

    data = step("offer_hearing", {"location": "Stadhuis"}, "hearing_offered")
    assert data["hearing"]["offered_on"] == TODAY.isoformat()

    planned_at = tomorrow_at(10)
    data = step(
        "plan_hearing",
        {"planned_at": planned_at, "location": "Stadhuis, zaal 2"},
        "hearing_planned",
    )
    assert data["hearing"]["location"] == "Stadhuis, zaal 2"
    assert data["hearing"]["planned_at"] is not None

    data = step(
        "hold_hearing",
        {
            "held_on": TODAY.isoformat(),
            "held_early_reason": "De indiener kon eerder.",
            "participants": "Mevrouw De Vries, de teamleider, de behandelaar",
            "record": "Mevrouw licht haar klacht toe; de teamleider erkent de fouten.",
        },
        "heard",
    )
    assert data["hearing"]["held_on"] == TODAY.isoformat()
    assert data["hearing"]["record"].startswith("Mevrouw licht")

    # The complaint turns out to have two parts; the decision judges each.
    response = client.post(
        action_url(pk, "parts"),
        {
            "parts": [
                {"description": "De aanvraag raakte kwijt."},
                {"description": "De medewerker was onbeleefd."},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    first, second = (part["id"] for part in response.json()["parts"])
    data = step(
        "decide",
        {
            "findings": "De aanvraag is drie keer kwijtgeraakt.",
            "conclusions": "De gemeente had beter moeten opletten.",
            "measures": "Aanvragen worden voortaan bij ontvangst geregistreerd.",
            "parts": [
                {
                    "part": first,
                    "judgment": "well_founded",
                    "norms": ["promptness", "good_organisation"],
                    "reasoning": "Drie keer kwijt is niet behoorlijk.",
                },
                {
                    "part": second,
                    "judgment": "unfounded",
                    "norms": [],
                    "reasoning": "Daar is niets van gebleken.",
                },
            ],
        },
        "decided",
    )
    [decision] = data["decisions"]
    assert decision["outcome"] == "partly_well_founded"
    assert decision["decided_by"]["username"] == "handler"
    assert [(p["position"], p["judgment"]) for p in decision["parts"]] == [
        (1, "well_founded"),
        (2, "unfounded"),
    ]
    assert decision["parts"][0]["norms"] == [
        {
            "code": "promptness",
            "label": "Voortvarendheid",
            "family": "Betrokken en oplossingsgericht",
        },
        {
            "code": "good_organisation",
            "label": "Goede organisatie",
            "family": "Eerlijk en betrouwbaar",
        },
    ]
    assert decision["parts"][1]["norms"] == []

    data = step("send_conclusion", None, "closed")
    assert data["outcome"] == "partly_well_founded"
    assert data["closed_on"] == TODAY.isoformat()
    assert data["allowed_actions"]["steps"] == []  # reopening is the coordinator's
    kinds = [letter["kind"] for letter in data["letters"]]
    assert kinds == [
        "acknowledgement",
        "hearing_invitation",
        "hearing_invitation",
        "hearing_record",
        "conclusion",
    ]
    assert all(letter["sent_to"] == "fatima@example.invalid" for letter in data["letters"])
    assert {"html", "pdf"}.isdisjoint(data["letters"][-1])

    complaint = Complaint.objects.get(pk=pk)
    assert complaint.state == State.CLOSED
    assert JudgmentPart.objects.filter(decision__complaint=complaint).count() == 2
    assert Letter.objects.filter(complaint=complaint).count() == 5


def test_the_coordinator_reopens_with_a_reason(api, users, complaint):
    take(complaint, Step.WITHDRAW, users.handler, note="Mevrouw belde: ze trekt de klacht in.")

    handler = api(users.handler).post(
        step_url(complaint.pk, "reopen"), {"reason": "x"}, format="json"
    )
    assert handler.status_code == 403

    response = api(users.coordinator).post(
        step_url(complaint.pk, "reopen"),
        {"reason": "Mevrouw is toch niet tevreden."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "in_progress"
    assert response.json()["outcome"] == ""
    assert response.json()["closed_on"] is None


def test_informal_resolution(api, users, complaint):
    take(complaint, Step.ACKNOWLEDGE, users.handler)
    client = api(users.handler)
    assert (
        client.post(step_url(complaint.pk, "log_contact"), contact(), format="json").status_code
        == 200
    )

    response = client.post(
        step_url(complaint.pk, "resolve_informally"),
        {"agreement": "Een nieuwe afspraak op 3 juni en excuses.", "send_confirmation": False},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "resolved_informally"
    assert [letter["kind"] for letter in response.json()["letters"]] == ["acknowledgement"]


def test_skip_the_hearing_and_the_advisory_committee(api, users, complaint):
    take(complaint, Step.ACKNOWLEDGE, users.handler)
    take(complaint, Step.START_FORMAL, users.handler)
    client = api(users.handler)

    response = client.post(
        step_url(complaint.pk, "skip_hearing"),
        {
            "ground": "waived",
            "note": "Mevrouw wil niet gehoord worden.",
            "person_not_heard_reason": "Beklaagde reageerde schriftelijk.",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["hearing"]["skip_ground"] == "waived"

    response = client.post(
        step_url(complaint.pk, "request_advice"),
        {"committee": "Klachtadviescommissie"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "with_committee"
    assert response.json()["advisory_committee"] is True
    assert response.json()["advice"]["received_on"] is None

    pdf = SimpleUploadedFile("advies.pdf", PDF, content_type="application/pdf")
    response = client.post(
        step_url(complaint.pk, "record_advice"),
        {
            "received_on": TODAY.isoformat(),
            "recommended_judgment": "unfounded",
            "text": "",
            "file": pdf,
        },
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    advice = response.json()["advice"]
    assert advice["recommended_judgment"] == "unfounded"
    assert advice["attachment"]["name"] == "advies.pdf"
    assert response.json()["state"] == "advised"

    # Deviating from the advice needs reasons (Awb 9:15).
    decision = {
        "findings": "Bevindingen.",
        "conclusions": "Conclusies.",
        "parts": [
            {
                "part": complaint.parts.get().pk,
                "judgment": "well_founded",
                "norms": ["promptness"],
                "reasoning": "Motivering.",
            }
        ],
    }
    response = client.post(step_url(complaint.pk, "decide"), decision, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["deviates_from_advice"]

    decision |= {"deviates_from_advice": True, "deviation_reasons": "Nieuwe feiten."}
    response = client.post(step_url(complaint.pk, "decide"), decision, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["decisions"][0]["deviates_from_advice"] is True


def test_record_advice_as_json_without_a_file(api, users, complaint):
    take(complaint, Step.ACKNOWLEDGE, users.handler)
    take(complaint, Step.START_FORMAL, users.handler)
    take(
        complaint,
        Step.SKIP_HEARING,
        users.handler,
        ground="waived",
        person_not_heard_reason="Beklaagde reageerde schriftelijk.",
    )
    take(complaint, Step.REQUEST_ADVICE, users.handler, committee="Commissie")

    response = api(users.handler).post(
        step_url(complaint.pk, "record_advice"),
        {"received_on": TODAY.isoformat(), "text": "De commissie adviseert: ongegrond."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["advice"]["attachment"] is None


@pytest.mark.parametrize(
    ("step", "body"),
    [
        ("decline", {"ground": "too_small", "explanation": "Het gaat om een kleinigheid."}),
        ("withdraw", {"note": "Per e-mail ingetrokken op 2 juni."}),
        (
            "forward_to_body",
            {"body_name": "Provincie Noord-Holland", "body_contact": "Postbus 1"},
        ),
    ],
)
def test_side_paths_close_the_complaint(api, users, complaint, step, body):
    response = api(users.handler).post(step_url(complaint.pk, step), body, format="json")

    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["state"] == "closed"
    assert (
        data["outcome"]
        == {
            "decline": "not_handled",
            "withdraw": "withdrawn",
            "forward_to_body": "forwarded_to_body",
        }[step]
    )
    if step == "decline":
        assert data["decline_ground"] == "too_small"
    if step == "forward_to_body":
        assert data["forwarded_to_body"] == "Provincie Noord-Holland"


def test_close_forwarded_needs_a_reply_first(api, users, complaint):
    response = api(users.handler).post(step_url(complaint.pk, "close_forwarded"), {}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert "terugkoppeling" in response.json()["non_field_errors"][0]


# --- Registration with the acknowledgement ----------------------------------------------


def test_registration_can_acknowledge_right_away(api, users, org):
    from .conftest import registration

    response = api(users.coordinator).post(
        COMPLAINTS_URL, registration(acknowledge=True), format="json"
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["state"] == "acknowledged"
    actions = [event["action"] for event in data["timeline"]]
    assert actions[0] == "registered"
    assert actions.count("acknowledge") == 1
    assert [letter["kind"] for letter in data["letters"]] == ["acknowledgement"]
    assert "acknowledge" not in data


def test_registration_acknowledges_only_when_the_user_may(api, users, org):
    """A handler registers a complaint without a handler: they may not take its steps."""
    from .conftest import registration

    response = api(users.handler).post(
        COMPLAINTS_URL,
        registration(acknowledge=True, department=org.dept_social.pk),
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "received"
    assert not Letter.objects.exists()


def test_registration_does_not_acknowledge_by_default(api, users, org):
    from .conftest import registration

    response = api(users.coordinator).post(COMPLAINTS_URL, registration(), format="json")

    assert response.status_code == 201
    assert response.json()["state"] == "received"


# --- Who may take each step, and when ---------------------------------------------------

#: A valid body per step, for the permission and state checks (the input is only
#: read once the permission and the state allow the step).
VALID = {
    Step.ACKNOWLEDGE: {},
    Step.LOG_CONTACT: contact(),
    Step.RESOLVE_INFORMALLY: {"agreement": "Opgelost."},
    Step.START_FORMAL: {},
    Step.OFFER_HEARING: {},
    Step.PLAN_HEARING: {"planned_at": "2099-01-05T10:00", "location": "Stadhuis"},
    Step.HOLD_HEARING: {"participants": "Zij", "record": "Verslag."},
    Step.SKIP_HEARING: {"ground": "waived", "person_not_heard_reason": "Schriftelijk."},
    Step.REQUEST_ADVICE: {"committee": "Commissie"},
    Step.RECORD_ADVICE: {"text": "Advies."},
    Step.DECIDE: {"findings": "B.", "conclusions": "C."},
    Step.SEND_CONCLUSION: {},
    Step.DECLINE: {"ground": "too_small", "explanation": "Klein."},
    Step.WITHDRAW: {"note": "Ingetrokken."},
    Step.FORWARD_TO_BODY: {"body_name": "Provincie"},
    Step.CLOSE_FORWARDED: {},
    Step.REOPEN: {"reason": "Toch niet tevreden."},
}


@pytest.fixture
def colleague(org):
    """A handler of the same department as the assigned handler: sees, may not act."""
    from django.contrib.auth.models import Group

    from vangnet.core.models import User
    from vangnet.core.roles import Role

    user = User.objects.create_user(username="colleague", department=org.dept_social)
    user.groups.add(Group.objects.get_or_create(name=Role.HANDLER.value)[0])
    return user


def forwarded(complaint, users, org):

    perform("forward", actor=users.coordinator, complaint=complaint, data={"partner": org.partner})
    return complaint


def test_anonymous_gets_401(api, complaint):
    for step in Step.values:
        response = api().post(step_url(complaint.pk, step), VALID[step], format="json")
        assert response.status_code == 401, step


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("partner", 403),  # sees the forwarded complaint, may not handle it
        ("colleague", 403),  # same department: sees it, is not its handler
        ("other_handler", 404),
        ("other_partner", 404),
        ("viewer", 404),
        ("nobody", 404),
    ],
)
def test_who_may_not_take_a_step(api, org, users, colleague, complaint, role, expected):
    forwarded(complaint, users, org)
    client = api(colleague if role == "colleague" else getattr(users, role))
    events_before = Event.objects.filter(complaint=complaint).count()

    for step in Step.values:
        response = client.post(step_url(complaint.pk, step), VALID[step], format="json")
        assert response.status_code == expected, (step, response.json())

    assert Event.objects.filter(complaint=complaint).count() == events_before
    assert Complaint.objects.get(pk=complaint.pk).state == State.RECEIVED


def test_a_closed_complaint_refuses_steps_to_the_handler_with_403_for_reopen(api, users, complaint):
    take(complaint, Step.WITHDRAW, users.handler, note="Ingetrokken.")
    client = api(users.handler)

    reopen = client.post(step_url(complaint.pk, "reopen"), VALID[Step.REOPEN], format="json")
    assert reopen.status_code == 403
    acknowledge = client.post(step_url(complaint.pk, "acknowledge"), {}, format="json")
    assert acknowledge.status_code == 409


STATES_TO_REACH = {
    State.RECEIVED: [],
    State.ACKNOWLEDGED: [(Step.ACKNOWLEDGE, {})],
    State.FORMAL: [(Step.ACKNOWLEDGE, {}), (Step.START_FORMAL, {})],
    State.CLOSED: [(Step.WITHDRAW, {"note": "Ingetrokken."})],
}


@pytest.mark.parametrize("state", list(STATES_TO_REACH))
def test_a_step_the_table_does_not_allow_is_409(api, users, complaint, state):
    for earlier, data in STATES_TO_REACH[state]:
        take(complaint, earlier, users.coordinator, **data)
    events_before = Event.objects.filter(complaint=complaint).count()
    client = api(users.coordinator)
    refused = [step for step in Step.values if step not in TRANSITIONS[state]]
    assert refused

    for step in refused:
        response = client.post(step_url(complaint.pk, step), VALID[step], format="json")
        assert response.status_code == 409, (step, response.json())
        assert "kan niet bij een klacht met status" in response.json()["detail"]

    assert Event.objects.filter(complaint=complaint).count() == events_before
    assert Complaint.objects.get(pk=complaint.pk).state == state


def test_a_report_is_not_handled_409(api, users, make_complaint):
    report = make_complaint(kind="report", theme=None, redirected_to="Meldpunt")

    response = api(users.coordinator).post(step_url(report.pk, "acknowledge"), {}, format="json")

    assert response.status_code == 409
    assert response.json()["detail"] == "Een melding wordt niet behandeld als klacht."


def test_a_missing_complaint_is_404(api, users):
    client = api(users.coordinator)
    assert client.post(step_url(999999, "acknowledge"), {}, format="json").status_code == 404


# --- Bad input: 400 per field, nothing stored -------------------------------------------


@pytest.mark.parametrize(
    ("setup", "step", "body", "errors"),
    [
        (
            [Step.ACKNOWLEDGE],
            Step.LOG_CONTACT,
            {"contacted_on": "2099-01-01", "channel": "pigeon", "notes": ""},
            {"channel"},  # the serializer's type check comes first
        ),
        (
            [Step.ACKNOWLEDGE],
            Step.LOG_CONTACT,
            {"contacted_on": "2099-01-01", "channel": "phone", "notes": " "},
            {"contacted_on", "notes"},
        ),
        ([], Step.DECLINE, {"explanation": "Te klein."}, {"ground"}),
        ([], Step.DECLINE, {"ground": "", "explanation": ""}, {"ground", "explanation"}),
        ([], Step.WITHDRAW, {}, {"note"}),
        ([Step.ACKNOWLEDGE, Step.START_FORMAL], Step.SKIP_HEARING, {"ground": "nope"}, {"ground"}),
        (
            [Step.ACKNOWLEDGE, Step.START_FORMAL],
            Step.SKIP_HEARING,
            {"ground": "manifestly_unfounded"},
            {"note", "person_not_heard_reason"},
        ),
        (
            [Step.ACKNOWLEDGE, Step.START_FORMAL, Step.OFFER_HEARING],
            Step.PLAN_HEARING,
            {"planned_at": "2000-01-01T10:00", "location": ""},
            {"planned_at", "location"},
        ),
        (
            [Step.ACKNOWLEDGE, Step.START_FORMAL, Step.OFFER_HEARING],
            Step.PLAN_HEARING,
            {"planned_at": "morgen", "location": "Stadhuis"},
            {"planned_at"},
        ),
        (
            [Step.ACKNOWLEDGE, Step.START_FORMAL, ("skip", "waived")],
            Step.DECIDE,
            {"findings": "B.", "conclusions": "C.", "parts": []},
            {"parts"},
        ),
        (
            [Step.ACKNOWLEDGE, Step.START_FORMAL, ("skip", "waived")],
            Step.DECIDE,
            {
                "findings": "",
                "conclusions": "C.",
                "parts": [{"summary": "A", "judgment": "well_founded", "reasoning": "R"}],
            },
            {"findings", "parts"},  # parts: a well-founded part names a norm
        ),
        (
            [Step.ACKNOWLEDGE, Step.START_FORMAL, ("skip", "waived")],
            Step.DECIDE,
            {"findings": "B.", "conclusions": "C.", "parts": [{"norms": ["rudeness"]}]},
            {"parts"},
        ),
        (["withdrawn"], Step.REOPEN, {"reason": ""}, {"reason"}),
    ],
)
def test_bad_input_is_400_per_field(api, users, complaint, setup, step, body, errors):
    for earlier in setup:
        if earlier == "withdrawn":
            take(complaint, Step.WITHDRAW, users.coordinator, note="Ingetrokken.")
        elif isinstance(earlier, tuple):
            take(
                complaint,
                Step.SKIP_HEARING,
                users.coordinator,
                ground=earlier[1],
                person_not_heard_reason="Beklaagde reageerde schriftelijk.",
            )
        else:
            take(complaint, earlier, users.coordinator)
    state = Complaint.objects.get(pk=complaint.pk).state
    events_before = Event.objects.filter(complaint=complaint).count()

    response = api(users.coordinator).post(step_url(complaint.pk, step), body, format="json")

    assert response.status_code == 400, response.json()
    assert set(response.json()) == errors
    for messages in response.json().values():
        assert messages and all(isinstance(m, str | dict) for m in messages)
    assert Event.objects.filter(complaint=complaint).count() == events_before
    assert Complaint.objects.get(pk=complaint.pk).state == state


def test_a_decline_without_a_ground_says_so_in_plain_dutch(api, users, complaint):
    response = api(users.handler).post(
        step_url(complaint.pk, "decline"), {"explanation": "Niet nodig."}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "ground": ["Kies de grond uit Awb 9:8 waarom de klacht niet in behandeling wordt genomen."]
    }
    assert not Letter.objects.filter(complaint=complaint).exists()


def test_a_decline_after_four_weeks_is_refused(api, users, make_complaint):
    old = make_complaint(received_on=TODAY - timedelta(weeks=6))

    response = api(users.coordinator).post(
        step_url(old.pk, "decline"), {"ground": "too_small", "explanation": "Klein."}, format="json"
    )

    assert response.status_code == 400
    assert "4 weken" in response.json()["ground"][0]


def test_the_decision_keeps_the_order_of_norms_and_drops_none(api, users, complaint):
    take(complaint, Step.ACKNOWLEDGE, users.handler)
    take(complaint, Step.START_FORMAL, users.handler)
    take(
        complaint,
        Step.SKIP_HEARING,
        users.handler,
        ground="waived",
        person_not_heard_reason="Beklaagde reageerde schriftelijk.",
    )
    body = {
        "findings": "B.",
        "conclusions": "C.",
        "parts": [
            {
                "part": complaint.parts.get().pk,
                "judgment": "partly_well_founded",
                "norms": ["professionalism", "listening"],
                "reasoning": "R",
            }
        ],
    }

    response = api(users.handler).post(step_url(complaint.pk, "decide"), body, format="json")

    assert response.status_code == 200, response.json()
    part = JudgmentPart.objects.get(decision__complaint=complaint)
    assert part.norms == ["professionalism", "listening"]
    # Shown in the Behoorlijkheidswijzer's order.
    shown = response.json()["decisions"][0]["parts"][0]["norms"]
    assert [n["code"] for n in shown] == ["listening", "professionalism"]


def test_every_step_has_one_endpoint_and_operation():
    endpoints = [get(step) for step in Step.values]
    paths = [endpoint.api_path for endpoint in endpoints]
    assert len(set(paths)) == len(paths) == len(Step.values)
    assert {e.operation_id for e in endpoints} == {f"complaints_{step}" for step in Step.values}


def test_a_refusal_after_the_state_changed_meanwhile_is_409(users, complaint):
    """The view looked at the state before the guard locked the complaint; when another
    request moved it in between, the guard's refusal still gives 409 (the API's one
    exception handler turns `Refused` into a conflict)."""
    from django.core.exceptions import ValidationError
    from rest_framework.exceptions import ValidationError as BadInput

    from vangnet.api.common.errors import Conflict, translate
    from vangnet.complaints.models import Complaint
    from vangnet.handling.guard import check_available

    take(complaint, Step.WITHDRAW, users.coordinator, note="Ingetrokken.")

    with pytest.raises(ValidationError) as refused:
        check_available(
            get("acknowledge"), Complaint.objects.get(pk=complaint.pk), users.coordinator
        )
    conflict = translate(refused.value)
    assert isinstance(conflict, Conflict)
    assert "kan niet bij een klacht met status" in str(conflict.detail)

    # An error about the step that the state does allow stays a 400 (ValidationError).
    assert isinstance(translate(ValidationError({"step": "Er is nog geen besluit."})), BadInput)
