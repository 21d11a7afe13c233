"""Rule bottlenecks and case discussions in the API: the same rules as the pages (the
services in `learning.bottlenecks` and `learning.discussions`)."""

from datetime import date, timedelta

import pytest

from vangnet.complaints.models import Event
from vangnet.learning.models import Bottleneck, CaseDiscussion, FollowUpAction

BOTTLENECKS = "/api/v1/bottlenecks/"
DISCUSSIONS = "/api/v1/case-discussions/"


@pytest.fixture
def complaint(make_complaint, users):
    complaint = make_complaint()
    complaint.handler = users.handler
    complaint.save(update_fields=["handler"])
    return complaint


def flag_body(complaint, **overrides):
    body = {
        "complaint": complaint.pk,
        "rule": "Beleidsregel bijzondere bijstand, art. 4: geen bijstand met terugwerkende kracht",
        "problem": "De aanvraag kwam te laat door een fout van de gemeente zelf.",
        "proposal": "Een uitzondering als de vertraging aan de gemeente ligt.",
    }
    body.update(overrides)
    return body


def test_a_handler_flags_their_complaint_and_the_coordinator_decides(api, users, complaint):
    response = api(users.handler).post(BOTTLENECKS, flag_body(complaint), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["complaint"] == {"id": complaint.pk, "reference": complaint.reference}
    assert data["state"] == "queued" and data["decision"] == ""
    assert Event.objects.filter(complaint=complaint, action="bottleneck_raised").exists()

    queue = api(users.coordinator).get(BOTTLENECKS, {"state": "queued"}).json()
    assert [row["id"] for row in queue["results"]] == [data["id"]]

    url = f"{BOTTLENECKS}{data['id']}/decision/"
    assert api(users.handler).post(url, {}, format="json").status_code == 403
    response = api(users.coordinator).post(
        url,
        {
            "decision": "exception",
            "decision_note": "De fout lag bij ons; de inwoner krijgt de bijstand alsnog.",
            "follow_up": "Werkinstructie aanpassen.",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    decided = response.json()
    assert decided["decision"] == "exception"
    assert decided["decided_on"] == date.today().isoformat()
    assert decided["state"] == "follow_up_open"
    assert api(users.coordinator).get(BOTTLENECKS, {"state": "queued"}).json()["count"] == 0


def test_bad_input_is_refused_with_messages_and_nothing_stored(api, users, complaint):
    coordinator = api(users.coordinator)
    response = coordinator.post(BOTTLENECKS, flag_body(complaint, rule="  "), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["rule"]
    assert not Bottleneck.objects.exists()

    response = coordinator.post(
        BOTTLENECKS, {**flag_body(complaint), "complaint": 999999}, format="json"
    )
    assert response.status_code == 400 and "complaint" in response.json()

    bottleneck = coordinator.post(BOTTLENECKS, flag_body(complaint), format="json").json()
    future = (date.today() + timedelta(days=3)).isoformat()
    response = coordinator.post(
        f"{BOTTLENECKS}{bottleneck['id']}/decision/",
        {"decision": "stays", "decision_note": "", "decided_on": future},
        format="json",
    )
    assert response.status_code == 400
    assert {"decision_note", "decided_on"} <= set(response.json())
    assert Bottleneck.objects.get().decision == ""

    assert coordinator.get(BOTTLENECKS, {"state": "nonsense"}).status_code == 400


def test_others_may_not_see_or_flag(api, users, complaint):
    assert api(users.partner).get(BOTTLENECKS).status_code == 403
    assert api(users.viewer).get(DISCUSSIONS).status_code == 403
    # A handler of another department does not see the complaint: it is "not found".
    response = api(users.other_handler).post(BOTTLENECKS, flag_body(complaint), format="json")
    assert response.status_code == 400 and "complaint" in response.json()
    assert not Bottleneck.objects.exists()


def test_a_case_discussion_with_actions_is_recorded_read_and_replaced(api, org, users, complaint):
    coordinator = api(users.coordinator)
    bottleneck = coordinator.post(BOTTLENECKS, flag_body(complaint), format="json").json()
    body = {
        "held_on": date.today().isoformat(),
        "subject": "Bijzondere bijstand",
        "participants": "Klachtcoördinator, teamleider Werk en Inkomen",
        "departments": [org.dept_social.pk],
        "partners": [org.partner.pk],
        "complaints": [complaint.reference],
        "bottlenecks": [bottleneck["id"]],
        "agreements": "Uitzondering voor deze inwoner; regel herzien.",
        "actions": [
            {"description": "Werkinstructie aanpassen", "owner": "Teamleider W&I"},
        ],
    }
    response = coordinator.post(DISCUSSIONS, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["complaints"] == [{"id": complaint.pk, "reference": complaint.reference}]
    assert data["bottlenecks"] == [bottleneck["id"]]
    assert data["departments"] == [{"id": org.dept_social.pk, "name": org.dept_social.name}]
    assert data["actions"][0]["owner"] == "Teamleider W&I"
    assert Bottleneck.objects.get().discussion_id == data["id"]
    assert Event.objects.filter(complaint=complaint, action="case_discussed").count() == 1

    listed = api(users.handler).get(DISCUSSIONS, {"year": date.today().year}).json()
    assert [row["id"] for row in listed["results"]] == [data["id"]]
    assert (
        api(users.handler).put(f"{DISCUSSIONS}{data['id']}/", body, format="json").status_code
        == 403
    )

    body["actions"] = [
        {"description": "Regel herzien", "owner": "Beleidsadviseur", "due_on": "2099-01-01"}
    ]
    response = coordinator.put(f"{DISCUSSIONS}{data['id']}/", body, format="json")
    assert response.status_code == 200, response.json()
    assert [a.owner for a in FollowUpAction.objects.all()] == ["Beleidsadviseur"]
    # Linking the same complaint again does not log it twice.
    assert Event.objects.filter(complaint=complaint, action="case_discussed").count() == 1


def test_a_bad_discussion_names_each_mistake_and_stores_nothing(api, users):
    response = api(users.coordinator).post(
        DISCUSSIONS,
        {
            "held_on": None,
            "participants": "",
            "complaints": ["2099-99999"],
            "actions": [{"description": "Iets doen", "owner": ""}],
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert {"held_on", "participants", "complaints", "actions"} <= set(errors)
    assert "owner" in errors["actions"]["0"]
    assert not CaseDiscussion.objects.exists() and not FollowUpAction.objects.exists()


def test_a_discussion_decides_its_bottlenecks_and_the_queue_is_searched(api, users, complaint):
    coordinator = api(users.coordinator)
    bottleneck = coordinator.post(BOTTLENECKS, flag_body(complaint), format="json").json()
    other = coordinator.post(
        BOTTLENECKS, flag_body(complaint, rule="Parkeerverordening, art. 2"), format="json"
    ).json()
    found = coordinator.get(BOTTLENECKS, {"q": "parkeer"}).json()
    assert [row["id"] for row in found["results"]] == [other["id"]]
    assert coordinator.get(BOTTLENECKS, {"q": "a\x00"}).status_code == 400

    body = {
        "held_on": date.today().isoformat(),
        "participants": "Klachtcoördinator",
        "complaints": [complaint.reference],
        "bottlenecks": [bottleneck["id"]],
        "decisions": [
            {"bottleneck": bottleneck["id"], "decision": "stays", "decision_note": ""},
            {"bottleneck": other["id"], "decision": "stays", "decision_note": "Niet besproken."},
            {"bottleneck": 999999, "decision": "stays", "decision_note": "x"},
        ],
    }
    response = coordinator.post(DISCUSSIONS, body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "decisions": {
            str(bottleneck["id"]): {
                "decision_note": ["Licht het besluit toe: waarom is zo besloten?"]
            },
            str(other["id"]): {
                "decision": [
                    "Zet dit knelpunt op de agenda van dit overleg om erover te besluiten."
                ]
            },
            "999999": {"bottleneck": ["Er is geen knelpunt met dit nummer."]},
        }
    }
    assert not CaseDiscussion.objects.exists()
    assert not Bottleneck.objects.exclude(decision="").exists()

    body["decisions"] = [
        {"bottleneck": bottleneck["id"], "decision": "stays", "decision_note": "Wet is wet."}
    ]
    response = coordinator.post(DISCUSSIONS, body, format="json")
    assert response.status_code == 201, response.json()
    decided = coordinator.get(f"{BOTTLENECKS}{bottleneck['id']}/").json()
    assert decided["decision"] == "stays" and decided["decided_on"] == date.today().isoformat()
    assert decided["discussion"] == response.json()["id"]
    assert [row["id"] for row in coordinator.get(BOTTLENECKS).json()["results"]] == [
        bottleneck["id"],
        other["id"],
    ]
    queued = coordinator.get(BOTTLENECKS, {"state": "queued"}).json()["results"]
    assert [row["id"] for row in queued] == [other["id"]]
