"""Lessons and improvement measures in the API: the same rules as the pages."""

from datetime import date, timedelta

import pytest

from vangnet.learning.models import Cause, Lesson, Measure

MEASURES = "/api/v1/measures/"


@pytest.fixture
def complaint(make_complaint, users):
    complaint = make_complaint()
    complaint.handler = users.handler
    complaint.save(update_fields=["handler"])
    return complaint


def body(org, complaint=None, **overrides):
    values = {
        "title": "Terugbelafspraken vastleggen",
        "department": org.dept_social.pk,
        "due_on": (date.today() + timedelta(days=30)).isoformat(),
        "complaints": [complaint.reference] if complaint else [],
    }
    values.update(overrides)
    return values


def test_causes_and_a_complaints_lesson(api, users, complaint):
    Cause.objects.get_or_create(name="Communicatie en informatie")  # flushed or not
    causes = api(users.handler).get("/api/v1/causes/").json()
    assert causes and all(set(c) == {"id", "name", "description"} for c in causes)
    url = f"/api/v1/complaints/{complaint.pk}/lesson/"
    assert api(users.handler).get(url).status_code == 404
    response = api(users.handler).put(
        url,
        {"cause": causes[0]["id"], "lessons": "Eerder bellen.", "norms": ["listening"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert api(users.handler).get(url).json()["cause"]["id"] == causes[0]["id"]
    response = api(users.handler).put(url, {"cause": 999999, "norms": ["nee"]}, format="json")
    assert response.status_code == 400 and {"cause", "norms"} <= set(response.json())
    assert Lesson.objects.get().lessons == "Eerder bellen."
    # Someone who may not see the complaint: not found.
    assert (
        api(users.other_handler).put(url, {"cause": causes[0]["id"]}, format="json").status_code
        == 404
    )
    assert api(users.partner).get("/api/v1/causes/").status_code == 403
    assert Cause.objects.exists()


def test_open_list_and_progress_a_measure(api, org, users, complaint):
    response = api(users.coordinator).post(MEASURES, body(org, complaint), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["complaints"] == [complaint.reference] and data["state"] == "open"
    assert data["department"]["id"] == org.dept_social.pk and data["overdue"] is False

    assert api(users.handler).post(MEASURES, body(org), format="json").status_code == 403
    listed = api(users.handler).get(MEASURES, {"department": org.dept_social.pk}).json()
    assert [m["id"] for m in listed["results"]] == [data["id"]]
    assert api(users.partner).get(MEASURES).json()["count"] == 0
    assert api(users.viewer).get(MEASURES).status_code == 403

    url = f"{MEASURES}{data['id']}/"
    # The owner records progress but may not change what the measure is.
    assert api(users.handler).patch(url, {"title": "Anders"}, format="json").status_code == 403
    response = api(users.handler).patch(url, {"state": "done", "result": ""}, format="json")
    assert response.status_code == 400 and "result" in response.json()
    response = api(users.handler).patch(
        url, {"state": "done", "result": "Staat in het systeem."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["closed_on"] == date.today().isoformat()
    assert api(users.coordinator).get(MEASURES, {"state": "done"}).json()["count"] == 1


def test_bad_measures_are_refused_whole(api, org, users):
    response = api(users.coordinator).post(
        MEASURES,
        body(org, title="", due_on=None, partner=org.partner.pk, complaints=["2099-99999"]),
        format="json",
    )
    assert response.status_code == 400
    assert {"title", "due_on", "department", "complaints"} <= set(response.json())
    assert not Measure.objects.exists()
    assert api(users.coordinator).get(MEASURES, {"state": "nonsense"}).status_code == 400
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    api(users.coordinator).post(MEASURES, body(org, due_on=yesterday), format="json")
    overdue = api(users.coordinator).get(MEASURES, {"state": "overdue"}).json()
    assert overdue["count"] == 1 and overdue["results"][0]["overdue"] is True


def test_a_closing_step_takes_the_lesson(api, users, complaint):
    """The closing steps' bodies are derived from their forms, lesson fields included:
    a wrong cause refuses the whole step, a right one records the lesson with it."""
    from vangnet.complaints.models import Complaint, Contact

    Contact.objects.create(
        complaint=complaint, contacted_on=date.today(), channel="phone", notes="Gebeld."
    )
    Complaint.objects.filter(pk=complaint.pk).update(state="in_progress")
    url = f"/api/v1/complaints/{complaint.pk}/resolve-informally/"
    response = api(users.handler).post(
        url, {"agreement": "Excuses.", "cause": 999_999, "lessons": "Iets."}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["cause"] == ["Kies een oorzaak uit de lijst."]
    assert Complaint.objects.get(pk=complaint.pk).state == "in_progress"
    assert not Lesson.objects.exists()
    cause = Cause.objects.get_or_create(name="Communicatie en informatie")[0]
    response = api(users.handler).post(
        url, {"agreement": "Excuses.", "cause": cause.pk, "norms": ["listening"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert Complaint.objects.get(pk=complaint.pk).state == "closed"
    lesson = api(users.handler).get(f"/api/v1/complaints/{complaint.pk}/lesson/").json()
    assert (lesson["cause"]["id"], lesson["norms"]) == (cause.pk, ["listening"])


def test_filters_that_are_not_numbers_are_refused(api, users):
    for value in ("abc", "²", "-1"):
        response = api(users.coordinator).get(MEASURES, {"department": value})
        assert response.status_code == 400 and "department" in response.json()
