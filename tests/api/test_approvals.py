"""`GET /api/v1/approvals/` and the complaint's sign-off endpoints (`approve-letter/`,
`return-letter/`): the letters waiting for sign-off, to coordinators and mandated
signers only; approving sends the letter and closes the complaint."""

import pytest
from django.contrib.auth.models import Group

from tests.complaints.test_workflow import put_in_state
from tests.conftest import make_user
from vangnet.complaints.models import Complaint
from vangnet.complaints.workflow import State
from vangnet.core.roles import Role
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter

from .conftest import action_url

pytestmark = pytest.mark.django_db
URL = "/api/v1/approvals/"


@pytest.fixture
def waiting(org, make_complaint, users):
    """Two complaints (one per department) whose conclusion waits for sign-off."""
    org.municipality.signoff_kinds = ["conclusion", "decline"]
    org.municipality.save()
    drafts = []
    for department, handler in (
        (org.dept_social, users.handler),
        (org.dept_space, users.other_handler),
    ):
        complaint = make_complaint(department=department)
        perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": handler})
        complaint = put_in_state(complaint, State.DECIDED)
        drafts.append(perform("send_conclusion", actor=handler, complaint=complaint).prepared)
    return drafts


@pytest.fixture
def signer(org):
    """A mandated signer who is a handler of the social department."""
    user = make_user("signer", Role.SIGNER, department=org.dept_social)
    user.groups.add(Group.objects.get_or_create(name=Role.HANDLER.value)[0])
    return user


def test_the_coordinator_sees_every_waiting_letter(api, users, waiting):
    response = api(users.coordinator).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["id"] == waiting[0].pk
    assert first["kind"] == "conclusion"
    assert first["prepared_by"] == "handler"
    assert first["complaint_reference"] == waiting[0].complaint.reference
    assert first["approve_url"].endswith(f"/complaints/{waiting[0].complaint_id}/approve-letter/")


def test_a_signer_sees_the_letters_of_the_complaints_they_may_see(api, signer, waiting):
    body = api(signer).get(URL).json()
    assert [row["id"] for row in body["results"]] == [waiting[0].pk]


def test_others_sign_nothing(api, users, waiting):
    for user in (users.handler, users.partner, users.viewer):
        assert api(user).get(URL).status_code == 403
    assert api(None).get(URL).status_code in (401, 403)


def test_approving_through_the_api_sends_the_letter(api, users, signer, waiting):
    draft = waiting[0]
    client = api(signer)
    response = client.post(
        action_url(draft.complaint_id, "approve-letter"), {"letter": draft.pk}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["state"] == State.CLOSED
    assert Letter.objects.get(pk=draft.pk).signed_by == signer
    assert [row["id"] for row in client.get(URL).json()["results"]] == []
    # The signer may not approve a letter of a complaint they may not see.
    other = waiting[1]
    response = client.post(
        action_url(other.complaint_id, "approve-letter"), {"letter": other.pk}, format="json"
    )
    assert response.status_code == 404
    assert Complaint.objects.get(pk=other.complaint_id).state == State.DECIDED


def test_the_handler_who_prepared_may_not_approve(api, users, waiting):
    draft = waiting[0]
    response = api(users.handler).post(
        action_url(draft.complaint_id, "approve-letter"), {"letter": draft.pk}, format="json"
    )
    assert response.status_code == 403
    detail = api(users.handler).get(f"/api/v1/complaints/{draft.complaint_id}/").json()
    assert detail["allowed_actions"]["approve_letter"] is False
    detail = api(users.coordinator).get(f"/api/v1/complaints/{draft.complaint_id}/").json()
    assert detail["allowed_actions"]["approve_letter"] is True


def test_sending_back_through_the_api(api, users, waiting):
    draft = waiting[0]
    url = action_url(draft.complaint_id, "return-letter")
    client = api(users.coordinator)
    response = client.post(url, {"letter": draft.pk, "remark": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["remark"] == ["Schrijf op wat er anders moet."]
    response = client.post(url, {"letter": draft.pk, "remark": "Te lang."}, format="json")
    assert response.status_code == 200
    assert Letter.all_objects.get(pk=draft.pk).return_remark == "Te lang."
    response = client.post(
        action_url(draft.complaint_id, "approve-letter"), {"letter": draft.pk}, format="json"
    )
    assert response.status_code == 409  # nothing waits on this complaint any more
