"""The parts of a complaint (klachtonderdelen) through the API: `parts` at registration
(none, one, three; bad ones give 400 on `parts`), `POST .../parts/` with the full list
until the decision (409 after), `parts` in the detail, and the decision's `parts` keyed
by part id: every part judged exactly once. The pages: tests/handling/test_parts.py."""

import pytest

from vangnet.complaints.models import Complaint, Decision, Event
from vangnet.complaints.parts import PARTS_MAX
from vangnet.complaints.workflow import Step
from vangnet.handling.guard import perform
from vangnet.learning.models import Cause, Lesson
from vangnet.letters.models import Letter

from .conftest import COMPLAINTS_URL, action_url, detail_url, registration

pytestmark = pytest.mark.django_db


def step_url(pk: int, step: str) -> str:
    return action_url(pk, {Step.DECIDE: "decision", Step.SEND_CONCLUSION: "conclusion"}[step])


def register(client, **overrides):
    return client.post(COMPLAINTS_URL, registration(**overrides), format="json")


@pytest.fixture
def coordinator(api, users, org):
    return api(users.coordinator)


# --- At registration ------------------------------------------------------------------


def test_registered_without_parts_the_complaint_is_one_part(coordinator):
    response = register(coordinator)
    assert response.status_code == 201, response.json()
    [part] = response.json()["parts"]
    assert part["position"] == 1
    assert part["description"] == registration()["description"]
    assert part["department"] is None and part["norms"] == []


def test_register_one_part(coordinator):
    response = register(coordinator, parts=[{"description": "Niet teruggebeld."}])
    assert response.status_code == 201, response.json()
    assert [p["description"] for p in response.json()["parts"]] == ["Niet teruggebeld."]


def test_register_three_parts(coordinator, org):
    response = register(
        coordinator,
        parts=[
            {"description": "De aanvraag raakte kwijt.", "department": org.dept_social.pk},
            {"description": "De medewerker was onbeleefd."},
            {"description": "De aannemer liet rommel achter.", "partner": org.partner.slug},
        ],
    )
    assert response.status_code == 201, response.json()
    parts = response.json()["parts"]
    assert [(p["position"], p["description"]) for p in parts] == [
        (1, "De aanvraag raakte kwijt."),
        (2, "De medewerker was onbeleefd."),
        (3, "De aannemer liet rommel achter."),
    ]
    assert parts[0]["department"]["id"] == org.dept_social.pk
    assert parts[2]["partner"]["slug"] == org.partner.slug


@pytest.mark.parametrize(
    "parts, needle",
    [
        ([{"description": ""}], "beschrijf waar dit onderdeel over gaat"),
        ([{"description": "Kwijt.", "department": 999999}], "999999"),
        ([{"description": "Kwijt.", "partner": "bestaat-niet"}], "bestaat-niet"),
        ([{"description": f"Onderdeel {n}."} for n in range(PARTS_MAX + 1)], "Hoogstens 20"),
    ],
)
def test_bad_parts_at_registration_are_400_and_store_nothing(coordinator, parts, needle):
    response = register(coordinator, parts=parts)
    assert response.status_code == 400
    assert list(response.json()) == ["parts"]
    assert needle in str(response.json()["parts"])
    assert not Complaint.objects.exists()


# --- Later, until the decision --------------------------------------------------------


@pytest.fixture
def complaint(make_complaint, users):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


def test_change_the_parts_with_the_full_list(api, users, complaint, org):
    client = api(users.handler)
    [first] = client.get(detail_url(complaint.pk)).json()["parts"]
    assert client.get(detail_url(complaint.pk)).json()["allowed_actions"]["parts"] is True
    body = {
        "parts": [
            {"description": "Onbeleefd aan de balie."},
            {"id": first["id"], "description": "Kwijtgeraakte aanvraag."},
            {"description": "Niet teruggebeld.", "department": org.dept_social.pk},
        ]
    }
    response = client.post(action_url(complaint.pk, "parts"), body, format="json")
    assert response.status_code == 200, response.json()
    parts = response.json()["parts"]
    assert [p["description"] for p in parts] == [
        "Onbeleefd aan de balie.",
        "Kwijtgeraakte aanvraag.",
        "Niet teruggebeld.",
    ]
    assert parts[1]["id"] == first["id"]  # changed in place
    [event] = [e for e in response.json()["timeline"] if e["action"] == "parts_changed"]
    before, after = event["changes"]["parts"]
    assert before == f"1. {complaint.description}"
    assert after.startswith("1. Onbeleefd aan de balie.; 2. Kwijtgeraakte aanvraag.")

    # Leaving one out removes it.
    body = {"parts": [{"id": parts[2]["id"], "description": "Niet teruggebeld."}]}
    response = client.post(action_url(complaint.pk, "parts"), body, format="json")
    assert response.status_code == 200, response.json()
    assert [p["id"] for p in response.json()["parts"]] == [parts[2]["id"]]


@pytest.mark.parametrize(
    "body, needle",
    [
        ({}, "Geef de klachtonderdelen"),
        ({"parts": [{"id": 999999, "description": "X."}]}, "onbekend of dubbel"),
        ({"parts": [{"description": "   "}, {"description": "B."}]}, "Onderdeel 1: beschrijf"),
        ({"parts": [{"description": "B.", "department": 999999}]}, "999999"),
    ],
)
def test_bad_part_changes_are_400_and_change_nothing(api, users, complaint, body, needle):
    response = api(users.handler).post(action_url(complaint.pk, "parts"), body, format="json")
    assert response.status_code == 400
    assert needle in str(response.json()["parts"])
    assert [p.description for p in complaint.parts.all()] == [complaint.description]
    assert not Event.objects.filter(complaint=complaint, action="parts_changed").exists()


