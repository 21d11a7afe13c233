"""The API side of the copies not yet sent (Awb 9:9, 9:10): a complaint's `open_tasks`
in its detail, and `record_copy` at copies/record/: 400 per field, 409 when nothing is
open, allowed on a closed complaint."""

from datetime import timedelta

import pytest

from vangnet.complaints import deadlines
from vangnet.complaints.models import OpenTask
from vangnet.handling.guard import perform

from .conftest import action_url, detail_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(users, make_complaint):
    """Formal handling of a complaint about Werk en Inkomen, which has no e-mail address:
    the copy of Awb 9:9 is an open task."""
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    perform("acknowledge", actor=users.handler, complaint=complaint)
    perform("start_formal", actor=users.handler, complaint=complaint)
    return complaint


def test_the_detail_lists_the_open_tasks_and_allows_recording(api, users, complaint):
    task = OpenTask.objects.get()
    data = api(users.handler).get(detail_url(complaint.pk)).json()
    assert data["open_tasks"] == [
        {
            "id": task.pk,
            "kind": "copy_not_sent",
            "document": task.document,
            "letter_id": None,
            "recipient": "Werk en Inkomen",
            "created_at": data["open_tasks"][0]["created_at"],
        }
    ]
    assert data["allowed_actions"]["record_copy"] is True


def test_recording_closes_the_task(api, users, complaint):
    task = OpenTask.objects.get()
    response = api(users.handler).post(
        action_url(complaint.pk, "copies/record"),
        {"task": task.pk, "how_sent": "Per post op 3 december.", "sent_on": None},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["open_tasks"] == []
    assert response.json()["allowed_actions"]["record_copy"] is False
    task.refresh_from_db()
    assert (task.how_sent, task.sent_on, task.done_by) == (
        "Per post op 3 december.",
        deadlines.today(),
        users.handler,
    )
    again = api(users.handler).post(
        action_url(complaint.pk, "copies/record"),
        {"task": task.pk, "how_sent": "Nog eens."},
        format="json",
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"how_sent": ""}, {"how_sent"}),
        ({"how_sent": "Post.", "sent_on": "2999-01-01"}, {"sent_on"}),
        ({"how_sent": "Post.", "task": None}, {"task"}),
        ({"how_sent": "Post.", "task": "nope"}, {"task"}),
    ],
)
def test_bad_input_is_400_per_field(api, users, complaint, body, errors):
    task = OpenTask.objects.get()
    body = {"task": task.pk, **body}
    response = api(users.handler).post(
        action_url(complaint.pk, "copies/record"), body, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == errors
    assert OpenTask.objects.get().done_at is None


def test_a_task_of_another_complaint_is_400(api, users, make_complaint, complaint):
    other = make_complaint()
    perform("acknowledge", actor=users.coordinator, complaint=other)
    perform("start_formal", actor=users.coordinator, complaint=other)
    theirs = OpenTask.objects.get(complaint=other)
    response = api(users.coordinator).post(
        action_url(complaint.pk, "copies/record"),
        {"task": theirs.pk, "how_sent": "Post."},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"task": ["Deze kopie hoort niet bij deze klacht."]}


def test_also_on_a_closed_complaint(api, users, complaint):
    perform("withdraw", actor=users.handler, complaint=complaint, data={"note": "Ingetrokken."})
    task = OpenTask.objects.get()
    response = api(users.handler).post(
        action_url(complaint.pk, "copies/record"),
        {
            "task": task.pk,
            "how_sent": "Per post.",
            "sent_on": (deadlines.today() - timedelta(days=1)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 200, response.json()


def test_nothing_open_is_409(api, users, make_complaint):
    complaint = make_complaint()
    response = api(users.coordinator).post(
        action_url(complaint.pk, "copies/record"), {"how_sent": "Post."}, format="json"
    )
    assert response.status_code == 409
