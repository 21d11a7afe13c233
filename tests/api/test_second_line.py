"""The second line in the API: ombudsman cases, recommendations and the response, the
cost per body and the scenarios."""

from datetime import date
from decimal import Decimal

import pytest

from vangnet.learning import second_line
from vangnet.learning.models import OmbudsmanCase, Recommendation
from vangnet.organisations.models import CostModel, Ombudsman

CASES = "/api/v1/ombudsman-cases/"


@pytest.fixture
def complaint(make_complaint):
    return make_complaint(received_on=date(2026, 1, 5))


def body(org, **overrides):
    values = {
        "ombudsman": org.ombudsman.pk,
        "reference": "2026.001",
        "received_on": "2026-02-01",
        "kind": "investigation",
    }
    values.update(overrides)
    return values


def test_register_read_and_list(api, org, users, complaint):
    coordinator = api(users.coordinator)
    response = coordinator.post(CASES, body(org, complaint=complaint.reference), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["ombudsman"] == {"id": org.ombudsman.pk, "name": "Nationale ombudsman"}
    assert data["complaint"] == {"id": complaint.pk, "reference": complaint.reference}
    assert data["body"]["id"] == complaint.body_id
    assert data["outcome"] is None and data["recommendations"] == []
    assert complaint.events.filter(action=second_line.ACTION_CASE).count() == 1
    # The handler reads, the list filters.
    handler = api(users.handler)
    listed = handler.get(CASES, {"state": "open", "q": "2026.0"}).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == data["id"]
    assert handler.get(CASES, {"state": "closed"}).json()["count"] == 0
    assert handler.get(CASES, {"year": "2025"}).json()["count"] == 0
    assert handler.get(CASES, {"kind": "report"}).json()["count"] == 0
    assert handler.get(CASES, {"year": "twee"}).status_code == 400
    assert handler.get(CASES, {"state": "x"}).status_code == 400
    assert handler.get(f"{CASES}{data['id']}/").json()["reference"] == "2026.001"
    assert handler.get(f"{CASES}999999/").status_code == 404


def test_errors_per_field_and_nothing_stored(api, org, users):
    coordinator = api(users.coordinator)
    response = coordinator.post(
        CASES, body(org, reference="", received_on="2999-01-01", complaint="2026-99999"),
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"reference", "received_on", "complaint"}
    assert errors["complaint"] == ["Er is geen klacht met kenmerk 2026-99999."]
    coordinator.post(CASES, body(org), format="json")
    duplicate = coordinator.post(CASES, body(org), format="json")
    assert duplicate.status_code == 400
    assert "Er is al een zaak van Nationale ombudsman" in duplicate.json()["reference"][0]
    assert OmbudsmanCase.objects.count() == 1
    assert coordinator.post(CASES, body(org, kind="nope"), format="json").status_code == 400


def test_permissions(api, org, users):
    for user in (users.handler, users.viewer, users.partner):
        assert api(user).post(CASES, body(org), format="json").status_code == 403
    for user in (users.viewer, users.partner, users.nobody):
        assert api(user).get(CASES).status_code == 403
    assert api().get(CASES).status_code in (401, 403)
    assert api(users.handler).get("/api/v1/second-line/costs/").status_code == 403
    assert api(users.viewer).get("/api/v1/second-line/costs/").status_code == 200
    assert api(users.viewer).get("/api/v1/second-line/scenarios/").status_code == 200


def test_close_recommend_and_respond(api, org, users, complaint):
    coordinator = api(users.coordinator)
    case_id = coordinator.post(
        CASES, body(org, complaint=complaint.reference), format="json"
    ).json()["id"]
    url = f"{CASES}{case_id}/"
    response = coordinator.patch(
        url, {"closed_on": "2026-01-01", "outcome": "report"}, format="json"
    )
    assert response.status_code == 400 and "closed_on" in response.json()
    response = coordinator.patch(
        url, {"closed_on": "2026-03-01", "outcome": "report"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["outcome"] == "report"
    assert api(users.handler).patch(url, {"summary": "x"}, format="json").status_code == 403

    response = coordinator.post(
        f"{url}recommendations/",
        {"text": "Leg beter uit.", "made_on": "2026-03-01", "respond_by": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 400 and "respond_by" in response.json()
    response = coordinator.post(
        f"{url}recommendations/",
        {"text": "Leg beter uit.", "made_on": "2026-03-01", "respond_by": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 201
    recommendation = response.json()
    assert recommendation["response"] is None
    assert recommendation["state"] in ("awaiting", "overdue")
    response = coordinator.patch(
        f"/api/v1/recommendations/{recommendation['id']}/",
        {"response": "not_followed", "responded_on": "2026-03-05", "response_text": "Nee."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "answered_late"
    assert Recommendation.objects.get().response == "not_followed"
    bad = coordinator.patch(
        f"/api/v1/recommendations/{recommendation['id']}/",
        {"response": "followed", "responded_on": "2026-02-01"},
        format="json",
    )
    assert bad.status_code == 400 and "responded_on" in bad.json()
    assert coordinator.get(url).json()["recommendations"][0]["response_text"] == "Nee."


def test_costs_and_scenarios(api, org, users):
    national = org.ombudsman
    national.cost_model = CostModel.PER_INHABITANT
    national.amount_per_inhabitant = Decimal("0.1953")
    national.save()
    joint = Ombudsman.objects.create(
        name="Gezamenlijke Ombudsman",
        kind=Ombudsman.Kind.JOINT,
        address="Postbus 1",
        cost_model=CostModel.CONTRIBUTION,
        yearly_amount=Decimal("43297.29"),
        included_complaints=100,
        price_per_extra_complaint=Decimal("432.97"),
    )
    viewer = api(users.viewer)
    data = viewer.get(
        "/api/v1/second-line/scenarios/",
        {"from": 99, "to": 101, "step": 1, "inhabitants": 159709},
    ).json()
    assert (data["from"], data["to"], data["step"], data["inhabitants"]) == (99, 101, 1, 159709)
    costs = {
        row["cases"]: {c["ombudsman"]: c["cost"] for c in row["costs"]} for row in data["rows"]
    }
    assert costs[100] == {national.pk: "31191.17", joint.pk: "43297.29"}
    assert costs[101][joint.pk] == "43730.26"
    assert {"dearer": national.pk, "cheaper": joint.pk, "cases": None, "inhabitants": 221697,
            "at_cases": 99} in data["break_even"]  # fmt: skip
    bad = viewer.get("/api/v1/second-line/scenarios/", {"step": "0", "from": "x"})
    assert bad.status_code == 400 and set(bad.json()) == {"step", "from"}

    result = viewer.get("/api/v1/second-line/costs/", {"year": 2026}).json()
    college = next(b for b in result["bodies"] if b["body"]["id"] == org.college.pk)
    # The fixture's arrangement has no cost terms: unknown, not 0.
    assert college["cost"] is None and college["arrangement"]["cost_model"] is None
    assert college["parts"][0]["days"] == 365
    assert viewer.get("/api/v1/second-line/costs/", {"year": "1800"}).status_code == 400