def heard(complaint, users):
    for step, data in [
        ("acknowledge", {}),
        ("start_formal", {"copy_note": "Per post."}),
        ("skip_hearing", {"ground": "waived", "person_not_heard_reason": "Niemand genoemd."}),
    ]:
        perform(step, actor=users.handler, complaint=complaint, data=data)
    return complaint


def judgments(part_ids, judgment="unfounded", norms=()):
    return [
        {"part": pk, "judgment": judgment, "norms": list(norms), "reasoning": "Motivering."}
        for pk in part_ids
    ]


def test_parts_are_fixed_once_decided_and_when_closed(api, users, complaint):
    heard(complaint, users)
    client = api(users.handler)
    [part] = complaint.parts.all()
    body = {"findings": "F.", "conclusions": "C.", "parts": judgments([part.pk])}
    assert client.post(step_url(complaint.pk, Step.DECIDE), body, format="json").status_code == 200
    change = {"parts": [{"description": "Nieuw."}]}
    response = client.post(action_url(complaint.pk, "parts"), change, format="json")
    assert response.status_code == 409
    assert "liggen de klachtonderdelen vast" in response.json()["detail"]
    assert client.get(detail_url(complaint.pk)).json()["allowed_actions"]["parts"] is False
    client.post(step_url(complaint.pk, Step.SEND_CONCLUSION), {}, format="json")
    response = client.post(action_url(complaint.pk, "parts"), change, format="json")
    assert response.status_code == 409
    assert [p.description for p in complaint.parts.all()] == [complaint.description]


# --- The decision, keyed by part ----------------------------------------------------------


def test_decide_one_part(api, users, complaint):
    heard(complaint, users)
    [part] = complaint.parts.all()
    body = {
        "findings": "F.",
        "conclusions": "C.",
        "parts": judgments([part.pk], "well_founded", ["promptness"]),
    }
    response = api(users.handler).post(step_url(complaint.pk, Step.DECIDE), body, format="json")
    assert response.status_code == 200, response.json()
    [judged] = response.json()["decisions"][0]["parts"]
    assert (judged["part"], judged["judgment"]) == (part.pk, "well_founded")
    assert [n["code"] for n in response.json()["parts"][0]["norms"]] == ["promptness"]


def test_decide_four_parts_then_the_lesson_reuses_their_norms(api, users, complaint):
    heard(complaint, users)
    client = api(users.handler)
    body = {"parts": [{"description": f"Onderdeel {n}."} for n in "ABCD"]}
    ids = [
        p["id"]
        for p in client.post(action_url(complaint.pk, "parts"), body, format="json").json()["parts"]
    ]
    parts = [
        {"part": ids[0], "judgment": "well_founded", "norms": ["promptness"], "reasoning": "R1"},
        {"part": ids[1], "judgment": "unfounded", "norms": [], "reasoning": "R2"},
        {
            "part": ids[2],
            "judgment": "partly_well_founded",
            "norms": ["listening"],
            "reasoning": "R3",
        },
        {"part": ids[3], "judgment": "no_judgment", "norms": [], "reasoning": "R4"},
    ]
    body = {"findings": "F.", "conclusions": "C.", "parts": list(reversed(parts))}
    response = client.post(step_url(complaint.pk, Step.DECIDE), body, format="json")
    assert response.status_code == 200, response.json()
    judged = response.json()["decisions"][0]["parts"]
    # In the parts' order, whatever the order of the request.
    assert [(j["position"], j["part"], j["judgment"]) for j in judged] == [
        (n, p["part"], p["judgment"]) for n, p in enumerate(parts, start=1)
    ]
    assert response.json()["decisions"][0]["outcome"] == "partly_well_founded"

    cause = Cause.objects.get_or_create(name="Communicatie en informatie")[0]
    response = client.post(
        step_url(complaint.pk, Step.SEND_CONCLUSION), {"cause": str(cause.pk)}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert Lesson.objects.get(complaint=complaint).norms == ["listening", "promptness"]
    html = Letter.objects.get(complaint=complaint, kind="conclusion").html
    for number, description in enumerate(["A", "B", "C", "D"], start=1):
        assert f"Klachtonderdeel {number}" in html and f"Onderdeel {description}." in html


@pytest.mark.parametrize(
    "make_parts, needle",
    [
        (lambda ids: judgments(ids[:1]), "Onderdeel 2 heeft nog geen oordeel."),
        (lambda ids: judgments([ids[0], ids[0], ids[1]]), "meer dan één oordeel"),
        (lambda ids: judgments([*ids, 999999]), "geen klachtonderdeel van deze klacht"),
        (
            lambda ids: judgments([ids[0]]) + [{"judgment": "unfounded", "reasoning": "R"}],
            "geen klachtonderdeel",
        ),
        (lambda ids: judgments(ids, "unfounded", ["bestaat-niet"]), "bestaat-niet"),
        (lambda ids: [], "Geef per klachtonderdeel een oordeel."),
    ],
)
def test_every_part_is_judged_exactly_once(api, users, complaint, make_parts, needle):
    heard(complaint, users)
    client = api(users.handler)
    body = {"parts": [{"description": "Een."}, {"description": "Twee."}]}
    client.post(action_url(complaint.pk, "parts"), body, format="json")
    ids = list(complaint.parts.values_list("pk", flat=True))
    body = {"findings": "F.", "conclusions": "C.", "parts": make_parts(ids)}
    response = client.post(step_url(complaint.pk, Step.DECIDE), body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["parts"]
    assert needle in str(response.json()["parts"])
    assert not Decision.objects.filter(complaint=complaint).exists()
    assert Complaint.objects.get(pk=complaint.pk).state == "heard"
    assert all(p.norms == [] for p in complaint.parts.all())
